import { type Command, InvalidArgumentError, Option } from 'commander';
import { renderAccountingHtml } from '../../ledger/accounting/accounting-html';
import { type AccountingDto } from '../../ledger/accounting/dto/accounting.dto';
import { parseCheckpoint, parseNote, type TrustPolicy } from '../../ledger/checkpoint';
import {
  bestLocation,
  type CheckpointJson,
  describeLocation,
  ExportedLedgerClient,
  exportLedger,
  HttpLedgerClient,
  type LedgerClient,
  type LedgerExport,
  LedgerExportError,
  noteFromSavedFile,
  openLatest,
  parseLedgerExport,
  parseTrustPolicy,
  servedTransitions,
  trustedKeys,
  TrustPolicyError,
  verifyAccounting,
  verifyLog,
} from '../../ledger/verifier';
import { apiPath, type CcrClient, CcrUsageError } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, uuidArgument } from '../command-kit';
import { readInput, writeFileWhole, writeOutput } from '../file-io';
import { progressLine } from '../progress';
import { LedgerVerificationFailed } from './ledger.errors';
import { accountingReportOutput, logReportOutput } from './ledger.format';
import { registerTrustCommands } from './trust.command';

const trustOption = () =>
  new Option('--trust <file>', 'trust policy JSON: {"log": root vkey, "witnesses": [vkeys], "quorum": n} (never taken from the server; write it with ccrx ledger trust init)').env('CCRX_TRUST');

export function registerLedgerCommands(program: Command, contextOf: ContextOf): void {
  const ledger = program.command('ledger').description('The disclosure log: verify it offline, keep checkpoints, produce a survivor\'s accounting');
  ledger
    .command('verify')
    .description('Recompute the whole log and check signatures, witness quorum, every checkpoint and append-only growth (auditors); online, or offline from a saved export')
    .addOption(trustOption().makeOptionMandatory())
    .option('--previous <file>', 'a checkpoint saved earlier (or an accounting receipt): the log must extend it')
    .option('--save <file>', 'write the verified latest checkpoint here, for --previous next time')
    .option('--page-size <n>', 'entries per request (max 10000)', positiveInteger, 10_000)
    .option('--from-export <file>', 'verify a log saved with ccrx ledger export, offline: no server is asked')
    .action(action(contextOf, verify));
  ledger
    .command('export')
    .description('Save the whole log (latest checkpoint, log keys, every checkpoint and entry) to verify later, offline, with ledger verify --from-export')
    .argument('<file>', 'where to write the export (JSON; refused if it exists, unless --force)')
    .option('--force', 'replace an existing file')
    .option('--page-size <n>', 'entries per request (max 10000)', positiveInteger, 10_000)
    .action(async (file: string, options: ExportOptions, command: Command) => {
      const context = contextOf(command);
      context.print(await exportLog(context, file, options));
    });
  ledger
    .command('checkpoint')
    .description('Fetch the latest signed checkpoint with its cosignatures (verified if --trust is given)')
    .addOption(trustOption())
    .option('--out <file>', 'write the signed note here ("-" for stdout)')
    .action(action(contextOf, checkpoint));
  ledger
    .command('accounting')
    .description("Fetch a case's accounting of disclosures (advocates of the custodian agency), verify every proof, print or save it")
    .requiredOption('--case <id>', 'the case id', uuidArgument)
    .addOption(trustOption().makeOptionMandatory())
    .option('--previous <file>', 'the receipt kept from the last accounting: the log must have only grown since')
    .option('--html <file>', 'write the printable accounting (HTML) here')
    .option('--out <file>', 'write the accounting JSON (with its proofs) here')
    .option('--save-receipt <file>', 'write this accounting\'s receipt here, for --previous next time')
    .action(action(contextOf, accounting));
  registerTrustCommands(ledger, contextOf);
}

interface VerifyOptions {
  trust: string;
  previous?: string;
  save?: string;
  pageSize: number;
  fromExport?: string;
}

interface ExportOptions {
  force?: boolean;
  pageSize: number;
}

async function verify(context: CliContext, options: VerifyOptions): Promise<CommandOutput> {
  const policy = await loadTrust(context, options.trust);
  const previous = options.previous === undefined ? undefined : await savedNote(context, options.previous);
  const progress = progressLine(context.io, 'verifying the log');
  const run = (ledger: LedgerClient) => verifyLog(ledger, policy, { previous, pageSize: options.pageSize, onProgress: progress.update });
  const report = await (options.fromExport === undefined ? withClient(context, (client) => run(new HttpLedgerClient(client.http))) : run(new ExportedLedgerClient(await loadExport(context, options.fromExport)))).finally(progress.done);
  const output = logReportOutput(report);
  if (!report.ok) {
    context.print(output);
    const where = bestLocation(report.failures);
    throw new LedgerVerificationFailed(`the disclosure log does not verify (${where ? `${where.precision === 'exact' ? 'exact' : 'narrowest proven range'}: ${describeLocation(where)}` : 'no entry located'})`, {
      firstBadIndex: report.firstBadIndex,
      location: where,
      codes: report.failures.map((failure) => failure.code),
    });
  }
  if (options.save && report.checkpointNote) await writeOutput(context.io, options.save, report.checkpointNote);
  return output;
}

async function exportLog(context: CliContext, file: string, options: ExportOptions): Promise<CommandOutput> {
  const progress = progressLine(context.io, 'exporting the log');
  const saved = await withClient(context, (client) => exportLedger(new HttpLedgerClient(client.http), { pageSize: options.pageSize, onProgress: progress.update })).finally(progress.done);
  await writeFileWhole(context.io, file, `${JSON.stringify(saved)}\n`, { replace: options.force === true });
  const summary = { file, treeSize: saved.latest.treeSize, entries: saved.entries.length, checkpoints: saved.checkpoints.length, exportedAt: saved.exportedAt };
  return {
    json: summary,
    text: `Saved the log of ${saved.latest.treeSize} entries (${saved.checkpoints.length} signed checkpoints) to ${file}. Nothing in it is trusted yet: verify it, here or elsewhere, with ccrx ledger verify --from-export ${file} --trust <policy.json>.`,
  };
}

async function loadExport(context: CliContext, path: string): Promise<LedgerExport> {
  try {
    return parseLedgerExport((await readInput(context.io, path)).toString('utf8'));
  } catch (error) {
    if (error instanceof LedgerExportError) throw new CcrUsageError(`${path}: ${error.message}`);
    throw error;
  }
}

/**
 * Without --trust, the latest checkpoint as served. With --trust, the newest checkpoint that meets
 * the caller's quorum: the latest, or, while the witnesses have not cosigned it yet, the newest
 * earlier one that they have (the one worth saving for --previous).
 */
async function checkpoint(context: CliContext, options: { trust?: string; out?: string }): Promise<CommandOutput> {
  const chosen = await withClient(context, async (client) => {
    const ledger = new HttpLedgerClient(client.http);
    const latest = await ledger.latestCheckpoint();
    if (options.trust === undefined) return { served: latest, waiting: null };
    return witnessedCheckpoint(ledger, latest, await loadTrust(context, options.trust));
  });
  const { served, waiting } = chosen;
  if (options.out) await writeOutput(context.io, options.out, served.note);
  const verified = options.trust === undefined ? ' (not verified: pass --trust)' : ', verified';
  const pending = waiting === null ? '' : `; the latest, of ${waiting} entries, waits for the witnesses`;
  const text = `checkpoint of ${served.treeSize} entries, root ${served.rootHash}, ${served.cosignatures.length} cosignature(s)${verified}${pending}`;
  return { json: served, text: options.out === '-' ? '' : text, quiet: options.out === '-' };
}

async function witnessedCheckpoint(ledger: LedgerClient, latest: CheckpointJson, policy: TrustPolicy): Promise<{ served: CheckpointJson; waiting: number | null }> {
  const keys = await trustedKeys(policy, servedTransitions(await ledger.logKeys()));
  if (keys.failure) throw new LedgerVerificationFailed(keys.failure.message, { reason: 'key-transition' });
  const opened = await openLatest(ledger, latest.note, policy, keys.history);
  if (!opened.ok) throw new LedgerVerificationFailed(`the latest checkpoint does not verify: ${opened.message}`, { reason: opened.kind });
  return opened.witnessed === null ? { served: latest, waiting: null } : { served: opened.witnessed.served, waiting: latest.treeSize };
}

interface AccountingOptions {
  case: string;
  trust: string;
  previous?: string;
  html?: string;
  out?: string;
  saveReceipt?: string;
}

async function accounting(context: CliContext, options: AccountingOptions): Promise<CommandOutput> {
  const policy = await loadTrust(context, options.trust);
  const previous = options.previous === undefined ? undefined : await savedNote(context, options.previous);
  const since = previous === undefined ? undefined : sizeOf(previous);
  const bundle = await withClient(context, async (client) => {
    const response = await client.http.request<AccountingDto>({ method: 'GET', path: apiPath`/cases/${options.case}/accounting`, query: { format: 'json', since } });
    return response.body;
  });
  const report = await verifyAccounting(bundle, policy, previous);
  if (options.out) await writeOutput(context.io, options.out, `${JSON.stringify(bundle, null, 2)}\n`);
  if (options.html) await writeOutput(context.io, options.html, renderAccountingHtml(bundle));
  const output = accountingReportOutput(report, options.case, bundle.summary);
  if (!report.ok) {
    context.print(output);
    throw new LedgerVerificationFailed(`the accounting does not verify (first bad index: ${report.firstBadIndex ?? 'none'})`, {
      firstBadIndex: report.firstBadIndex,
      codes: report.failures.map((failure) => failure.code),
    });
  }
  if (options.saveReceipt && bundle.receipt) await writeOutput(context.io, options.saveReceipt, bundle.receipt.note);
  return output;
}

/** A person (--user) or the keystore's service account; the log's API needs no keystore otherwise. */
async function withClient<T>(context: CliContext, work: (client: CcrClient) => Promise<T>): Promise<T> {
  if (context.options.user) return work(await context.connect());
  return context.withKeystore(async (keystore) => work(await context.connect(keystore)));
}

async function loadTrust(context: CliContext, path: string): Promise<TrustPolicy> {
  try {
    return await parseTrustPolicy((await readInput(context.io, path)).toString('utf8'));
  } catch (error) {
    if (error instanceof TrustPolicyError) throw new CcrUsageError(`${path}: ${error.message}`);
    throw error;
  }
}

async function savedNote(context: CliContext, path: string): Promise<string> {
  const note = noteFromSavedFile((await readInput(context.io, path)).toString('utf8'));
  if (sizeOf(note) === undefined) throw new CcrUsageError(`${path} is not a saved checkpoint (a signed note, or JSON with "note" or "receipt")`);
  return note;
}

function sizeOf(note: string): number | undefined {
  try {
    return parseCheckpoint(parseNote(note).text).treeSize;
  } catch {
    return undefined;
  }
}

/** Commander argument parser: a positive decimal integer. */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^[1-9][0-9]*$/.test(value) || !Number.isSafeInteger(parsed)) throw new InvalidArgumentError('expected a positive integer.');
  return parsed;
}
