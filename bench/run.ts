import { join } from 'node:path';
import { runCryptoBench } from './crypto.bench';
import { runMonitoringBench } from './monitoring.bench';
import { ApiProcess, REPO_ROOT } from '../src/tooling/service-process';
import { countCores, type CoresUsed } from './lib/cpu';
import { type BenchDatabase, createBenchDatabase, withClient } from './lib/database';
import { appendThroughput, logDensity, proofLatency } from './lib/ledger-bench';
import { drive, type LoadResult, record, type Recorded, summarize } from './lib/load';
import { type BenchReport, machine, type PhaseResult, type ScenarioResult, writeReport } from './lib/report';
import { seedScale } from './lib/scale';
import { baseline, createNote, createReferral, inbox, inclusionProof, readReferral, type Scenario } from './lib/scenarios';
import { measureVerify } from './lib/verify-bench';
import { webhookFigures } from './lib/webhook-bench';
import { benchServiceEnv, type BenchWorld, buildWorld, checkpointNow, refreshTokens, seedReferrals } from './lib/world';

interface Settings {
  seconds: number;
  warmup: number;
  connections: number;
  consents: number;
  entries: number;
  scale: boolean;
  scaleOut: boolean;
  webhooks: boolean;
  webhookEvents: number;
  openReferrals: number;
  monitoring: boolean;
  monitoringEntries: number;
  monitoringReferrals: number;
}

function settingsFrom(argv: string[]): Settings {
  const quick = argv.includes('--quick');
  const number = (flag: string, fallback: number) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  return {
    seconds: number('--seconds', quick ? 3 : 30),
    warmup: number('--warmup', quick ? 1 : 5),
    connections: number('--connections', 32),
    consents: number('--consents', quick ? 2_000 : 100_000),
    entries: number('--entries', quick ? 20_000 : 1_000_000),
    scale: !argv.includes('--no-scale'),
    scaleOut: !argv.includes('--no-scale-out'),
    webhooks: !argv.includes('--no-webhooks'),
    webhookEvents: number('--webhook-events', quick ? 500 : 10_000),
    openReferrals: number('--open-referrals', quick ? 2_000 : 100_000),
    monitoring: !argv.includes('--no-monitoring'),
    monitoringEntries: number('--monitoring-entries', quick ? 50_000 : 1_000_000),
    monitoringReferrals: number('--monitoring-referrals', quick ? 5_000 : 100_000),
  };
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  const database = await createBenchDatabase();
  const env = await benchServiceEnv(database.url);
  const api = await ApiProcess.start(env);
  // The bare floor (decision 0132): its own process, on the same database, accepting the API's tokens.
  const floor = await ApiProcess.start({ DATABASE_URL: database.url, FLOOR_API_URL: api.url }, [], 'dist/bench/floor/main.js');
  try {
    log(`API on ${api.url}; bare floor on ${floor.url}; PostgreSQL: ${database.server}`);
    const world = await buildWorld(api.url, database.url);
    const readable = await seedReferrals(world, 200);
    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: machine(),
      database: `${database.server} (${await serverVersion(database.url)})`,
      settings: { connections: settings.connections, seconds: settings.seconds, warmupSeconds: settings.warmup },
      phases: [],
      targets: [],
      notes: [
        'Referral content is wrapped for exactly the sender and the receiver (decision 0022), so "create referral" carries 2 wraps; "create note" measures the 3-recipient envelope path the issue describes.',
        'What bounds the targets that are missed, with the profiles behind it: docs/performance.md.',
      ],
    };
    report.phases.push(await runPhase('empty database', api, floor, world, readable, settings, database));
    if (settings.scale) {
      log(`seeding ${settings.consents} consents and ${settings.entries} log entries…`);
      await seedScale(database.url, { consents: settings.consents, entries: settings.entries, custodianAgencyId: world.advocacy.id, recipientAgencyIds: [world.prosecution.id, world.probation.id, world.police.id] }, log);
      report.phases.push(await runPhase('at scale', api, floor, world, readable, settings, database));
      report.ledger = { ...(await ledgerFigures(database, api, world, settings)) };
    }
    if (settings.webhooks) {
      log('webhooks and the deadline sweep (issue 21)…');
      await refreshTokens(world);
      report.webhooks = await webhookFigures({ env, databaseUrl: database.url, api, world, connections: settings.connections, seconds: settings.seconds, events: settings.webhookEvents, openReferrals: settings.openReferrals, log });
    }
    if (settings.scaleOut) report.scaleOut = await scaleOut(env, api, world, readable, settings, database);
    if (settings.monitoring) {
      log(`monitoring figures over ${settings.monitoringEntries} entries (issue 23)…`);
      report.monitoring = runMonitoringBench({ entries: settings.monitoringEntries, referrals: settings.monitoringReferrals, slices: 3 });
    }
    report.crypto = await runCryptoBench({ seconds: settings.seconds >= 30 ? 1 : 0.3 });
    report.targets = targets(report);
    const written = writeReport(report, join(REPO_ROOT, 'bench/results'));
    log(`wrote ${written.markdown}`);
  } finally {
    await floor.stop();
    await api.stop();
    await database.drop();
  }
}

async function runPhase(name: string, api: ApiProcess, floor: ApiProcess, world: BenchWorld, readable: string[], settings: Settings, database: BenchDatabase): Promise<PhaseResult> {
  log(`\n== ${name}`);
  const treeSize = await checkpointNow(world);
  const scenarios = [baseline(world), createReferral(world), createNote(world), readReferral(world, readable), inbox(world), inclusionProof(world, () => treeSize)];
  const floorBefore = await measure(floor, baseline(world), settings, expectedRequests(null, settings));
  log(`  bare floor (before): ${floorBefore.requestsPerSecond} req/s, p50 ${floorBefore.latencyMs.p50} ms, errors ${floorBefore.errors}`);
  const results: ScenarioResult[] = [];
  let baselineRate: number | null = null;
  for (const scenario of scenarios) {
    const isBaseline = scenario.name === 'baseline';
    const measured: { result: Measured; adjacent: number | null } = isBaseline
      ? { result: await measure(api, scenario, settings, expectedRequests(baselineRate, settings)), adjacent: null }
      : await measureInterleaved(api, scenario, scenarios[0], settings, expectedRequests(baselineRate, settings));
    const { result, adjacent } = measured;
    if (isBaseline) baselineRate = result.requestsPerSecond;
    const reference = adjacent ?? baselineRate;
    const single = await measureOneConnection(api, scenario, settings);
    results.push({ ...result, adjacentBaseline: adjacent, ratioToBaseline: reference ? result.requestsPerSecond / reference : null, shareOfFloor: null, oneConnection: single });
    const versus = adjacent === null ? '' : ` (baseline interleaved: ${adjacent} req/s, ratio ${(result.requestsPerSecond / adjacent).toFixed(2)})`;
    log(`  ${scenario.name}: ${result.requestsPerSecond} req/s${versus}, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, errors ${result.errors} ${JSON.stringify(result.statuses)}, peak RSS ${result.peakRssMb} MB; one connection: ${single.requestsPerSecond} req/s, p50 ${single.latencyMs.p50} ms, p99 ${single.latencyMs.p99} ms`);
  }
  const floorAfter = await measure(floor, baseline(world), settings, expectedRequests(null, settings));
  log(`  bare floor (after): ${floorAfter.requestsPerSecond} req/s`);
  const floorRate = (floorBefore.requestsPerSecond + floorAfter.requestsPerSecond) / 2;
  for (const result of results) result.shareOfFloor = floorRate > 0 ? result.requestsPerSecond / floorRate : null;
  const counts = await withClient(database.url, async (client) => (await client.query<{ entries: string; consents: string }>(`SELECT (SELECT count(*) FROM ledger_entries)::text AS entries, (SELECT count(*) FROM consents)::text AS consents`)).rows[0]);
  return { name, logEntries: Number(counts.entries), consents: Number(counts.consents), floor: { before: floorBefore.requestsPerSecond, after: floorAfter.requestsPerSecond, errors: floorBefore.errors + floorAfter.errors }, scenarios: results };
}

/**
 * What one person in the console feels: the scenario alone on one connection, a third of the
 * scenario's time. Its pool of sealed bodies is sized for a generous 1,000 requests a second.
 */
async function measureOneConnection(api: ApiProcess, scenario: Scenario, settings: Settings): Promise<LoadResult> {
  const seconds = Math.max(1, settings.seconds / 3);
  const next = await scenario.prepare(Math.ceil(1_000 * (seconds + 1)));
  await drive(api.url, { connections: 1, seconds: 1, next });
  return drive(api.url, { connections: 1, seconds, next });
}

/** How many requests a scenario may send (its pool of pre-sealed bodies is sized from it). */
function expectedRequests(baselineRate: number | null, settings: Settings): number {
  return Math.ceil((baselineRate ?? 2_000) * (settings.seconds + settings.warmup) * 1.15);
}

/** A scenario's time is cut in slices, each right after a slice of the baseline (decision 0038). */
function slicesOf(settings: Settings): number {
  return settings.seconds >= 15 ? 3 : 1;
}

type Measured = Omit<ScenarioResult, 'ratioToBaseline' | 'adjacentBaseline' | 'shareOfFloor' | 'oneConnection'>;

async function measure(api: ApiProcess, scenario: Scenario, settings: Settings, expected: number): Promise<Measured> {
  const next = await scenario.prepare(expected);
  await drive(api.url, { connections: settings.connections, seconds: settings.warmup, next });
  api.startSampling();
  const result: LoadResult = await drive(api.url, { connections: settings.connections, seconds: settings.seconds, next });
  return { name: scenario.name, description: scenario.description, ...result, peakRssMb: api.stopSampling() };
}

/**
 * The scenario and the baseline in alternating slices (baseline, scenario, baseline, scenario …):
 * the machine drifts by tens of percent within minutes, and a ratio of two figures taken side by
 * side in turns drifts far less than one of figures taken one after the other.
 */
async function measureInterleaved(api: ApiProcess, scenario: Scenario, baselineScenario: Scenario, settings: Settings, expected: number): Promise<{ result: Measured; adjacent: number }> {
  const next = await scenario.prepare(expected);
  const baselineNext = await baselineScenario.prepare(expected);
  const { connections } = settings;
  await drive(api.url, { connections, seconds: settings.warmup, next });
  const slices = slicesOf(settings);
  const measuredParts: Recorded[] = [];
  const baselineParts: Recorded[] = [];
  let peakRssMb = 0;
  for (let slice = 0; slice < slices; slice += 1) {
    // As long as the scenario's slice: shorter bursts of the baseline's INSERTs ran 4–29% faster
    // than its sustained rate (they leave the writing of what they dirtied to the next slice).
    baselineParts.push(await record(api.url, { connections, seconds: settings.seconds / slices, next: baselineNext }));
    api.startSampling();
    measuredParts.push(await record(api.url, { connections, seconds: settings.seconds / slices, next }));
    peakRssMb = Math.max(peakRssMb, api.stopSampling());
  }
  const result = { name: scenario.name, description: scenario.description, ...summarize(measuredParts), peakRssMb };
  return { result, adjacent: summarize(baselineParts).requestsPerSecond };
}

async function ledgerFigures(database: BenchDatabase, api: ApiProcess, world: BenchWorld, settings: Settings): Promise<Record<string, unknown>> {
  log('\n== disclosure log');
  const append = await appendThroughput(database.url, 16, Math.min(settings.seconds, 20));
  log(`  append with 16 writers: ${append.appendsPerSecond}/s`);
  const treeSize = await checkpointNow(world);
  const proof = await proofLatency(api.url, world.auditorToken, treeSize, 500);
  log(`  inclusion proof, one client, tree of ${proof.treeSize}: p50 ${proof.p50} ms, p99 ${proof.p99} ms`);
  const verify = await verifyWhileSampling(api, world, 1);
  log(`  ccrx ledger verify of ${verify.entries} entries: ${verify.seconds} s (${verify.outcome}), API peak RSS ${verify.apiPeakRssMb} MB`);
  const threeAuditors = await verifyWhileSampling(api, world, 3);
  log(`  three auditors verifying at once: ${threeAuditors.seconds} s (${threeAuditors.outcome}), API peak RSS ${threeAuditors.apiPeakRssMb} MB`);
  return { append, proof, verify, threeAuditors, density: await logDensity(database.url) };
}

/** `ccrx ledger verify` by `auditors` at once, with the API's peak RSS while they read the log. */
async function verifyWhileSampling(api: ApiProcess, world: BenchWorld, auditors: number): Promise<Awaited<ReturnType<typeof measureVerify>> & { apiPeakRssMb: number }> {
  api.startSampling();
  const verify = await measureVerify(api.url, world, auditors);
  return { ...verify, apiPeakRssMb: api.stopSampling() };
}

/**
 * Two API processes against the one PostgreSQL: does throughput rise, and does the log stay dense?
 * The cores each part kept busy are counted in both runs: throughput can only rise while some of
 * the machine is idle, and when it does not, they show which part took the machine.
 */
async function scaleOut(env: Record<string, string>, first: ApiProcess, world: BenchWorld, readable: string[], settings: Settings, database: BenchDatabase): Promise<Record<string, unknown>> {
  log('\n== scale-out: two API processes');
  await refreshTokens(world);
  const scenario = readReferral(world, readable);
  const singleCores = countCores([apiPid(first)]);
  const single = await drive(first.url, { connections: settings.connections, seconds: settings.seconds, next: await scenario.prepare(0) });
  const singleUsed = singleCores();
  const second = await ApiProcess.start(env);
  try {
    const half = Math.max(1, Math.floor(settings.connections / 2));
    const bothFor = (seconds: number) => Promise.all([first, second].map(async (api) => drive(api.url, { connections: half, seconds, next: await scenario.prepare(0) })));
    // The new process warms up (JIT, pool, prepared statements) as the first one did before its figure.
    await bothFor(settings.warmup);
    const bothCores = countCores([apiPid(first), apiPid(second)]);
    const both = await bothFor(settings.seconds);
    const bothUsed = bothCores();
    const combined = both.reduce((sum, result) => sum + result.requestsPerSecond, 0);
    const density = await logDensity(database.url);
    log(`  read referral: one process ${single.requestsPerSecond} req/s (${describeCores(singleUsed)}); two processes ${combined} req/s (${describeCores(bothUsed)}); log dense: ${density.dense}`);
    await refreshTokens(world);
    const verify = await measureVerify(first.url, world);
    return {
      scenario: scenario.name,
      oneProcess: { requestsPerSecond: single.requestsPerSecond, p99: single.latencyMs.p99, errors: single.errors, coresUsed: singleUsed },
      twoProcesses: { requestsPerSecond: combined, perProcess: both.map((result) => result.requestsPerSecond), errors: both.reduce((sum, result) => sum + result.errors, 0), coresUsed: bothUsed },
      logAfter: { ...density, verified: verify.outcome },
    };
  } finally {
    await second.stop();
  }
}

function apiPid(api: ApiProcess): number {
  return api.child.pid ?? 0;
}

function describeCores(used: CoresUsed): string {
  return `cores busy: API ${used.api}, PostgreSQL ${used.postgres}, load generator ${used.loadGenerator}; ${used.total} of ${used.of}`;
}

async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (client) => (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v);
}

function targets(report: BenchReport): BenchReport['targets'] {
  const found: BenchReport['targets'] = [];
  const empty = report.phases[0];
  const scaled = report.phases[1];
  const scenario = (phase: PhaseResult | undefined, name: string) => phase?.scenarios.find((s) => s.name === name);
  const create = scenario(empty, 'create referral');
  const read = scenario(empty, 'read referral');
  if (create?.ratioToBaseline != null) found.push({ target: 'create referral ≥ 50% of baseline req/s', measured: `${(create.ratioToBaseline * 100).toFixed(0)}%`, met: create.ratioToBaseline >= 0.5 });
  if (create) found.push({ target: 'create referral p99 ≤ 50 ms', measured: `${create.latencyMs.p99} ms`, met: create.latencyMs.p99 <= 50 });
  if (read?.ratioToBaseline != null) found.push({ target: 'read referral ≥ 60% of baseline req/s', measured: `${(read.ratioToBaseline * 100).toFixed(0)}%`, met: read.ratioToBaseline >= 0.6 });
  found.push(...floorTargets(empty));
  const allErrors = report.phases.flatMap((phase) => phase.scenarios).reduce((sum, s) => sum + s.errors, 0);
  found.push({ target: 'zero errors', measured: String(allErrors), met: allErrors === 0 });
  const peak = Math.max(...report.phases.flatMap((phase) => phase.scenarios.map((s) => s.peakRssMb)));
  found.push({ target: 'API peak RSS ≤ 300 MB', measured: `${peak} MB`, met: peak <= 300 });
  const verifying = (report.ledger as { threeAuditors?: { apiPeakRssMb: number } } | undefined)?.threeAuditors;
  if (verifying) found.push({ target: 'API peak RSS ≤ 300 MB, three auditors verifying the log at once', measured: `${verifying.apiPeakRssMb} MB`, met: verifying.apiPeakRssMb <= 300 });
  if (scaled) {
    for (const s of empty.scenarios.filter((each) => each.name !== 'baseline')) {
      const at = scenario(scaled, s.name);
      if (!at?.ratioToBaseline || !s.ratioToBaseline) continue;
      const change = at.ratioToBaseline / s.ratioToBaseline - 1;
      found.push({ target: `${s.name} at scale within 10% of empty (vs. baseline)`, measured: `${(change * 100).toFixed(0)}%`, met: change >= -0.1 });
    }
  }
  const ledger = report.ledger as { append?: { appendsPerSecond: number }; proof?: { p50: number; treeSize: number }; verify?: { seconds: number; entries: number } } | undefined;
  if (ledger?.proof) found.push({ target: 'inclusion proof at 1,000,000 entries ≤ 10 ms median', measured: `${ledger.proof.p50} ms (one client, tree of ${ledger.proof.treeSize})`, met: ledger.proof.p50 <= 10 });
  if (ledger?.append) found.push({ target: 'append ≥ 2,000 entries/s with 16 writers', measured: `${ledger.append.appendsPerSecond}/s`, met: ledger.append.appendsPerSecond >= 2000 });
  if (ledger?.verify) {
    // The log holds more than a million entries by then: the target is the time per million.
    const perMillion = Math.round(((ledger.verify.seconds * 1_000_000) / Math.max(1, ledger.verify.entries)) * 10) / 10;
    found.push({ target: `ccrx ledger verify of 1,000,000 entries ≤ 15 s`, measured: `${perMillion} s per 1,000,000 (${ledger.verify.seconds} s for ${ledger.verify.entries} entries)`, met: perMillion <= 15 });
  }
  const crypto = report.crypto as { targets?: { case: string; opsPerSec: number; target: number; met: boolean }[] } | undefined;
  for (const target of crypto?.targets ?? []) found.push({ target: `${target.case} ≥ ${target.target}/s on one core`, measured: `${target.opsPerSec}/s`, met: target.met });
  return found;
}

/** Issue 24's targets, against the bare floor and at one connection. */
function floorTargets(phase: PhaseResult): BenchReport['targets'] {
  const found: BenchReport['targets'] = [];
  const share = (name: string, least: number) => {
    const s = phase.scenarios.find((each) => each.name === name);
    if (s?.shareOfFloor != null) found.push({ target: `${name} ≥ ${least} of the bare floor`, measured: s.shareOfFloor.toFixed(2), met: s.shareOfFloor >= least });
  };
  share('baseline', 0.7);
  share('create referral', 0.2);
  share('read referral', 0.2);
  share('inbox listing', 0.3);
  const read = phase.scenarios.find((each) => each.name === 'read referral');
  if (read) {
    const rise = read.requestsPerSecond / Math.max(1, read.oneConnection.requestsPerSecond);
    found.push({ target: 'read referral at 32 connections ≥ 2 × its rate at 1', measured: `${rise.toFixed(2)} ×`, met: rise >= 2 });
  }
  for (const name of ['create referral', 'read referral']) {
    const s = phase.scenarios.find((each) => each.name === name);
    if (s) found.push({ target: `${name} p50 ≤ 2 ms at one connection`, measured: `${s.oneConnection.latencyMs.p50} ms`, met: s.oneConnection.latencyMs.p50 <= 2 });
  }
  const peak = Math.max(...phase.scenarios.map((s) => s.peakRssMb));
  found.push({ target: 'API peak RSS ≤ 250 MB under load', measured: `${peak} MB`, met: peak <= 250 });
  return found;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
