import type { Command } from 'commander';
import type { AgencyEvent } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf } from '../command-kit';
import { positiveInteger, withApi } from './api-session';

interface EventsOptions {
  after?: string;
  follow?: boolean;
  interval: number;
  limit?: number;
}

export function registerEventsCommand(program: Command, contextOf: ContextOf): void {
  program
    .command('events')
    .description('What changed for this agency (ids only): new referrals, status changes, outcome notes, shared notes, revocations')
    .option('--after <cursor>', 'continue after this cursor (printed as "next" last time)')
    .option('--follow', 'keep polling and print events as they come (Ctrl-C to stop; one JSON object per line with --json)')
    .option('--interval <seconds>', 'with --follow: seconds between polls when nothing is new', positiveInteger, 5)
    .option('--limit <n>', 'events per request (max 500)', positiveInteger)
    .action(action(contextOf, events));
}

async function events(context: CliContext, options: EventsOptions): Promise<CommandOutput> {
  if (options.follow) return follow(context, options);
  const page = await withApi(context, 'keystore-optional', async (client) => {
    const seen: AgencyEvent[] = [];
    for await (const event of client.events.feed({ after: options.after, limit: options.limit })) seen.push(event);
    return { events: seen, next: seen.at(-1)?.cursor ?? options.after ?? null };
  });
  const text = [...(page.events.length === 0 ? ['No new events.'] : page.events.map(eventLine)), ...(page.next ? [`next: ${page.next}`] : [])].join('\n');
  return { json: page, text };
}

/** Streams events until SIGINT/SIGTERM; ends cleanly (exit 0) and prints where to resume. */
async function follow(context: CliContext, options: EventsOptions): Promise<CommandOutput> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let last = options.after ?? null;
  try {
    await withApi(context, 'keystore-optional', async (client) => {
      for await (const event of client.events.follow({ after: options.after, limit: options.limit, intervalMs: options.interval * 1000, signal: stop.signal })) {
        context.io.out(context.options.json ? `${JSON.stringify(event)}\n` : `${eventLine(event)}\n`);
        last = event.cursor;
      }
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (last) context.io.err(`resume with: ccrx events --follow --after ${last}\n`);
  return { json: null, text: '', quiet: true };
}

function eventLine(event: AgencyEvent): string {
  const ids = [
    event.referralId && `referral ${event.referralId}`,
    event.recordId && `record ${event.recordId}`,
    event.consentId && `release ${event.consentId}`,
    event.caseId && `case ${event.caseId}`,
  ].filter(Boolean);
  return `${event.occurredAt}  ${event.type.padEnd(24)} ${ids.join('  ')}`;
}
