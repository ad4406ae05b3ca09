import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config';
import { runtimeDataSourceOptions } from '../../src/database/data-source-options';
import { logAppend, nothing, statement } from '../../src/database/statement';
import { inTransaction, pipelined, queueAtCommit, runLogged } from '../../src/database/transactions';
import { createMigratedDatabase, type TestDatabase, withAdminClient } from '../support/database';

/**
 * The transaction runner every service uses: READ COMMITTED whatever the database default, BEGIN
 * sent without waiting, statements pipelined in order, the end-of-transaction writes batched into
 * COMMIT's round trip — and all or nothing, whichever statement fails.
 */
describe('inTransaction, pipelined and queueAtCommit (on PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    // A database whose default would fork the disclosure log: the service's sessions must not inherit it.
    await withAdminClient((client) => client.query(`ALTER DATABASE "${database.name}" SET default_transaction_isolation = 'serializable'`));
    await withAdminClient((client) => client.query(`CREATE TABLE scratch (id uuid PRIMARY KEY, note text NOT NULL); GRANT SELECT, INSERT ON scratch TO ccr_api`), database.url);
    dataSource = new DataSource(runtimeDataSourceOptions(loadConfig({ NODE_ENV: 'test' }, { signingKeysUnused: true }), database.url));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const insert = (id: string, note = 'n') => statement(`INSERT INTO scratch (id, note) VALUES ($1, $2)`, [id, note], nothing);
  const stored = async (id: string) => (await dataSource.query(`SELECT note FROM scratch WHERE id = $1`, [id])).length === 1;

  it('runs at READ COMMITTED although the database default is SERIALIZABLE, as the API role', async () => {
    const seen = await inTransaction(dataSource, (manager) => manager.query(`SELECT current_setting('transaction_isolation') AS level, current_user AS who`));
    expect(seen).toEqual([{ level: 'read committed', who: 'ccr_api' }]);
  });

  it('never JIT-compiles a plan, whatever the database default (decision 0167)', async () => {
    await withAdminClient((client) => client.query(`ALTER DATABASE "${database.name}" SET jit = on`));
    const seen = await dataSource.query(`SELECT current_setting('jit') AS jit`);
    expect(seen).toEqual([{ jit: 'off' }]);
  });

  it('answers pipelined statements in order, each reading what the ones before it wrote', async () => {
    const id = randomUUID();
    const [, count, note] = await inTransaction(dataSource, (manager) =>
      pipelined(manager, [
        insert(id, 'first'),
        statement(`SELECT count(*)::int AS n FROM scratch WHERE id = $1`, [id], (rows) => rows[0].n),
        statement(`SELECT note FROM scratch WHERE id = $1`, [id], (rows) => rows[0].note),
      ] as const),
    );
    expect([count, note]).toEqual([1, 'first']);
    expect(await stored(id)).toBe(true);
  });

  it('throws the first failure, mapped by its statement, and keeps nothing of the transaction', async () => {
    const before = randomUUID();
    const taken = randomUUID();
    await inTransaction(dataSource, (manager) => pipelined(manager, [insert(taken)] as const));
    class Taken extends Error {}
    const failing = inTransaction(dataSource, (manager) =>
      pipelined(manager, [insert(before), { ...insert(taken), mapError: () => new Taken() }, insert(randomUUID())] as const),
    );
    await expect(failing).rejects.toBeInstanceOf(Taken);
    expect(await stored(before)).toBe(false);
  });

  it('writes what queueAtCommit holds in one statement per channel, after the work, and rolls the work back if it fails', async () => {
    const channel = {};
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const batches: string[][] = [];
    const writeAll = (items: string[]) => {
      batches.push(items);
      return statement(`INSERT INTO scratch (id, note) SELECT unnest($1::uuid[]), 'queued'`, [items], nothing);
    };
    await inTransaction(dataSource, async (manager) => {
      for (const id of ids) await queueAtCommit(manager, channel, id, writeAll);
      expect(batches).toEqual([]);
    });
    expect(batches).toEqual([ids]);
    expect(await Promise.all(ids.map(stored))).toEqual([true, true, true]);

    const work = randomUUID();
    const clash = inTransaction(dataSource, async (manager) => {
      await pipelined(manager, [insert(work)] as const);
      await queueAtCommit(manager, channel, ids[0], writeAll); // a duplicate key, found only at COMMIT's round trip
    });
    await expect(clash).rejects.toThrow(/duplicate key/);
    expect(await stored(work)).toBe(false);
  });

  it('writes at once what is queued outside a transaction', async () => {
    const id = randomUUID();
    await queueAtCommit(dataSource.manager, {}, id, (items) => statement(`INSERT INTO scratch (id, note) VALUES ($1, 'now')`, [items[0]], nothing));
    expect(await stored(id)).toBe(true);
  });

  describe('log entries a statement queues (decision 0036)', () => {
    const RECORD = `SELECT ccr_ledger_record('case_opened', jsonb_build_object('requestId', $1::text))`;
    const logged = (requestId: string) => logAppend(RECORD, [requestId], nothing);
    const where = async (requestId: string) =>
      withAdminClient(async (client) => ({
        inTree: (await client.query(`SELECT idx FROM ledger_entries WHERE convert_from(entry, 'UTF8')::jsonb->>'requestId' = $1`, [requestId])).rows.map((row) => Number(row.idx)),
        queued: Number((await client.query(`SELECT count(*) FROM ledger_queue WHERE fields->>'requestId' = $1`, [requestId])).rows[0].count),
      }), database.url);

    it('are in the tree when the transaction that queued them returns (integrated after COMMIT)', async () => {
      const requestId = randomUUID();
      await inTransaction(dataSource, (manager) => queueAtCommit(manager, {}, requestId, (items) => logged(items[0])));
      expect(await where(requestId)).toEqual({ inTree: [expect.any(Number)], queued: 0 });
    });

    it('are in the tree when an autocommit pipeline that queued them returns', async () => {
      const requestId = randomUUID();
      await pipelined(dataSource.manager, [logged(requestId)] as const);
      expect(await where(requestId)).toEqual({ inTree: [expect.any(Number)], queued: 0 });
    });

    it('stay queued when the statement does not say it appends to the log (so the flag is what integrates)', async () => {
      const requestId = randomUUID();
      await pipelined(dataSource.manager, [statement(RECORD, [requestId], nothing)] as const);
      expect(await where(requestId)).toEqual({ inTree: [], queued: 1 });
      await pipelined(dataSource.manager, [logged(randomUUID())] as const);
      expect((await where(requestId)).queued).toBe(0);
    });

    it('answer their index from runLogged, inside a transaction or on their own', async () => {
      for (const inOne of [true, false]) {
        const requestId = randomUUID();
        const { logIndex } = inOne ? await inTransaction(dataSource, (manager) => runLogged(manager, logged(requestId))) : await runLogged(dataSource.manager, logged(requestId));
        expect(await where(requestId)).toEqual({ inTree: [logIndex], queued: 0 });
      }
    });

    /** The transaction that wrote the entry's row in the tree: the one that folded it. */
    const foldedBy = async (requestId: string) =>
      withAdminClient(
        async (client) => (await client.query(`SELECT xmin::text AS xid FROM ledger_entries WHERE convert_from(entry, 'UTF8')::jsonb->>'requestId' = $1`, [requestId])).rows[0]?.xid as string,
        database.url,
      );
    /** Queues an entry and answers the transaction it ran in. */
    const loggedIn = (requestId: string) => logAppend(`${RECORD}, pg_current_xact_id()::xid::text AS xid`, [requestId], (rows) => rows[0].xid as string);

    it('are folded by the act\'s own transaction when the log\'s lock is free: the act commits once (decision 0168)', async () => {
      const inOne = randomUUID();
      const id = randomUUID();
      await inTransaction(dataSource, async (manager) => {
        await pipelined(manager, [insert(id)] as const);
        await queueAtCommit(manager, {}, inOne, (items) => logged(items[0]));
      });
      const actXid = (await dataSource.query(`SELECT xmin::text AS xid FROM scratch WHERE id = $1`, [id]))[0].xid as string;
      expect(await foldedBy(inOne)).toBe(actXid);

      const alone = randomUUID();
      const { result: aloneXid, logIndex } = await runLogged(dataSource.manager, loggedIn(alone));
      expect(await foldedBy(alone)).toBe(aloneXid);
      expect(await where(alone)).toEqual({ inTree: [logIndex], queued: 0 });

      const piped = randomUUID();
      const [pipedXid] = await pipelined(dataSource.manager, [loggedIn(piped)] as const);
      expect(await foldedBy(piped)).toBe(pipedXid);
    });

    it('are folded after COMMIT, as before, when the log\'s lock is busy: the act commits without waiting for it', async () => {
      const holder = new Client({ connectionString: database.url });
      await holder.connect();
      const waitingForTheLog = async () =>
        Number(
          (
            await holder.query(
              `SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
                WHERE a.datname = $1 AND l.locktype = 'advisory' AND l.objsubid = 1 AND NOT l.granted
                  AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('ccr:ledger', 0)`,
              [database.name],
            )
          ).rows[0].count,
        );
      /** Runs `act` while the holder keeps the log locked, until the act's integration waits for it. */
      const whileLocked = async <T>(act: () => Promise<T>, requestId: string): Promise<T> => {
        await holder.query('BEGIN');
        await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0))`);
        const acting = act();
        while ((await waitingForTheLog()) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        // Its try answered null at once: the act committed its entry unfolded, and its integration waits.
        expect(await where(requestId)).toEqual({ inTree: [], queued: 1 });
        await holder.query('COMMIT');
        return acting;
      };
      try {
        const alone = randomUUID();
        const { result: aloneXid, logIndex } = await whileLocked(() => runLogged(dataSource.manager, loggedIn(alone)), alone);
        expect(await where(alone)).toEqual({ inTree: [logIndex], queued: 0 });
        expect(await foldedBy(alone)).not.toBe(aloneXid);

        const inOne = randomUUID();
        const id = randomUUID();
        await whileLocked(
          () =>
            inTransaction(dataSource, async (manager) => {
              await pipelined(manager, [insert(id)] as const);
              await queueAtCommit(manager, {}, inOne, (items) => logged(items[0]));
            }),
          inOne,
        );
        expect(await where(inOne)).toEqual({ inTree: [expect.any(Number)], queued: 0 });
        expect(await foldedBy(inOne)).not.toBe((await dataSource.query(`SELECT xmin::text AS xid FROM scratch WHERE id = $1`, [id]))[0].xid);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
    });

    it('throw a failing statement\'s own typed error from runLogged outside a transaction, and leave its connection outside any transaction', async () => {
      const single = new DataSource(runtimeDataSourceOptions(loadConfig({ NODE_ENV: 'test', DATABASE_POOL_SIZE: '1' }, { signingKeysUnused: true }), database.url));
      await single.initialize();
      try {
        const pid = (await single.query(`SELECT pg_backend_pid() AS pid`))[0].pid as number;
        class Refused extends Error {}
        const forged = logAppend(`SELECT ccr_ledger_record('disclosure', jsonb_build_object('requestId', $1::text))`, [randomUUID()], nothing, (failure) =>
          (failure.driverError as { code?: string }).code === 'CC422' ? new Refused() : failure,
        );
        await expect(runLogged(single.manager, forged)).rejects.toBeInstanceOf(Refused);
        const state = await withAdminClient(async (client) => (await client.query(`SELECT state FROM pg_stat_activity WHERE pid = $1`, [pid])).rows[0].state as string, database.url);
        expect(state).toBe('idle');
        // The same pooled connection, its next statement the first of a fresh transaction.
        expect(await single.query(`SELECT pg_backend_pid() AS pid, now() = statement_timestamp() AS fresh`)).toEqual([{ pid, fresh: true }]);
      } finally {
        await single.destroy();
      }
    });
  });

  it('rolls back the work when it throws after writing, though BEGIN was never awaited by it', async () => {
    const id = randomUUID();
    const failing = inTransaction(dataSource, async (manager) => {
      await manager.query(`INSERT INTO scratch (id, note) VALUES ($1, 'x')`, [id]);
      throw new Error('the act was refused');
    });
    await expect(failing).rejects.toThrow('the act was refused');
    expect(await stored(id)).toBe(false);
  });
});
