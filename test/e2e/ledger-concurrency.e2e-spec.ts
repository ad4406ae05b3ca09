import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createNoteVerifier } from '../../src/ledger/checkpoint';
import { leafHash, rootFromFrontier, rootFromLeafHashes } from '../../src/ledger/merkle';
import { HttpLedgerClient, type JsonHttp, verifyLog } from '../../src/ledger/verifier';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { createMigratedDatabase, type TestDatabase } from '../support/database';
import { freePort, type ServiceProcess, spawnService, waitForReady } from '../support/service-process';
import { LedgerFixtures } from '../support/ledger-fixtures';
import { connectAsApiRole } from '../support/api-role';

/** JSON over real HTTP to one of the service processes, as the auditor. */
function overHttp(port: number, actor: Actor): JsonHttp {
  return {
    async request<T>(request: { method: 'GET' | 'POST'; path: string; query?: Record<string, string | number | boolean | undefined>; json?: unknown }) {
      const url = new URL(request.path, `http://127.0.0.1:${port}`);
      for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
      const response = await fetch(url, {
        method: request.method,
        headers: { Authorization: actor.bearer, 'Content-Type': 'application/json' },
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
      });
      if (!response.ok) throw new Error(`${request.method} ${request.path} answered ${response.status}`);
      return { body: (await response.json()) as T };
    },
  };
}

describe('two API processes appending at once', () => {
  let database: TestDatabase;
  let t: TestApp;
  let auditor: Actor;
  const services: { port: number; process: ServiceProcess }[] = [];

  beforeAll(async () => {
    database = await createMigratedDatabase();
    const jwk = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'concurrency' };
    const shared = { JWT_SIGNING_KEYS: JSON.stringify([jwk]), LEDGER_SIGNING_KEY: randomBytes(32).toString('base64') };
    // The in-process app only builds the CCR (administrator, auditor) and issues tokens the processes accept.
    t = await startTestApp({ database, env: shared });
    const ccr = new TestCcr(t);
    auditor = await ccr.person(await ccr.coordinatingBodyId(), ['auditor']);
    for (let i = 0; i < 2; i += 1) {
      const port = await freePort();
      const process = spawnService({ ...shared, DATABASE_URL: database.url, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '8' });
      services.push({ port, process });
    }
    await Promise.all(services.map((service) => waitForReady(service.port, service.process)));
  }, 180_000);

  afterAll(async () => {
    for (const service of services) service.process.child.kill('SIGTERM');
    await Promise.all(services.map((service) => service.process.exited));
    await t.close();
    await database.drop();
  });

  it('produces a dense, fork-free log whose root verifies', async () => {
    const perProcess = 120;
    const concurrency = 16;
    const outcomes: { checkpoint: boolean; status: number }[] = [];
    await Promise.all(
      services.flatMap((service, s) =>
        Array.from({ length: concurrency }, async (_worker, w) => {
          for (let i = w; i < perProcess; i += concurrency) {
            // Every audit query appends a ledger_read entry; every tenth request also races a checkpoint.
            const checkpoint = i % 10 === 0;
            const path = checkpoint ? '/ledger/checkpoints' : `/ledger/audit/entries?limit=1&cursor=${s * 1000 + i}`;
            const response = await fetch(`http://127.0.0.1:${service.port}${path}`, { method: checkpoint ? 'POST' : 'GET', headers: { Authorization: auditor.bearer } });
            outcomes.push({ checkpoint, status: response.status });
            await response.arrayBuffer();
          }
        }),
      ),
    );
    const queries = outcomes.filter((outcome) => !outcome.checkpoint);
    expect(queries.every((outcome) => outcome.status === 200)).toBe(true);
    // A checkpoint request answers 409 only while the log is still empty, at the very start.
    expect(outcomes.filter((outcome) => outcome.checkpoint).every((outcome) => outcome.status === 200 || outcome.status === 409)).toBe(true);
    const log = await LedgerFixtures.connect(database.url, await connectAsApiRole(database.url));
    try {
      const { rows } = await log.owner.query<{ idx: string; leaf_hash: Buffer; entry: Buffer }>('SELECT idx, leaf_hash, entry FROM ledger_entries ORDER BY idx');
      expect(rows.map((row) => Number(row.idx))).toEqual(rows.map((_row, i) => i));
      const reads = rows.filter((row) => JSON.parse(row.entry.toString()).kind === 'ledger_read');
      expect(reads).toHaveLength(queries.length);
      expect(queries).toHaveLength(2 * (perProcess - perProcess / 10));
      const state = (await log.owner.query<{ tree_size: string; frontier: Buffer[] }>('SELECT tree_size, frontier FROM ledger_state')).rows[0];
      expect(Number(state.tree_size)).toBe(rows.length);
      expect(rootFromFrontier(state.frontier)).toEqual(rootFromLeafHashes(rows.map((row) => leafHash(row.entry))));
      expect(rows.every((row) => leafHash(row.entry).equals(row.leaf_hash))).toBe(true);
      const checkpoints = (await log.owner.query<{ tree_size: string }>('SELECT tree_size FROM ledger_checkpoints ORDER BY tree_size')).rows;
      expect(checkpoints.length).toBeGreaterThan(1);

      await fetch(`http://127.0.0.1:${services[0].port}/ledger/checkpoints`, { method: 'POST', headers: { Authorization: auditor.bearer } });
      const logKey = (await (await fetch(`http://127.0.0.1:${services[1].port}/ledger/log-key`)).json()) as { verifierKey: string };
      const report = await verifyLog(new HttpLedgerClient(overHttp(services[1].port, auditor)), { logKey: await createNoteVerifier(logKey.verifierKey), witnessKeys: [], quorum: 0 });
      expect(report).toMatchObject({ ok: true, failures: [] });
      expect(report.checkpointsChecked).toBe(checkpoints.length + 1);
      expect(report.treeSize).toBeGreaterThanOrEqual(rows.length);
    } finally {
      await log.close();
    }
  }, 180_000);
});
