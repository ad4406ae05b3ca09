import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Webhook, WebhookDelivery, WebhookWithSecret } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { commaList, positiveInteger, withApi } from './api-session';

export function registerWebhookCommands(program: Command, contextOf: ContextOf): void {
  const webhook = program.command('webhook').description("Push delivery to your agency's system (Standard Webhooks): endpoints, secrets, the delivery log, replays");
  webhook
    .command('add')
    .description('Register an HTTPS endpoint; prints its signing secret, this once')
    .requiredOption('--url <url>', "your system's endpoint")
    .option('--events <types>', 'comma-separated event types to deliver (default: every type)', commaList)
    .action(action(contextOf, add));
  webhook.command('list').description("Your agency's endpoints (never their secrets)").action(action(contextOf, list));
  webhook
    .command('rotate-secret')
    .description('A new signing secret, printed this once; the old one still signs during the overlap')
    .requiredOption('--webhook <id>', 'the endpoint', uuidArgument)
    .action(action(contextOf, rotate));
  webhook
    .command('deliveries')
    .description('The delivery log, newest first')
    .option('--limit <n>', 'how many (max 500)', positiveInteger)
    .addOption(new Option('--status <status>', 'only these').choices(['pending', 'delivered', 'dead', 'cancelled']))
    .action(action(contextOf, deliveries));
  webhook.command('replay').description('Deliver an event again (by the eventId of its payload or the log)').requiredOption('--event <id>', 'the event id', eventIdArgument).action(action(contextOf, replay));
  webhook.command('remove').description('Remove an endpoint: nothing more is delivered to it').requiredOption('--webhook <id>', 'the endpoint', uuidArgument).action(action(contextOf, remove));
}

function eventIdArgument(value: string): string {
  if (!/^[1-9]\d{0,17}$/.test(value)) throw new InvalidArgumentError('expected an event id (digits).');
  return value;
}

async function add(context: CliContext, options: { url: string; events?: string[] }): Promise<CommandOutput> {
  const added = await withApi(context, 'keystore-optional', (client) => client.webhooks.add(options.url, options.events ?? []));
  return { json: added, text: `Registered webhook ${added.id}.\n${withSecret(added)}` };
}

async function list(context: CliContext): Promise<CommandOutput> {
  const hooks = await withApi(context, 'keystore-optional', (client) => client.webhooks.list());
  return { json: hooks, text: hooks.length === 0 ? 'No webhooks.' : hooks.map(webhookLine).join('\n') };
}

async function rotate(context: CliContext, options: { webhook: string }): Promise<CommandOutput> {
  const rotated = await withApi(context, 'keystore-optional', (client) => client.webhooks.rotateSecret(options.webhook));
  return { json: rotated, text: `Rotated the secret of webhook ${rotated.id}.\n${withSecret(rotated)}` };
}

async function deliveries(context: CliContext, options: { limit?: number; status?: WebhookDelivery['status'] }): Promise<CommandOutput> {
  const log = await withApi(context, 'keystore-optional', (client) => client.webhooks.deliveries({ limit: options.limit, status: options.status }));
  return { json: log, text: log.length === 0 ? 'No deliveries.' : log.map(deliveryLine).join('\n') };
}

async function replay(context: CliContext, options: { event: string }): Promise<CommandOutput> {
  const ids = await withApi(context, 'keystore-optional', (client) => client.webhooks.replay(options.event));
  return { json: { deliveryIds: ids }, text: `Queued ${ids.length} ${ids.length === 1 ? 'delivery' : 'deliveries'}: ${ids.join(', ')}` };
}

async function remove(context: CliContext, options: { webhook: string }): Promise<CommandOutput> {
  await withApi(context, 'keystore-optional', (client) => client.webhooks.remove(options.webhook));
  return { json: { removed: options.webhook }, text: `Removed webhook ${options.webhook}.` };
}

function webhookLine(hook: Webhook): string {
  const types = hook.eventTypes.length === 0 ? 'every event' : hook.eventTypes.join(',');
  const overlap = hook.previousSecretValidUntil ? `  (previous secret signs until ${hook.previousSecretValidUntil})` : '';
  return `${hook.id}  ${hook.url}  ${types}${overlap}`;
}

function withSecret(hook: WebhookWithSecret): string {
  return lines([
    ['url', hook.url],
    ['events', hook.eventTypes.length === 0 ? 'every type' : hook.eventTypes.join(', ')],
    ['secret', hook.secret],
    ['note', 'the secret is shown this once: keep it in your system\'s secret store'],
  ]);
}

function deliveryLine(delivery: WebhookDelivery): string {
  const outcome = delivery.status === 'pending' && delivery.nextAttemptAt ? `pending, next ${delivery.nextAttemptAt}` : delivery.status;
  const last = delivery.lastError ?? (delivery.lastStatusCode !== null ? `answered ${delivery.lastStatusCode}` : '');
  return `${delivery.createdAt}  event ${delivery.eventId}  ${delivery.eventType.padEnd(24)} ${outcome}  attempts ${delivery.attempts}${last ? `  ${last}` : ''}${delivery.replay ? '  (replay)' : ''}`;
}
