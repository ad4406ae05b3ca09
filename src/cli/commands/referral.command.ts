import { type Command, Option } from 'commander';
import { PURPOSE_CODES } from '../../consent/consent.vocabulary';
import { REFERRAL_OUTCOMES, REFERRAL_PRIORITIES, REFERRAL_STATUSES } from '../../referrals/referral.vocabulary';
import type { OpenedReferral, Referral, ReferralRequest, StatusMove } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { STDIO, writeOutput } from '../file-io';
import type { NameOf } from './agency-names';
import { instantArgument, positiveInteger, readJsonObject, readText, withApi, withApiNamed } from './api-session';

interface SendOptions {
  case: string;
  to: string;
  consent: string;
  purpose: ReferralRequest['purpose'];
  priority: ReferralRequest['priority'];
  content: string;
  idempotencyKey?: string;
}

interface ListOptions {
  box: 'in' | 'out';
  status?: Referral['status'];
  since?: string;
  limit?: number;
}

interface StatusOptions {
  referral: string;
  set: StatusMove['status'];
  reason?: StatusMove['reason'];
  outcome?: StatusMove['outcome'];
  version?: number;
}

export function registerReferralCommands(program: Command, contextOf: ContextOf): void {
  const referral = program.command('referral').description('Closed-loop referrals between agencies (sealed for exactly the two of them)');
  referral
    .command('send')
    .description("Refer a case to another agency under the survivor's release; the packet is a JSON file, sealed here")
    .requiredOption('--case <id>', 'your case', uuidArgument)
    .requiredOption('--to <agencyId>', 'the receiving agency', uuidArgument)
    .requiredOption('--consent <id>', 'the release to the receiver this referral rests on', uuidArgument)
    .addOption(new Option('--purpose <code>', 'must be the release\'s purpose').choices(PURPOSE_CODES).makeOptionMandatory())
    .addOption(new Option('--priority <priority>', 'urgent = needs shelter now').choices(REFERRAL_PRIORITIES).default('routine'))
    .requiredOption('--content <file>', 'the referral packet as a JSON object ("-" for stdin)')
    .option('--idempotency-key <key>', 'reuse a key you stored to make this send repeatable across restarts (default: a fresh one)')
    .action(action(contextOf, send));
  referral
    .command('list')
    .description('Your inbox (--box in) or outbox (--box out), newest first')
    .addOption(new Option('--box <box>', 'in: received; out: sent').choices(['in', 'out']).makeOptionMandatory())
    .addOption(new Option('--status <status>', 'only this status').choices(REFERRAL_STATUSES))
    .option('--since <time>', 'only referrals created at or after this time', instantArgument)
    .option('--limit <n>', 'stop after n referrals', positiveInteger)
    .action(action(contextOf, list));
  referral
    .command('show')
    .description('Open a referral: metadata, history and the verified packet (a logged disclosure)')
    .requiredOption('--referral <id>', 'the referral', uuidArgument)
    .option('--out <file>', 'write the packet JSON to this file (mode 0600) instead of printing it')
    .action(action(contextOf, show));
  referral
    .command('status')
    .description('Move the referral (receiver: received, accepted, rejected, in_progress, on_hold, completed, failed; either side: cancelled)')
    .requiredOption('--referral <id>', 'the referral', uuidArgument)
    .addOption(new Option('--set <status>', 'the new status').choices(REFERRAL_STATUSES).makeOptionMandatory())
    .option('--reason <code>', 'required for rejected, cancelled, on_hold, failed, entered_in_error')
    .addOption(new Option('--outcome <code>', "the receiver's coded outcome for the survivor").choices(REFERRAL_OUTCOMES))
    .option('--version <n>', 'the version you read (default: read it first)', positiveInteger)
    .action(action(contextOf, status));
  referral
    .command('outcome')
    .description('Receiver: share an outcome note back (--share <file>). Sender: open the outcome note (a logged disclosure)')
    .requiredOption('--referral <id>', 'the referral', uuidArgument)
    .option('--share <file>', 'the outcome note text, from a file or stdin ("-"); sealed for you and the sender')
    .option('--out <file>', 'write the opened note to this file (mode 0600) instead of printing it')
    .action(action(contextOf, outcome));
}

async function send(context: CliContext, options: SendOptions): Promise<CommandOutput> {
  const content = await readJsonObject(context, options.content, 'the referral packet');
  const request: ReferralRequest = { fromCaseId: options.case, toAgencyId: options.to, consentId: options.consent, purpose: options.purpose, priority: options.priority, content, idempotencyKey: options.idempotencyKey };
  const { result: sent, nameOf } = await withApiNamed(context, 'needs-keystore', (client) => client.referrals.send(request));
  const verb = sent.replayed ? 'Already sent (this key and request were seen before):' : 'Sent referral';
  return { json: sent, text: `${verb} ${sent.id}.\n${referralLines(sent, nameOf)}\nidempotency key: ${sent.idempotencyKey}` };
}

async function list(context: CliContext, options: ListOptions): Promise<CommandOutput> {
  const { result: found, nameOf } = await withApiNamed(context, 'keystore-optional', async (client) => {
    const referrals: Referral[] = [];
    for await (const each of client.referrals.list({ box: options.box, status: options.status, since: options.since })) {
      referrals.push(each);
      if (referrals.length === options.limit) break;
    }
    return referrals;
  });
  const other = (r: Referral) => (r.yourSide === 'sender' ? `to ${nameOf(r.toAgencyId)}` : `from ${nameOf(r.fromAgencyId)}`);
  const text = found.length === 0 ? `No referrals in your ${options.box === 'in' ? 'inbox' : 'outbox'}.` : found.map((r) => `${r.id}  ${r.status.padEnd(16)} ${r.priority.padEnd(7)} ${other(r)}  ${r.createdAt}`).join('\n');
  return { json: found, text };
}

async function show(context: CliContext, options: { referral: string; out?: string }): Promise<CommandOutput> {
  const { result: opened, nameOf } = await withApiNamed(context, 'needs-keystore', (client) => client.referrals.get(options.referral));
  const packet = `${JSON.stringify(opened.content, null, 2)}\n`;
  const toFile = options.out !== undefined && options.out !== STDIO;
  if (toFile) await writeOutput(context.io, options.out as string, packet);
  const text = [referralLines(opened, nameOf), historyText(opened), toFile ? `Wrote the verified packet to ${options.out}.` : `packet (verified, sealed by ${nameOf(opened.record.authorAgencyId)}):\n${packet}`].join('\n');
  return { json: toFile ? { ...opened, content: undefined, out: options.out } : opened, text };
}

async function status(context: CliContext, options: StatusOptions): Promise<CommandOutput> {
  const move: StatusMove = { status: options.set, reason: options.reason, outcome: options.outcome, version: options.version };
  const moved = await withApi(context, 'keystore-optional', (client) => client.referrals.setStatus(options.referral, move));
  return { json: moved, text: `Referral ${moved.id} is now ${moved.status} (version ${moved.version}).` };
}

async function outcome(context: CliContext, options: { referral: string; share?: string; out?: string }): Promise<CommandOutput> {
  if (options.share !== undefined) {
    const text = await readText(context, options.share, 'the outcome note');
    const shared = await withApi(context, 'needs-keystore', (client) => client.referrals.shareOutcome(options.referral, text));
    return { json: shared, text: `Shared the outcome note of referral ${shared.id} with the sender (version ${shared.version}).` };
  }
  const note = await withApi(context, 'needs-keystore', (client) => client.referrals.readOutcome(options.referral));
  if (options.out !== undefined && options.out !== STDIO) {
    await writeOutput(context.io, options.out, note.text);
    return { json: { record: note.record, out: options.out }, text: `Wrote the verified outcome note (by ${note.record.authorAgencyId}) to ${options.out}.` };
  }
  return { json: note, text: `outcome note (verified, by ${note.record.authorAgencyId}, ${note.record.createdAt}):\n${note.text}` };
}

function referralLines(referral: Referral, nameOf: NameOf): string {
  return lines([
    ['referral', referral.id],
    ['side', referral.yourSide],
    ['from', nameOf(referral.fromAgencyId)],
    ['to', nameOf(referral.toAgencyId)],
    ['your case', referral.caseId],
    ['release', referral.consentId],
    ['purpose', referral.purpose],
    ['priority', referral.priority],
    ['status', `${referral.status}${referral.statusReason ? ` (${referral.statusReason})` : ''} — version ${referral.version}`],
    ['outcome', referral.outcome ?? (referral.outcomeAvailable ? 'note available' : '-')],
  ]);
}

function historyText(referral: OpenedReferral): string {
  return ['history:', ...referral.history.map((c) => `  v${c.version}  ${c.changedAt}  ${c.side.padEnd(8)} ${c.fromStatus ?? '-'} → ${c.toStatus}${c.reason ? ` (${c.reason})` : ''}${c.outcome ? ` outcome ${c.outcome}` : ''}`)].join('\n');
}
