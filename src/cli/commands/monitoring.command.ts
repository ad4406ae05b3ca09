import { type Command, InvalidArgumentError, Option } from 'commander';
import { type TrustPolicy } from '../../ledger/checkpoint';
import { HttpLedgerClient, parseTrustPolicy, TrustPolicyError } from '../../ledger/verifier';
import { type ReleasedFigures } from '../../monitoring/figures/report';
import { figuresCsv } from '../../monitoring/render/csv';
import { renderReportHtml } from '../../monitoring/render/html';
import { renderReportPdf } from '../../monitoring/render/pdf';
import { ReportFormatError, type ReportVerification, verifyReport } from '../../monitoring/verify';
import { type CcrClient, CcrUsageError, type MonitoringReport } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf } from '../command-kit';
import { readInput, writeOutput } from '../file-io';
import { progressLine } from '../progress';
import { LedgerVerificationFailed } from './ledger.errors';

interface ReportOptions {
  from: string;
  to: string;
  bucket: 'month' | 'quarter';
  k?: number;
  epsilon?: number;
  out?: string;
  csv?: string;
  html?: string;
  pdf?: string;
  title?: string;
}

interface RenderOptions {
  csv?: string;
  html?: string;
  pdf?: string;
  title?: string;
}

interface VerifyOptions {
  trust: string;
}

export function registerMonitoringCommands(program: Command, contextOf: ContextOf): void {
  const monitoring = program.command('monitoring').description('CCR monitoring figures (coordinating body): computed from the disclosure log, suppressed, verifiable');
  monitoring
    .command('report')
    .description('Ask the service for a report at its latest signed checkpoint (docs/monitoring.md)')
    .requiredOption('--from <instant>', 'start of the period, inclusive (e.g. 2026-01-01)', instant)
    .requiredOption('--to <instant>', 'end of the period, exclusive (e.g. 2026-04-01)', instant)
    .addOption(new Option('--bucket <bucket>', 'calendar buckets').choices(['month', 'quarter']).default('quarter'))
    .option('--k <n>', 'small-cell threshold (at least 5; default 11)', integer)
    .option('--epsilon <e>', 'discrete-Laplace noise of this ε per table on the published copy', positiveNumber)
    .option('--out <file>', 'write the report JSON here ("-" for stdout)')
    .option('--csv <file>', 'write the published figures as CSV here')
    .option('--html <file>', 'write the printable report (HTML, to publish) here')
    .option('--pdf <file>', 'write the printable report as a PDF here')
    .option('--title <text>', 'the printable report\'s title (default: the period)')
    .action(action(contextOf, report));
  monitoring
    .command('render')
    .description('Write a saved report\'s published figures as CSV, a printable HTML page and/or a PDF, locally (no request)')
    .argument('<report>', 'the report JSON (from ccrx monitoring report --out)')
    .option('--csv <file>', 'write the published figures as CSV here')
    .option('--html <file>', 'write the printable report (HTML) here')
    .option('--pdf <file>', 'write the printable report as a PDF here')
    .option('--title <text>', 'the printable report\'s title (default: the period)')
    .action(async (file: string, options: RenderOptions, command: Command) => {
      const context = contextOf(command);
      context.print(await render(context, file, options));
    });
  monitoring
    .command('verify')
    .description('Verify the log as ccrx ledger verify does, recompute the report\'s figures from its entries and compare (auditors)')
    .argument('<report>', 'the report JSON (from ccrx monitoring report --out, or GET /monitoring/reports/{id})')
    .addOption(new Option('--trust <file>', 'trust policy JSON (never taken from the server)').env('CCRX_TRUST').makeOptionMandatory())
    .action(async (file: string, options: VerifyOptions, command: Command) => {
      const context = contextOf(command);
      context.print(await verify(context, file, options));
    });
}

async function report(context: CliContext, options: ReportOptions): Promise<CommandOutput> {
  const made = await withClient(context, (client) => client.monitoring.create({ from: options.from, to: options.to, bucket: options.bucket, k: options.k, epsilon: options.epsilon }));
  if (options.out) await writeOutput(context.io, options.out, `${JSON.stringify(made, null, 2)}\n`);
  await writeRenderings(context, made, options);
  const suppressed = made.figures.counts.reduce((sum, table) => sum + table.cells.flat().filter((cell) => cell === null).length, 0);
  return {
    json: made,
    text: `Report ${made.id}: ${made.figures.counts.length} count tables and ${made.figures.times.length} time tables at tree size ${made.treeSize} (definitions ${made.definitions}, k = ${made.parameters.k}); ${suppressed} cell(s) suppressed${made.noise ? `; noise ε = ${made.noise.epsilonPerTable} per table, ${made.noise.totalEpsilon} in all` : ''}.`,
  };
}

async function render(context: CliContext, file: string, options: RenderOptions): Promise<CommandOutput> {
  if (!options.csv && !options.html && !options.pdf) throw new CcrUsageError('name --csv <file>, --html <file> and/or --pdf <file>');
  const report = await loadReport(context, file);
  await writeRenderings(context, report, options);
  const written = [options.csv, options.html, options.pdf].filter((each): each is string => each !== undefined);
  return { json: { written }, text: `Wrote ${written.join(' and ')} from report ${report.id}.` };
}

/** CSV, HTML and PDF from the published figures (noised when the report has noise): what may leave the coordinating body. */
async function writeRenderings(context: CliContext, report: MonitoringReport, options: RenderOptions): Promise<void> {
  const published = report.published as unknown as ReleasedFigures;
  const printable = { figures: published, noise: report.noise, title: options.title ?? `CCR monitoring report, ${published.parameters.from.slice(0, 10)} to ${published.parameters.to.slice(0, 10)}` };
  if (options.csv) await writeOutput(context.io, options.csv, figuresCsv(published));
  if (options.html) await writeOutput(context.io, options.html, renderReportHtml(printable));
  if (options.pdf) await writeOutput(context.io, options.pdf, await renderReportPdf(printable));
}

async function loadReport(context: CliContext, file: string): Promise<MonitoringReport> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readInput(context.io, file)).toString('utf8'));
  } catch {
    throw new CcrUsageError(`${file} is not JSON`);
  }
  const report = parsed as Partial<MonitoringReport> | null;
  if (typeof report !== 'object' || report === null || typeof report.published !== 'object' || report.published === null || !Array.isArray(report.published.counts) || !Array.isArray(report.published.times)) {
    throw new CcrUsageError(`${file} is not a monitoring report (no published figures)`);
  }
  return report as MonitoringReport;
}

async function verify(context: CliContext, file: string, options: VerifyOptions): Promise<CommandOutput> {
  const figures = await loadFigures(context, file);
  const policy = await loadTrust(context, options.trust);
  const progress = progressLine(context.io, 'verifying the log and recomputing the figures');
  let result: ReportVerification;
  try {
    result = await withClient(context, (client) => verifyReport(new HttpLedgerClient(client.http), policy, figures, { onProgress: progress.update })).finally(progress.done);
  } catch (error) {
    if (error instanceof ReportFormatError) throw new CcrUsageError(`${file}: ${error.message}`);
    throw error;
  }
  const output = verificationOutput(result);
  if (!result.ok) {
    context.print(output);
    throw new LedgerVerificationFailed(`the report does not verify: ${result.problems.join('; ')}`, { firstBadIndex: result.log.firstBadIndex, codes: result.log.failures.map((failure) => failure.code), reason: 'monitoring-report' });
  }
  return output;
}

function verificationOutput(result: ReportVerification): CommandOutput {
  const json = { ok: result.ok, treeSize: result.treeSize, definitions: result.definitions, logVerified: result.log.ok, entriesChecked: result.log.entriesChecked, differences: result.differences, problems: result.problems };
  const text = result.ok
    ? `Verified: the log (${result.log.entriesChecked} entries) and the report's figures at tree size ${result.treeSize} (definitions ${result.definitions}) recompute exactly.`
    : [`NOT verified:`, ...result.problems.map((problem) => `  - ${problem}`), ...result.differences.map((table) => `  differs: ${table}`)].join('\n');
  return { json, text };
}

/** A report file: the API's answer (with `figures`), or the figures alone. */
async function loadFigures(context: CliContext, file: string): Promise<ReleasedFigures> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readInput(context.io, file)).toString('utf8'));
  } catch {
    throw new CcrUsageError(`${file} is not JSON`);
  }
  const figures = typeof parsed === 'object' && parsed !== null && 'figures' in parsed ? (parsed as MonitoringReport).figures : parsed;
  if (typeof figures !== 'object' || figures === null || !Array.isArray((figures as ReleasedFigures).counts) || !Array.isArray((figures as ReleasedFigures).times)) {
    throw new CcrUsageError(`${file} is not a monitoring report (no figures with counts and times)`);
  }
  return figures as ReleasedFigures;
}

async function loadTrust(context: CliContext, path: string): Promise<TrustPolicy> {
  try {
    return await parseTrustPolicy((await readInput(context.io, path)).toString('utf8'));
  } catch (error) {
    if (error instanceof TrustPolicyError) throw new CcrUsageError(`${path}: ${error.message}`);
    throw error;
  }
}

async function withClient<T>(context: CliContext, work: (client: CcrClient) => Promise<T>): Promise<T> {
  if (context.options.user) return work(await context.connect());
  return context.withKeystore(async (keystore) => work(await context.connect(keystore)));
}

function instant(value: string): string {
  if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('expected an ISO date or instant.');
  return value;
}

function integer(value: string): number {
  if (!/^[0-9]{1,6}$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0) || !Number.isFinite(parsed)) throw new InvalidArgumentError('expected a positive number.');
  return parsed;
}
