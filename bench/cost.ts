import { join } from 'node:path';
import { ApiProcess, REPO_ROOT } from '../src/tooling/service-process';
import { postgresCpuMs, processCpuMs } from './lib/cpu';
import { createBenchDatabase } from './lib/database';
import { drive } from './lib/load';
import { seedScale } from './lib/scale';
import { baseline, createNote, createReferral, inbox, inclusionProof, readReferral, type Scenario } from './lib/scenarios';
import { benchServiceEnv, type BenchWorld, buildWorld, checkpointNow, seedReferrals } from './lib/world';

/**
 * CPU cost per request, per process: what bounds throughput when the API, PostgreSQL and the
 * load generator share the machine's cores (docs/performance.md). For each scenario it drives the
 * API for a fixed time and reads the CPU time the API process and every PostgreSQL process spent
 * (from /proc), divided by the requests answered.
 *
 *   npm run bench:cost -- [--seconds 10] [--connections 32] [--only "create referral"] [--cpu-prof] [--entries 1000000]
 *
 * `--cpu-prof` writes the API's V8 profile to bench/results/profiles/ when it stops; `--entries n`
 * first seeds n log entries and n/10 consents, as the benchmark's "at scale" phase does.
 */

interface Cost {
  scenario: string;
  requests: number;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  apiMs: number;
  postgresMs: number;
  driverMs: number;
}

async function measureCost(api: ApiProcess, scenario: Scenario, seconds: number, connections: number): Promise<Cost> {
  const next = await scenario.prepare(Math.ceil(3_000 * (seconds + 2)));
  await drive(api.url, { connections, seconds: 2, next });
  process.stdout.write(`measuring ${scenario.name} for ${seconds} s (API pid ${api.child.pid})\n`);
  const pid = api.child.pid ?? 0;
  const before = { api: processCpuMs(pid), postgres: postgresCpuMs(), driver: process.cpuUsage() };
  const result = await drive(api.url, { connections, seconds, next });
  const driver = process.cpuUsage(before.driver);
  const per = (ms: number) => Math.round((ms / Math.max(1, result.requests)) * 100) / 100;
  return {
    scenario: scenario.name,
    requests: result.requests,
    requestsPerSecond: result.requestsPerSecond,
    p99Ms: result.latencyMs.p99,
    errors: result.errors,
    apiMs: per(processCpuMs(pid) - before.api),
    postgresMs: per(postgresCpuMs() - before.postgres),
    driverMs: per((driver.user + driver.system) / 1000),
  };
}

function option(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function scenariosFor(world: BenchWorld, readable: string[]): Promise<Scenario[]> {
  const treeSize = await checkpointNow(world);
  return [baseline(world), createReferral(world), createNote(world), readReferral(world, readable), inbox(world), inclusionProof(world, () => treeSize)];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seconds = Number(option(argv, '--seconds') ?? 10);
  const connections = Number(option(argv, '--connections') ?? 32);
  const only = option(argv, '--only');
  const entries = Number(option(argv, '--entries') ?? 0);
  const profile = argv.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${join(REPO_ROOT, 'bench/results/profiles')}`] : [];
  const database = await createBenchDatabase();
  const api = await ApiProcess.start(await benchServiceEnv(database.url), profile);
  try {
    const world = await buildWorld(api.url, database.url);
    const readable = await seedReferrals(world, 200);
    if (entries > 0) {
      const recipientAgencyIds = [world.prosecution.id, world.probation.id, world.police.id];
      await seedScale(database.url, { consents: Math.ceil(entries / 10), entries, custodianAgencyId: world.advocacy.id, recipientAgencyIds }, (line) => process.stdout.write(`${line}\n`));
    }
    const rows: Cost[] = [];
    for (const scenario of (await scenariosFor(world, readable)).filter((each) => !only || each.name === only)) {
      const cost = await measureCost(api, scenario, seconds, connections);
      rows.push(cost);
      process.stdout.write(`${cost.scenario}: ${cost.requestsPerSecond} req/s, p99 ${cost.p99Ms} ms, errors ${cost.errors}; CPU ms per request: API ${cost.apiMs}, PostgreSQL ${cost.postgresMs}, total ${Math.round((cost.apiMs + cost.postgresMs) * 100) / 100} (driver ${cost.driverMs})\n`);
    }
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } finally {
    await api.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`cost measurement failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
