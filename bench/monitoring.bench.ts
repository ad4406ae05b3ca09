import { randomUUID } from 'node:crypto';
import { parseEntry } from '../src/ledger/entry-format';
import { FigureAccumulator } from '../src/monitoring/figures/compute';
import { releaseFigures } from '../src/monitoring/figures/report';

/**
 * Issue 23's benchmark, in process: a quarterly report over `entries` log entries holding
 * `referrals` referrals (each sent, received, accepted, in progress, under an agreement with three
 * timed steps), the rest a mix of disclosures, refusals and releases as a year's log holds them.
 *
 * Two scenarios, each measured in slices interleaved with a same-run baseline (decision 0038):
 * - compute: parse every entry's bytes and feed the accumulator, then suppress (what the API does
 *   after reading the rows, and what `ccrx monitoring verify` does after hashing them);
 * - baseline: parse every entry's bytes only (the floor any reader of the log pays).
 * The offline verification is this compute plus `ccrx ledger verify` over the same log, which
 * `npm run bench` measures already (bench/lib/verify-bench.ts): the two add.
 *
 * Run: `npm run build && node dist/bench/monitoring.bench.js [--entries N] [--referrals N] [--slices N]`.
 * `npm run bench` runs it too (`--monitoring-entries`, `--monitoring-referrals`, `--no-monitoring`) and writes it into its results.
 */
interface Settings {
  entries: number;
  referrals: number;
  slices: number;
}

const AGENCIES = Array.from({ length: 12 }, () => randomUUID());
const KINDS = ['law_enforcement', 'advocacy', 'prosecution', 'probation', 'court', 'health'];

/** Entry bytes as PostgreSQL renders them is not needed here: any JSON object parses alike. */
export function syntheticLog(settings: Pick<Settings, 'entries' | 'referrals'>): Buffer[] {
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const span = 90 * 24 * 3600 * 1000;
  const out: Buffer[] = [];
  const at = (i: number) => new Date(start + Math.floor((i / settings.entries) * span)).toISOString();
  const push = (value: object) => out.push(Buffer.from(JSON.stringify({ v: 1, id: randomUUID(), ...value })));
  const steps = ['received', 'answered', 'first_contact'];
  let referral = 0;
  for (let i = 0; out.length < settings.entries; i++) {
    const time = at(out.length);
    const from = AGENCIES[i % AGENCIES.length];
    const to = AGENCIES[(i + 1) % AGENCIES.length];
    if (referral < settings.referrals && i % Math.max(1, Math.floor(settings.entries / (settings.referrals * 5))) === 0) {
      const id = `r${referral++}`;
      const due = new Date(Date.parse(time) + 3600_000).toISOString();
      push({ kind: 'referral_sent', time, actor: { principal: 'p', agency: from, roles: ['service'] }, recipient: to, detail: { referral: id, fromKind: KINDS[i % KINDS.length], toKind: KINDS[(i + 1) % KINDS.length], agreement: 'a1', agreementVersion: 1, deadlineSteps: steps, deadlineTimes: [due, due, due] } });
      for (const status of ['received', 'accepted', 'in_progress']) push({ kind: 'referral_status_changed', time, detail: { referral: id, to: status, side: 'receiver', reason: null } });
      continue;
    }
    const roll = i % 10;
    if (roll < 6) push({ kind: 'disclosure', time, discloser: from, recipient: to, basis: { kind: 'consent', consent: randomUUID(), version: 1 }, purpose: 'advocacy_services' });
    else if (roll < 8) push({ kind: 'denied', time, actor: { principal: 'p', agency: from, roles: ['agency_worker'] }, outcome: 'denied', reason: 'no_consent' });
    else push({ kind: 'consent_recorded', time, actor: { principal: 'p', agency: from, roles: ['advocate'] }, basis: { kind: 'consent', consent: randomUUID(), version: 1 }, detail: { validUntil: at(out.length + 1000) } });
  }
  return out;
}

function compute(log: readonly Buffer[]): number {
  const accumulator = new FigureAccumulator({ from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', bucket: 'quarter', k: 11 });
  for (const bytes of log) accumulator.add(parseEntry(bytes));
  return releaseFigures(accumulator.finish()).counts.length;
}

function parseOnly(log: readonly Buffer[]): number {
  let kinds = 0;
  for (const bytes of log) kinds += parseEntry(bytes).kind.length;
  return kinds;
}

function timed(work: () => number): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function runMonitoringBench(settings: Settings): { entries: number; referrals: number; computeMs: number; baselineMs: number; ratio: number; peakRssMb: number } {
  const log = syntheticLog(settings);
  const computeMs: number[] = [];
  const baselineMs: number[] = [];
  compute(log); // warm-up
  for (let slice = 0; slice < settings.slices; slice++) {
    baselineMs.push(timed(() => parseOnly(log)));
    computeMs.push(timed(() => compute(log)));
  }
  const computed = median(computeMs);
  const baseline = median(baselineMs);
  return { entries: log.length, referrals: settings.referrals, computeMs: computed, baselineMs: baseline, ratio: computed / baseline, peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20) };
}

function settingsFrom(argv: string[]): Settings {
  const number = (flag: string, fallback: number) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  return { entries: number('--entries', 1_000_000), referrals: number('--referrals', 100_000), slices: number('--slices', 3) };
}

if (require.main === module) {
  const result = runMonitoringBench(settingsFrom(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
