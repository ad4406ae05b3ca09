import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiProcess, REPO_ROOT } from '../src/tooling/service-process';
import { processCpuMs } from './lib/cpu';
import { createBenchDatabase } from './lib/database';
import { drive, type LoadResult } from './lib/load';
import { profileShares } from './lib/profile-shares';
import { baseline, createReferral, inbox, readReferral, type Scenario } from './lib/scenarios';
import { benchServiceEnv, buildWorld, seedReferrals } from './lib/world';

/**
 * Issue 24's load-robust evidence: what a request costs, not how many the machine served. For the
 * bare floor and for chosen scenarios of the API, at chosen concurrencies, in alternating rounds:
 * - CPU ms per request of the serving process and of the PostgreSQL backends of the run's own
 *   database (from /proc; other databases on a shared server are left out);
 * - commits, WAL flushes (`wal_sync`) and WAL bytes per request (pg_stat_database, pg_stat_wal);
 * - where the backends waited (pg_stat_activity sampled every 10 ms: wait events per request);
 * - with --cpu-prof, each process's V8 profile and the share of its busy samples per layer of the
 *   request path (bench/lib/profile-shares.ts).
 *
 *   DATABASE_URL=… npm run bench:fixed-cost -- [--seconds 8] [--rounds 2]
 *     [--log-level info] [--scenarios "floor,baseline,read referral"] [--connections 1,32] [--cpu-prof]
 *     [--referrals 200]
 *
 * Targets: floor, floor fastify (the floor on Nest's Fastify adapter), baseline, create referral,
 * read referral, inbox.
 */

interface Row {
  target: string;
  connections: number;
  round: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  processCpuMs: number;
  postgresCpuMs: number;
  commits: number;
  walSyncs: number;
  walBytes: number;
  waits: Record<string, number>;
}

function option(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function backendPids(client: Client, database: string): Promise<number[]> {
  const rows = (await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database])).rows;
  return rows.map((row) => row.pid);
}

async function counters(client: Client, database: string): Promise<{ commits: number; walSyncs: number; walBytes: number }> {
  await client.query('SELECT pg_stat_clear_snapshot()');
  const db = (await client.query<{ commits: string }>(`SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = $1`, [database])).rows[0];
  const wal = (await client.query<{ bytes: string }>(`SELECT wal_bytes::text AS bytes FROM pg_stat_wal`)).rows[0];
  // PostgreSQL 18 moved the WAL's fsync count from pg_stat_wal to pg_stat_io (the embedded server is 18).
  const version = Number((await client.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0].server_version_num);
  const syncsQuery = version >= 180000 ? `SELECT coalesce(sum(fsyncs), 0)::text AS syncs FROM pg_stat_io WHERE object = 'wal'` : `SELECT wal_sync::text AS syncs FROM pg_stat_wal`;
  const syncs = (await client.query<{ syncs: string }>(syncsQuery)).rows[0].syncs;
  return { commits: Number(db.commits), walSyncs: Number(syncs), walBytes: Number(wal.bytes) };
}

/** Samples what the run's backends wait on while `work` runs; answers samples per wait event. */
async function samplingWaits<T>(client: Client, database: string, work: Promise<T>): Promise<{ result: T; waits: Record<string, number> }> {
  const waits: Record<string, number> = {};
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const rows = (
        await client.query<{ event: string }>(
          // A lock wait is named with the mode asked for (decision 0165: the log's lock, shared or exclusive).
          `SELECT coalesce(a.wait_event_type || ':' || a.wait_event || coalesce(' ' || l.mode, ''), 'on CPU') AS event
             FROM pg_stat_activity a
             LEFT JOIN LATERAL (SELECT mode FROM pg_locks WHERE pid = a.pid AND NOT granted LIMIT 1) l ON a.wait_event_type = 'Lock'
            WHERE a.datname = $1 AND a.state = 'active' AND a.pid <> pg_backend_pid()`,
          [database],
        )
      ).rows;
      for (const row of rows) waits[row.event] = (waits[row.event] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    return { result: await work, waits };
  } finally {
    done = true;
    await sampler;
  }
}

async function measure(target: string, process: ApiProcess, scenario: Scenario, connections: number, seconds: number, round: number, stats: Client, database: string): Promise<Row> {
  const next = await scenario.prepare(Math.ceil(3_000 * (seconds + 2)));
  await drive(process.url, { connections, seconds: 2, next });
  // Backends report their counters at most once a second: let the warm-up's reach the totals first.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const pids = await backendPids(stats, database);
  const pgBefore = new Map(pids.map((pid) => [pid, processCpuMs(pid)]));
  const before = { own: processCpuMs(process.child.pid ?? 0), counters: await counters(stats, database) };
  const { result, waits } = await samplingWaits<LoadResult>(stats, database, drive(process.url, { connections, seconds, next }));
  const own = processCpuMs(process.child.pid ?? 0) - before.own;
  // A backend that ended meanwhile (the other process's idle pool closing) reads 0: left out.
  const pg = pids.reduce((sum, pid) => {
    const now = processCpuMs(pid);
    return now > 0 ? sum + now - (pgBefore.get(pid) ?? 0) : sum;
  }, 0);
  // Backends report their counters at most once a second, when idle.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const after = await counters(stats, database);
  const n = Math.max(1, result.requests);
  const per = (value: number, digits = 2) => Math.round((value / n) * 10 ** digits) / 10 ** digits;
  const perRequestWaits: Record<string, number> = {};
  for (const [event, samples] of Object.entries(waits)) perRequestWaits[event] = samples;
  return {
    target,
    connections,
    round,
    requestsPerSecond: result.requestsPerSecond,
    p50Ms: result.latencyMs.p50,
    p99Ms: result.latencyMs.p99,
    errors: result.errors,
    processCpuMs: per(own),
    postgresCpuMs: per(pg),
    commits: per(after.commits - before.counters.commits),
    walSyncs: per(after.walSyncs - before.counters.walSyncs, 3),
    walBytes: per(after.walBytes - before.counters.walBytes, 0),
    waits: perRequestWaits,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seconds = Number(option(argv, '--seconds') ?? 8);
  const rounds = Number(option(argv, '--rounds') ?? 2);
  const logLevel = option(argv, '--log-level') ?? 'info';
  const wanted = (option(argv, '--scenarios') ?? 'floor,baseline').split(',').map((each) => each.trim());
  const concurrencies = (option(argv, '--connections') ?? '32').split(',').map(Number);
  const profileDir = join(REPO_ROOT, 'bench/results/profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  const profile = argv.includes('--cpu-prof') ? (name: string) => ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, name)}`] : () => [];
  if (argv.includes('--cpu-prof')) mkdirSync(profileDir, { recursive: true });
  const database = await createBenchDatabase();
  const databaseName = new URL(database.url).pathname.slice(1);
  const spawned = { api: Date.now(), floor: 0, 'floor-fastify': 0 };
  const api = await ApiProcess.start({ ...(await benchServiceEnv(database.url)), LOG_LEVEL: logLevel }, profile('api'));
  spawned.floor = Date.now();
  const floor = await ApiProcess.start({ DATABASE_URL: database.url, FLOOR_API_URL: api.url }, profile('floor'), 'dist/bench/floor/main.js');
  // The same floor on Nest's Fastify adapter, only when asked for (decision 0166).
  spawned['floor-fastify'] = Date.now();
  const floorFastify = wanted.includes('floor fastify')
    ? await ApiProcess.start({ DATABASE_URL: database.url, FLOOR_API_URL: api.url, FLOOR_ADAPTER: 'fastify' }, profile('floor-fastify'), 'dist/bench/floor/main.js')
    : null;
  const stats = new Client({ connectionString: database.url.replace(/\/[^/]*$/, '/postgres') });
  await stats.connect();
  const rows: Row[] = [];
  let measuringFrom = Date.now();
  try {
    const world = await buildWorld(api.url, database.url);
    // More referrals make the inbox's plan matter (decision 0169): a page of 50 out of how many.
    const readable = await seedReferrals(world, Number(option(argv, '--referrals') ?? 200));
    const scenarios: Record<string, { process: ApiProcess; scenario: Scenario }> = {
      floor: { process: floor, scenario: baseline(world) },
      ...(floorFastify ? { 'floor fastify': { process: floorFastify, scenario: baseline(world) } } : {}),
      baseline: { process: api, scenario: baseline(world) },
      'create referral': { process: api, scenario: createReferral(world) },
      'read referral': { process: api, scenario: readReferral(world, readable) },
      inbox: { process: api, scenario: inbox(world) },
    };
    measuringFrom = Date.now();
    process.stdout.write(`log level ${logLevel}; PostgreSQL ${database.server}; ${seconds} s per measurement\n`);
    for (let round = 1; round <= rounds; round += 1) {
      for (const target of wanted) {
        for (const connections of concurrencies) {
          const { process: serving, scenario } = scenarios[target];
          const row = await measure(target, serving, scenario, connections, seconds, round, stats, databaseName);
          rows.push(row);
          process.stdout.write(`${JSON.stringify(row)}\n`);
        }
      }
    }
  } finally {
    await stats.end();
    await floorFastify?.stop();
    await floor.stop();
    await api.stop();
    await database.drop();
  }
  if (argv.includes('--cpu-prof')) {
    for (const name of ['api', 'floor', ...(floorFastify ? ['floor-fastify' as const] : [])] as const) {
      for (const file of readdirSync(join(profileDir, name))) {
        // Only the measurements: start-up and the world's set-up left out.
        const shares = profileShares(join(profileDir, name, file), (measuringFrom - spawned[name]) / 1000);
        process.stdout.write(`${name} profile ${file}: ${shares.busySamples} busy samples\n`);
        for (const [layer, share] of Object.entries(shares.layers)) process.stdout.write(`  ${(share * 100).toFixed(1).padStart(5)}%  ${layer}\n`);
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fixed-cost measurement failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
