import { type TrustPolicy } from '../ledger/checkpoint';
import { parseEntry } from '../ledger/entry-format';
import { type LedgerClient, type LogReport, verifyLog } from '../ledger/verifier';
import { BUCKETS, DEFINITIONS_VERSIONS, type DefinitionsVersion, type FigureParameters, MIN_K } from './figures/catalogue';
import { FigureAccumulator } from './figures/compute';
import { canonicalFigures, canonicalJson, releaseFigures, type ReleasedFigures } from './figures/report';

export interface ReportVerification {
  ok: boolean;
  /** The log verification, as `ccrx ledger verify` makes it. */
  log: LogReport;
  treeSize: number;
  definitions: string;
  /** Each table (figure and bucket) whose recomputed figures differ from the report's. */
  differences: string[];
  problems: string[];
}

export class ReportFormatError extends Error {
  override readonly name = 'ReportFormatError';
}

/**
 * Recomputes a report's figures from the log (decision 0127): verifies the whole log as `ledger
 * verify` does, feeds its entries below the report's tree size, as recomputed, to the same
 * accumulator the API runs, and compares the suppressed figures (noise is never recomputed).
 */
export async function verifyReport(client: LedgerClient, policy: TrustPolicy, figures: ReleasedFigures, options: { pageSize?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<ReportVerification> {
  const parameters = checkedParameters(figures);
  // The report's own version: an old report is recomputed under the definitions it was made with.
  const accumulator = new FigureAccumulator(parameters, figures.definitions as DefinitionsVersion);
  const problems: string[] = [];
  const onEntry = (index: number, bytes: Uint8Array) => {
    if (index >= figures.treeSize) return;
    try {
      accumulator.add(parseEntry(bytes));
    } catch {
      problems.push(`entry ${index} is not a version 1 entry`);
    }
  };
  const log = await verifyLog(client, policy, { ...options, onEntry });
  if (!log.ok) problems.push('the disclosure log does not verify');
  if (log.treeSize === null || log.treeSize < figures.treeSize) problems.push(`the log's verified checkpoint (${log.treeSize ?? 'none'}) does not cover the report's tree size ${figures.treeSize}`);
  const recomputed = releaseFigures(accumulator.finish());
  const differences = differingTables(recomputed, figures);
  if (differences.length > 0) problems.push(`the recomputed figures differ from the report's (${differences.length} table(s))`);
  return { ok: problems.length === 0, log, treeSize: figures.treeSize, definitions: figures.definitions, differences, problems };
}

function checkedParameters(figures: ReleasedFigures): FigureParameters {
  if (typeof figures !== 'object' || figures === null) throw new ReportFormatError('the report has no figures');
  if (!DEFINITIONS_VERSIONS.includes(figures.definitions as DefinitionsVersion)) throw new ReportFormatError(`the report follows definitions ${String(figures.definitions)}; this verifier knows ${DEFINITIONS_VERSIONS.join(', ')}`);
  if (!Number.isSafeInteger(figures.treeSize) || figures.treeSize < 0) throw new ReportFormatError('the report names no valid tree size');
  const p = figures.parameters as Partial<FigureParameters> | undefined;
  const valid =
    p !== undefined &&
    typeof p.from === 'string' &&
    typeof p.to === 'string' &&
    !Number.isNaN(Date.parse(p.from)) &&
    !Number.isNaN(Date.parse(p.to)) &&
    BUCKETS.includes(p.bucket as (typeof BUCKETS)[number]) &&
    Number.isInteger(p.k) &&
    (p.k as number) >= MIN_K;
  if (!valid) throw new ReportFormatError('the report\'s parameters (from, to, bucket, k) are not valid');
  if (p.agency !== undefined && typeof p.agency !== 'string') throw new ReportFormatError('the report\'s agency is not an id');
  return { from: p.from as string, to: p.to as string, bucket: p.bucket as FigureParameters['bucket'], k: p.k as number, ...(p.agency === undefined ? {} : { agency: p.agency }) };
}

/** Names the tables that differ, the whole figures compared canonically as well. */
function differingTables(recomputed: ReleasedFigures, reported: ReleasedFigures): string[] {
  const key = (table: { figure: string; bucket: string }) => `${table.figure} ${table.bucket}`;
  const mine = new Map([...recomputed.counts, ...recomputed.times].map((table) => [key(table), canonicalJson(table)]));
  const theirs = new Map([...(reported.counts ?? []), ...(reported.times ?? [])].map((table) => [key(table), canonicalJson(table)]));
  const names = [...new Set([...mine.keys(), ...theirs.keys()])].sort();
  const differences = names.filter((name) => mine.get(name) !== theirs.get(name));
  if (differences.length === 0 && canonicalFigures(recomputed) !== canonicalFigures(reported)) differences.push('report header (tree size, time or parameters)');
  return differences;
}
