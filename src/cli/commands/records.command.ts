import { type Command, InvalidArgumentError } from 'commander';
import { offlineRecords, type OpenedRecord, type RecipientGrant, wipeSecrets } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { readInput, readJsonInput, STDIO, writeOutput } from '../file-io';

interface SealOptions {
  case: string;
  category: string;
  to: RecipientGrant[];
  in: string;
  out: string;
  supersedes?: string;
}

interface OpenOptions {
  in: string;
  out: string;
  share?: string;
}

/** Offline sealing and opening against the keys pinned in the keystore (no API call). */
export function registerRecordCommands(program: Command, contextOf: ContextOf): void {
  program
    .command('seal')
    .description('Encrypt a file as a record for this agency and the listed agencies (offline, pinned keys)')
    .requiredOption('--case <id>', 'the case handle (lowercase UUID)', uuidArgument)
    .requiredOption('--category <category>', 'record category, e.g. risk, safety_plan, referral')
    .option('--to <agencyId:consentId>', 'a recipient agency and the consent that allows it (repeatable)', collectGrant, [])
    .requiredOption('--in <file>', 'the plaintext ("-" for stdin)')
    .requiredOption('--out <file>', 'where to write the sealed record JSON ("-" for stdout)')
    .option('--supersedes <recordId>', 'the record id this version replaces', uuidArgument)
    .action(action(contextOf, seal));
  program
    .command('open')
    .description('Verify and decrypt a sealed record addressed to this agency (offline, pinned keys)')
    .requiredOption('--in <file>', 'the sealed record JSON ("-" for stdin)')
    .requiredOption('--out <file>', 'where to write the plaintext, mode 0600 ("-" for stdout)')
    .option('--share <file>', "a custodian's share, when this agency was added after sealing")
    .action(action(contextOf, open));
}

async function seal(context: CliContext, options: SealOptions): Promise<CommandOutput> {
  const body = await readInput(context.io, options.in);
  return context.withKeystore(async (keystore) => {
    const record = await offlineRecords(keystore).seal({ caseId: options.case, category: options.category, body, recipients: options.to, supersedes: options.supersedes });
    await writeOutput(context.io, options.out, `${JSON.stringify(record, null, 2)}\n`);
    const json = { recordId: record.recordId, caseId: record.caseId, category: record.category, signerEpoch: record.signerEpoch, recipients: record.wraps.map(({ agencyId, epoch, consentId }) => ({ agencyId, epoch, consentId })) };
    if (options.out === STDIO) return { json, text: '', quiet: true };
    const text = `Sealed record ${record.recordId} for ${record.wraps.length} agenc${record.wraps.length === 1 ? 'y' : 'ies'} into ${options.out}.`;
    return { json, text };
  });
}

async function open(context: CliContext, options: OpenOptions): Promise<CommandOutput> {
  const record = await readJsonInput(context.io, options.in, 'the sealed record');
  const share = options.share === undefined ? undefined : await readJsonInput(context.io, options.share, 'the share');
  return context.withKeystore(async (keystore) => {
    const opened = await offlineRecords(keystore).open(record, { share });
    try {
      await writeOutput(context.io, options.out, opened.body);
    } finally {
      await wipeSecrets(opened.body);
    }
    return openedOutput(opened, options.out);
  });
}

function openedOutput(opened: OpenedRecord, out: string): CommandOutput {
  const json = { ...opened.metadata, signerEpoch: opened.signerEpoch, recipients: opened.recipients, sharedBy: opened.sharedBy };
  if (out === STDIO) return { json, text: '', quiet: true };
  const text = [
    `Verified and decrypted into ${out}.`,
    lines([
      ['record', opened.metadata.recordId],
      ['case', opened.metadata.caseId],
      ['category', opened.metadata.category],
      ['author', `${opened.metadata.authorAgencyId} (epoch ${opened.signerEpoch})`],
      ['created', opened.metadata.createdAt],
      ['recipients', opened.recipients.map((r) => r.agencyId).join(', ')],
      ['shared by', opened.sharedBy?.agencyId],
    ]),
  ].join('\n');
  return { json, text };
}

function collectGrant(value: string, previous: RecipientGrant[]): RecipientGrant[] {
  const [agencyId, consentId, ...rest] = value.split(':');
  if (rest.length > 0 || consentId === undefined) throw new InvalidArgumentError('expected <agencyId>:<consentId>.');
  return [...previous, { agencyId: uuidArgument(agencyId), consentId: uuidArgument(consentId) }];
}
