import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { type LoadResult } from './load';

export interface ScenarioResult extends LoadResult {
  name: string;
  description: string;
  peakRssMb: number;
  /** req/s of the baseline measured in slices interleaved with this scenario's (null for the baseline itself). */
  adjacentBaseline: number | null;
  /** requests/s relative to that interleaved baseline (for the baseline row: 1). */
  ratioToBaseline: number | null;
  /** requests/s relative to the bare floor's in the same phase (the mean of before and after). */
  shareOfFloor: number | null;
  /** The scenario alone on one connection: what one person in the console feels. */
  oneConnection: LoadResult;
}

export interface PhaseResult {
  name: string;
  logEntries: number;
  consents: number;
  /** The bare floor's req/s measured right before and right after the phase's scenarios. */
  floor: { before: number; after: number; errors: number };
  scenarios: ScenarioResult[];
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; model: string; memoryGb: number; node: string };
  database: string;
  settings: { connections: number; seconds: number; warmupSeconds: number };
  phases: PhaseResult[];
  scaleOut?: Record<string, unknown>;
  ledger?: Record<string, unknown>;
  crypto?: unknown;
  /** Issue 21: deliveries per second, the outbox's cost on create referral, one deadline sweep (bench/lib/webhook-bench.ts). */
  webhooks?: unknown;
  /** Issue 23: a quarterly report's figures over a year-like log, next to a parse-only pass (bench/monitoring.bench.ts). */
  monitoring?: unknown;
  targets: { target: string; measured: string; met: boolean }[];
  notes: string[];
}

export function machine(): BenchReport['machine'] {
  return { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** bench/results/<date>.json and .md, plus latest.md (committed) so the numbers travel with the code. */
export function writeReport(report: BenchReport, directory: string): { json: string; markdown: string } {
  mkdirSync(directory, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  const json = join(directory, `${stamp}.json`);
  const markdown = join(directory, `${stamp}.md`);
  writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  const text = toMarkdown(report);
  writeFileSync(markdown, text);
  writeFileSync(join(directory, 'latest.md'), text);
  writeFileSync(join(directory, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  return { json, markdown };
}

const ms = (value: number) => value.toFixed(1);

function toMarkdown(report: BenchReport): string {
  const lines = [
    `# Benchmark ${report.date}`,
    '',
    `Machine: ${report.machine.cpus} × ${report.machine.model}, ${report.machine.memoryGb} GiB, Node ${report.machine.node}. PostgreSQL: ${report.database}.`,
    `Load: autocannon in a separate process, ${report.settings.connections} connections, ${report.settings.seconds} s per scenario after ${report.settings.warmupSeconds} s of warm-up.`,
    'The machine is shared and absolute numbers drift, within a run too: each scenario is compared with a baseline measured in slices interleaved with its own (the "baseline req/s" column; decision 0038); the first row is the phase\'s full-length baseline.',
    '',
  ];
  for (const phase of report.phases) {
    lines.push(`## ${phase.name} (${phase.logEntries.toLocaleString('en-US')} log entries, ${phase.consents.toLocaleString('en-US')} consents)`, '');
    lines.push(`Bare floor (decision 0132): ${phase.floor.before} req/s before the scenarios, ${phase.floor.after} after, ${phase.floor.errors} errors.`, '');
    lines.push(
      `| scenario | req/s | baseline req/s | × baseline | × floor | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | 1 connection: req/s | p50 ms | p99 ms |`,
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const s of phase.scenarios) {
      const ratio = s.ratioToBaseline === null ? '—' : s.ratioToBaseline.toFixed(2);
      const share = s.shareOfFloor === null ? '—' : s.shareOfFloor.toFixed(2);
      const { p50, p95, p99 } = s.latencyMs;
      const one = s.oneConnection;
      lines.push(`| ${s.name} | ${s.requestsPerSecond} | ${s.adjacentBaseline ?? '—'} | ${ratio} | ${share} | ${ms(p50)} | ${ms(p95)} | ${ms(p99)} | ${s.errors} | ${s.peakRssMb} | ${one.requestsPerSecond} | ${ms(one.latencyMs.p50)} | ${ms(one.latencyMs.p99)} |`);
    }
    lines.push('');
  }
  if (report.scaleOut) lines.push('## Scale-out', '', '```json', JSON.stringify(report.scaleOut, null, 2), '```', '');
  if (report.ledger) lines.push('## Disclosure log', '', '```json', JSON.stringify(report.ledger, null, 2), '```', '');
  if (report.webhooks) lines.push('## Webhooks and the deadline sweep', '', '```json', JSON.stringify(report.webhooks, null, 2), '```', '');
  if (report.monitoring) lines.push('## Monitoring figures (one core, in process)', '', '```json', JSON.stringify(report.monitoring, null, 2), '```', '');
  if (report.crypto) lines.push('## Crypto (one core, in process)', '', '```json', JSON.stringify(report.crypto, null, 2), '```', '');
  lines.push('## Targets', '', '| target | measured | met |', '|---|---|---|');
  for (const target of report.targets) lines.push(`| ${target.target} | ${target.measured} | ${target.met ? 'yes' : '**no**'} |`);
  lines.push('', '## Notes', '', ...report.notes.map((note) => `- ${note}`), '');
  return lines.join('\n');
}
