import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Socket } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config';
import { runtimeDataSourceOptions } from '../../src/database/data-source-options';
import { pipeline, type PipelineClient, statement } from '../../src/database/statement';
import { inTransaction } from '../../src/database/transactions';
import { createMigratedDatabase, type TestDatabase, withAdminClient } from '../support/database';

/**
 * Decision 0146: the statement pipeline rests on node-postgres' documented pipeline mode, plus two
 * things neither library documents — the client's socket (`connection.stream`, corked so a batch
 * leaves in one write) and TypeORM's view of a transaction (`isTransactionActive`,
 * `transactionDepth`, set so a nested `manager.transaction()` takes a savepoint in ours). Both
 * libraries are pinned to exact versions; this test fails when either pin moves or when the
 * behaviour the code relies on changes, so an upgrade is a decision, not an accident.
 */
const PINNED = { pg: '8.23.1', typeorm: '0.3.28' };

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(__dirname, '../../node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function pinnedInPackageJson(name: string): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return manifest.dependencies[name];
}

describe('the footing of the statement pipeline (pg and TypeORM internals, pinned)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    await withAdminClient((client) => client.query(`CREATE TABLE scratch (id uuid PRIMARY KEY); GRANT SELECT, INSERT ON scratch TO ccr_api`), database.url);
    dataSource = new DataSource(runtimeDataSourceOptions(loadConfig({ NODE_ENV: 'test' }, { signingKeysUnused: true }), database.url));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('runs on exactly the pinned versions of pg and TypeORM, pinned without a range in package.json', () => {
    const found = Object.keys(PINNED).map((name) => ({ name, installed: installedVersion(name), declared: pinnedInPackageJson(name) }));
    expect(found).toEqual([
      { name: 'pg', installed: PINNED.pg, declared: PINNED.pg },
      { name: 'typeorm', installed: PINNED.typeorm, declared: PINNED.typeorm },
    ]);
  });

  it('sends a pipelined batch to the server in one socket write, before any answer (pg: connection.stream, pipeline mode)', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PipelineClient & { connection: { stream: Socket } };
      const socket = client.connection.stream;
      expect(typeof socket.cork).toBe('function');
      const writes: number[] = [];
      const original = { write: socket._write?.bind(socket), writev: socket._writev?.bind(socket) };
      socket._writev = (chunks, callback) => {
        writes.push(chunks.length);
        original.writev?.(chunks, callback);
      };
      socket._write = (chunk, encoding, callback) => {
        writes.push(1);
        original.write?.(chunk, encoding, callback);
      };
      try {
        const one = (n: number) => statement(`SELECT $1::int AS n`, [n], (rows) => rows[0].n as number);
        const answers = await pipeline(client, [one(1), one(2), one(3)] as const);
        expect(answers).toEqual([1, 2, 3]);
        // One write carrying every message of the three statements (parse/bind/describe/execute/sync each).
        expect(writes).toHaveLength(1);
        expect(writes[0]).toBeGreaterThanOrEqual(3);
      } finally {
        socket._write = original.write;
        socket._writev = original.writev;
      }
    } finally {
      await runner.release();
    }
  });

  it('makes a nested manager.transaction() a savepoint inside ours, so it cannot commit our work early (TypeORM: isTransactionActive, transactionDepth)', async () => {
    const outer = randomUUID();
    const nested = randomUUID();
    const failing = inTransaction(dataSource, async (manager) => {
      expect(manager.queryRunner?.isTransactionActive).toBe(true);
      await manager.query(`INSERT INTO scratch (id) VALUES ($1)`, [outer]);
      await manager.transaction((inner) => inner.query(`INSERT INTO scratch (id) VALUES ($1)`, [nested]));
      throw new Error('the act was refused after the nested transaction');
    });
    await expect(failing).rejects.toThrow('the act was refused after the nested transaction');
    const kept = await dataSource.query(`SELECT id FROM scratch WHERE id = ANY($1::uuid[])`, [[outer, nested]]);
    expect(kept).toEqual([]);
  });

  it('commits the nested savepoint with the outer transaction when the act succeeds', async () => {
    const nested = randomUUID();
    await inTransaction(dataSource, (manager) => manager.transaction((inner) => inner.query(`INSERT INTO scratch (id) VALUES ($1)`, [nested])));
    expect(await dataSource.query(`SELECT id FROM scratch WHERE id = $1`, [nested])).toEqual([{ id: nested }]);
  });
});
