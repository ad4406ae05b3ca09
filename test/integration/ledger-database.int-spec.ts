import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appendToFrontier, leafHash, rootFromFrontier, rootFromLeafHashes } from '../../src/ledger/merkle';
import { connectAsApiRole } from '../support/api-role';
import { createMigratedDatabase, type TestDatabase } from '../support/database';

interface Seed {
  custodian: string;
  recipient: string;
  caseId: string;
  consentId: string;
  recordId: string;
}

/** Minimal rows, written as the owner: two agencies, a case, a live consent, a record wrapped for both. */
async function seed(owner: Client): Promise<Seed> {
  const [custodian, recipient, caseId, consentId, recordId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await owner.query(`INSERT INTO agencies (id, name, kind, regime) VALUES ($1, $2, 'advocacy', 'vawa_fvpsa_voca'), ($3, $4, 'prosecution', 'criminal_justice')`, [custodian, `a-${custodian}`, recipient, `p-${recipient}`]);
  await owner.query(`INSERT INTO cases (id, custodian_agency_id) VALUES ($1, $2)`, [caseId, custodian]);
  await owner.query(`INSERT INTO consents (id, case_id, custodian_agency_id, recipient_agency_id, current_version) VALUES ($1, $2, $3, $4, 1)`, [consentId, caseId, custodian, recipient]);
  await owner.query(
    `INSERT INTO consent_versions (consent_id, version, categories, actions, purpose, valid_from, valid_until, capture_mode, language,
       interpreter, informed_consent, deny_agency_ids, recorded_by_principal_id, recorded_at, signer_epoch, signature)
     VALUES ($1, 1, '{risk}', '{receive_notes}', 'prosecution_support', now() - interval '1 day', now() + interval '90 days',
       'written_signature', 'en', '{"used": false}', '{}', '{}', $2, now(), 1, '\\x00')`,
    [consentId, randomUUID()],
  );
  await owner.query(
    `INSERT INTO records (id, case_id, category, author_agency_id, signer_epoch, created_at, nonce, ciphertext, ciphertext_sha256, key_commitment, signature)
     VALUES ($1, $2, 'risk', $3, 1, '2026-11-21T00:00:00.000Z', '\\x01', '\\xdeadbeef', '\\x02', '\\x03', '\\x04')`,
    [recordId, caseId, custodian],
  );
  for (const [agency, basisKind, basisId] of [[custodian, 'custodian', null], [recipient, 'consent', consentId]] as const) {
    await owner.query(`INSERT INTO record_recipients (record_id, agency_id, epoch, basis_kind, basis_id, wrap_hash, via) VALUES ($1, $2, 1, $3, $4, '\\x05', 'manifest')`, [recordId, agency, basisKind, basisId]);
    await owner.query(`INSERT INTO record_wraps (record_id, agency_id, wrap) VALUES ($1, $2, $3)`, [recordId, agency, Buffer.from(`wrap-for-${agency}`)]);
  }
  return { custodian, recipient, caseId, consentId, recordId };
}

const actorFor = (agency: string) => JSON.stringify({ principal: randomUUID(), agency, roles: ['agency_worker'] });

describe('the disclosure log in PostgreSQL', () => {
  let database: TestDatabase;
  let owner: Client;
  let api: Client;
  let s: Seed;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    api = await connectAsApiRole(database.url);
    s = await seed(owner);
  });
  afterAll(async () => {
    await api.end();
    await owner.end();
    await database.drop();
  });

  /** Eight connections as the API role, each running `work` at the same time. */
  async function eightWriters(work: (writer: Client, index: number) => Promise<void>): Promise<void> {
    const writers = await Promise.all(Array.from({ length: 8 }, () => connectAsApiRole(database.url)));
    try {
      await Promise.all(writers.map((writer, index) => work(writer, index)));
    } finally {
      await Promise.all(writers.map((writer) => writer.end()));
    }
  }

  async function entries(): Promise<{ idx: string; leaf_hash: Buffer; entry: Buffer }[]> {
    return (await owner.query('SELECT idx, leaf_hash, entry FROM ledger_entries ORDER BY idx')).rows;
  }

  /** What the API does after an act commits: fold the queue into the tree; the index of this session's last entry. */
  async function integrate(session: Client): Promise<number | null> {
    const { rows } = await session.query<{ idx: string | null }>('SELECT ccr_ledger_integrate() AS idx');
    return rows[0].idx === null ? null : Number(rows[0].idx);
  }

  async function queued(): Promise<{ kind: string; fields: Record<string, unknown> }[]> {
    return (await owner.query('SELECT kind, fields FROM ledger_queue ORDER BY ticket')).rows;
  }

  it('appends RFC 9162 leaves whose stored nodes and root match an independent computation, folded in batches of any size', async () => {
    const batchEnds = new Set([0, 1, 4, 5, 12, 13, 29, 36]);
    const lastFolded: (number | null)[] = [];
    for (let i = 0; i < 37; i += 1) {
      await api.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify({ case: s.caseId, requestId: `r-${i}` })]);
      if (batchEnds.has(i)) lastFolded.push(await integrate(api));
    }
    expect(lastFolded).toEqual([...batchEnds]);
    expect(await queued()).toEqual([]);
    const rows = await entries();
    expect(rows).toHaveLength(37);
    expect(rows.map((row) => Number(row.idx))).toEqual([...Array(rows.length).keys()]);
    let frontier: Buffer[] = [];
    const expectedNodes: string[] = [];
    rows.forEach((row, index) => {
      expect(row.leaf_hash).toEqual(leafHash(row.entry));
      const appended = appendToFrontier(frontier, index, row.leaf_hash);
      frontier = appended.frontier;
      for (const node of appended.newNodes) if (node.level > 0) expectedNodes.push(`${node.level}/${node.index}/${node.hash.toString('hex')}`);
    });
    const stored = (await owner.query(`SELECT level, idx, encode(hash, 'hex') AS hash FROM ledger_nodes ORDER BY level, idx`)).rows.map((row) => `${row.level}/${row.idx}/${row.hash}`);
    expect(stored.sort()).toEqual(expectedNodes.sort());
    const state = (await owner.query('SELECT tree_size, frontier FROM ledger_state')).rows[0];
    expect(Number(state.tree_size)).toBe(rows.length);
    expect(rootFromFrontier(state.frontier)).toEqual(rootFromLeafHashes(rows.map((row) => row.leaf_hash)));
  });

  it('chains the entries of a case: caseSeq counts up and casePrev is the previous leaf hash', async () => {
    // A case of its own, with entries interleaved with another case's, so the test stands alone.
    const caseId = randomUUID();
    await owner.query(`INSERT INTO cases (id, custodian_agency_id) VALUES ($1, $2)`, [caseId, s.custodian]);
    for (const [index, which] of [caseId, s.caseId, caseId, caseId, s.caseId, caseId].entries()) {
      await api.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify({ case: which, requestId: `chain-${index}` })]);
      if (index % 2 === 1) await integrate(api);
    }
    await integrate(api);
    const rows = (await entries()).map((row) => ({ hash: row.leaf_hash.toString('hex'), entry: JSON.parse(row.entry.toString()) }));
    const chain = rows.filter((row) => row.entry.case === caseId);
    expect(chain.map((row) => row.entry.caseSeq)).toEqual([1, 2, 3, 4]);
    expect(chain.map((row) => row.entry.casePrev)).toEqual([null, ...chain.slice(0, -1).map((row) => row.hash)]);
  });

  it('stays dense and fork-free with many concurrent writers', async () => {
    const before = (await entries()).length;
    await eightWriters(async (writer, w) => {
      for (let i = 0; i < 25; i += 1) {
        await writer.query('BEGIN');
        await writer.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify({ case: s.caseId, requestId: `w${w}-${i}` })]);
        await writer.query(i % 5 === 4 ? 'ROLLBACK' : 'COMMIT');
        // Most acts integrate at once, some leave it to whoever integrates next.
        if ((w + i) % 3 !== 0) await integrate(writer);
      }
    });
    await integrate(owner);
    expect(await queued()).toEqual([]);
    const rows = await entries();
    expect(rows.length - before).toBe(8 * 20);
    expect(rows.map((row) => Number(row.idx))).toEqual([...Array(rows.length).keys()]);
    const state = (await owner.query('SELECT frontier FROM ledger_state')).rows[0];
    expect(rootFromFrontier(state.frontier)).toEqual(rootFromLeafHashes(rows.map((row) => leafHash(row.entry))));
    const chain = rows.map((row) => JSON.parse(row.entry.toString())).filter((entry) => entry.case === s.caseId);
    expect(chain.map((entry) => entry.caseSeq)).toEqual(chain.map((_entry, index) => index + 1));
  });

  it('lets an act queue its entry without the log\'s lock, and queues integrations on that advisory lock', async () => {
    const size = (await entries()).length;
    await owner.query('BEGIN');
    await owner.query(`SELECT pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0))`);
    try {
      await api.query(`SET lock_timeout = '200ms'`);
      await api.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify({ case: s.caseId, requestId: 'while-locked' })]);
      expect(await queued()).toEqual([expect.objectContaining({ kind: 'case_opened', fields: expect.objectContaining({ requestId: 'while-locked' }) })]);
      await expect(integrate(api)).rejects.toMatchObject({ code: '55P03' });
    } finally {
      await api.query('RESET lock_timeout');
      await owner.query('ROLLBACK');
    }
    expect(await integrate(owner)).toBeNull();
    expect(await queued()).toEqual([]);
    expect(JSON.parse((await entries())[size].entry.toString())).toMatchObject({ requestId: 'while-locked' });
  });

  /** The log's lock as pg_locks shows it for one backend. */
  async function logLockOf(pid: number): Promise<{ mode: string; granted: boolean }[]> {
    const { rows } = await owner.query(
      `SELECT mode, granted FROM pg_locks WHERE locktype = 'advisory' AND pid = $1 AND objsubid = 1
          AND ((classid::bigint << 32) | objid::bigint) = hashtextextended('ccr:ledger', 0)`,
      [pid],
    );
    return rows;
  }

  /** Until each backend waits for the log's lock (no time limit but the test's). */
  async function untilWaiting(pids: number[]): Promise<void> {
    for (;;) {
      const waiting = await Promise.all(pids.map(async (pid) => (await logLockOf(pid)).some((lock) => !lock.granted)));
      if (waiting.every(Boolean)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sessions as the API role, each with its backend's pid. */
  async function sessions(count: number): Promise<{ client: Client; pid: number }[]> {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const client = await connectAsApiRole(database.url);
        return { client, pid: (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid };
      }),
    );
  }

  const recordCase = (session: Client, requestId: string) => session.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify({ case: s.caseId, requestId })]);
  const indexOf = async (requestId: string) =>
    Number((await owner.query(`SELECT idx FROM ledger_entries WHERE convert_from(entry, 'UTF8')::jsonb->>'requestId' = $1`, [requestId])).rows[0]?.idx ?? NaN);

  it('lets integrations waiting for a fold wait together in shared mode, each holding nothing of the lock once answered (decision 0165)', async () => {
    const [reader, other] = await sessions(2);
    await recordCase(reader.client, 'shared-wait-1');
    await recordCase(other.client, 'shared-wait-2');
    // The owner plays an integration that holds the lock while it folds.
    await owner.query('BEGIN');
    await owner.query(`SELECT pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0))`);
    try {
      await reader.client.query('BEGIN');
      const readerIndex = integrate(reader.client);
      const otherIndex = integrate(other.client);
      await untilWaiting([reader.pid, other.pid]);
      // In turn, each would queue for the exclusive lock and wake only when the one before it committed.
      expect(await logLockOf(reader.pid)).toEqual([{ mode: 'ShareLock', granted: false }]);
      expect(await logLockOf(other.pid)).toEqual([{ mode: 'ShareLock', granted: false }]);
      await owner.query('SELECT ccr_ledger_fold()');
      await owner.query('COMMIT');
      expect(await readerIndex).toBe(await indexOf('shared-wait-1'));
      // Answered, its transaction still open: it holds no lock the other waiter could be queued behind.
      expect(await logLockOf(reader.pid)).toEqual([]);
      expect(await otherIndex).toBe(await indexOf('shared-wait-2'));
    } finally {
      await owner.query('ROLLBACK');
      await reader.client.query('ROLLBACK');
      await Promise.all([reader.client.end(), other.client.end()]);
    }
  });

  it('folds what its own transaction queued itself, waiting for the exclusive lock and holding it until COMMIT', async () => {
    const [writer] = await sessions(1);
    await owner.query('BEGIN');
    await owner.query(`SELECT pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0))`);
    try {
      await writer.client.query('BEGIN');
      await recordCase(writer.client, 'own-transaction');
      const index = integrate(writer.client);
      await untilWaiting([writer.pid]);
      // Its uncommitted entry is one no other fold can see: it queues for the exclusive lock, as before.
      expect(await logLockOf(writer.pid)).toEqual([{ mode: 'ExclusiveLock', granted: false }]);
      await owner.query('SELECT ccr_ledger_fold()');
      await owner.query('COMMIT');
      const answered = await index;
      expect(await logLockOf(writer.pid)).toEqual([{ mode: 'ExclusiveLock', granted: true }]);
      await writer.client.query('COMMIT');
      expect(answered).toBe(await indexOf('own-transaction'));
    } finally {
      await owner.query('ROLLBACK');
      await writer.client.end();
    }
  });

  it('lets a transaction fold its own entry when the log\'s lock is free, and answers null at once when it is busy (decision 0168)', async () => {
    const tryIntegrate = async (session: Client) => {
      const { rows } = await session.query<{ idx: string | null }>('SELECT ccr_ledger_try_integrate() AS idx');
      return rows[0].idx === null ? null : Number(rows[0].idx);
    };
    const [writer] = await sessions(1);
    try {
      // Busy: no wait (the owner's lock is held throughout), nothing of the lock taken; folded after COMMIT.
      await owner.query('BEGIN');
      await owner.query(`SELECT pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0))`);
      await writer.client.query('BEGIN');
      await recordCase(writer.client, 'try-busy');
      expect(await tryIntegrate(writer.client)).toBeNull();
      expect(await logLockOf(writer.pid)).toEqual([]);
      await writer.client.query('COMMIT');
      await owner.query('COMMIT');
      expect(await integrate(writer.client)).toBe(await indexOf('try-busy'));

      // Free: folded in the transaction, which holds the lock until its COMMIT.
      await writer.client.query('BEGIN');
      await recordCase(writer.client, 'try-free');
      const folded = await tryIntegrate(writer.client);
      expect(await logLockOf(writer.pid)).toEqual([{ mode: 'ExclusiveLock', granted: true }]);
      const xid = (await writer.client.query<{ xid: string }>('SELECT pg_current_xact_id()::xid::text AS xid')).rows[0].xid;
      await writer.client.query('COMMIT');
      expect(folded).toBe(await indexOf('try-free'));
      expect((await owner.query(`SELECT xmin::text AS xid FROM ledger_entries WHERE idx = $1`, [folded])).rows[0].xid).toBe(xid);
      // The integration after COMMIT answers the same index from the tree, and writes nothing (no commit to flush).
      await writer.client.query('BEGIN');
      expect(await integrate(writer.client)).toBe(folded);
      expect((await writer.client.query('SELECT pg_current_xact_id_if_assigned() AS xid')).rows[0].xid).toBeNull();
      expect(await logLockOf(writer.pid)).toEqual([]);
      await writer.client.query('COMMIT');
    } finally {
      await owner.query('ROLLBACK');
      await writer.client.end();
    }
  });

  it('leaves nothing of the log\'s lock to a waiting integration that is cancelled, and keeps its entry to answer', async () => {
    const [waiter] = await sessions(1);
    await recordCase(waiter.client, 'cancelled-wait');
    await owner.query('BEGIN');
    await owner.query(`SELECT pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0))`);
    try {
      const cancelled = integrate(waiter.client);
      await untilWaiting([waiter.pid]);
      await owner.query('SELECT pg_cancel_backend($1)', [waiter.pid]);
      await expect(cancelled).rejects.toMatchObject({ code: '57014' });
      expect(await logLockOf(waiter.pid)).toEqual([]);
    } finally {
      await owner.query('ROLLBACK');
    }
    try {
      expect(await integrate(waiter.client)).toBe(await indexOf('cancelled-wait'));
    } finally {
      await waiter.client.end();
    }
  });

  it('folds an entry whose act committed but never integrated at the next integration, from any session', async () => {
    const size = (await entries()).length;
    await api.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify({ case: s.caseId, requestId: 'orphan' })]);
    expect(await integrate(owner)).toBeNull();
    const rows = await entries();
    expect(rows).toHaveLength(size + 1);
    expect(JSON.parse(rows[size].entry.toString())).toMatchObject({ requestId: 'orphan' });
    // The act's own session still learns its entry's index, without the lock.
    expect(await integrate(api)).toBe(size);
  });

  it('leaves nothing queued, and no index to answer, for an act that rolled back', async () => {
    const size = (await entries()).length;
    await api.query('BEGIN');
    await api.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify({ case: s.caseId, requestId: 'rolled-back' })]);
    await api.query('ROLLBACK');
    expect(await queued()).toEqual([]);
    expect(await integrate(api)).toBeNull();
    expect(await entries()).toHaveLength(size);
  });

  it('refuses to queue an entry whose ids would not parse, so one bad act can never block the queue', async () => {
    for (const fields of [{ case: 'not-a-uuid' }, { recipient: 'x' }, { actor: { agency: 'x' } }, { basis: { consent: 'x' } }]) {
      await expect(api.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify(fields)])).rejects.toMatchObject({ code: '22P02' });
    }
    expect(await queued()).toEqual([]);
  });

  it('never deadlocks an act that publishes events and appends entries, in either order, against other writers', async () => {
    const before = (await entries()).length;
    const publish = (writer: Client) => writer.query(`SELECT ccr_publish_event($1, 'referral.received', $2, NULL, NULL, NULL)`, [s.recipient, randomUUID()]);
    const append = (writer: Client, requestId: string) => writer.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify({ case: s.caseId, requestId })]);
    await eightWriters(async (writer, w) => {
      for (let i = 0; i < 20; i += 1) {
        await writer.query('BEGIN');
        if ((w + i) % 2 === 0) {
          await publish(writer);
          await append(writer, `e${w}-${i}`);
        } else {
          await append(writer, `e${w}-${i}`);
          await publish(writer);
        }
        await writer.query('COMMIT');
        await integrate(writer);
      }
    });
    const rows = await entries();
    expect(rows.length - before).toBe(8 * 20);
    expect(rows.map((row) => Number(row.idx))).toEqual([...Array(rows.length).keys()]);
  });

  it('stays dense, and answers each act its own entry, when acts fold their own entries before COMMIT among others', async () => {
    const before = (await entries()).length;
    const answered = new Map<string, number | null>();
    await eightWriters(async (writer, w) => {
      for (let i = 0; i < 20; i += 1) {
        const requestId = `try-${w}-${i}`;
        await writer.query('BEGIN');
        await writer.query(`SELECT ccr_publish_event($1, 'referral.received', $2, NULL, NULL, NULL)`, [s.recipient, randomUUID()]);
        await recordCase(writer, requestId);
        // What the API sends in COMMIT's round trip: the try (never waiting), COMMIT, the integration.
        if ((w + i) % 2 === 0) await writer.query('SELECT ccr_ledger_try_integrate()');
        await writer.query('COMMIT');
        answered.set(requestId, await integrate(writer));
      }
    });
    const rows = await entries();
    expect(rows.length - before).toBe(8 * 20);
    expect(rows.map((row) => Number(row.idx))).toEqual([...Array(rows.length).keys()]);
    const indices = await Promise.all([...answered.keys()].map(indexOf));
    expect([...answered.values()]).toEqual(indices);
    expect((await owner.query('SELECT count(*)::int AS n FROM agency_events WHERE position IS NULL')).rows[0].n).toBe(0);
  });

  it('refuses to integrate outside READ COMMITTED', async () => {
    await api.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await expect(integrate(api)).rejects.toMatchObject({ code: 'CC500' });
    await api.query('ROLLBACK');
    await api.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await expect(api.query('SELECT ccr_ledger_try_integrate()')).rejects.toMatchObject({ code: 'CC500' });
    await api.query('ROLLBACK');
  });

  it('lets the API role log acts but never forge a disclosure, or unknown fields', async () => {
    await expect(api.query(`SELECT ccr_ledger_record('disclosure', '{}'::jsonb)`)).rejects.toMatchObject({ code: 'CC422' });
    await expect(api.query(`SELECT ccr_ledger_record('access', '{}'::jsonb)`)).rejects.toMatchObject({ code: 'CC422' });
    await expect(api.query(`SELECT ccr_ledger_record('denied', '{"name": "Jane"}'::jsonb)`)).rejects.toMatchObject({ code: 'CC422' });
    await expect(api.query(`SELECT ccr_ledger_append_internal('disclosure', '{}'::jsonb)`)).rejects.toMatchObject({ code: '42501' });
    await expect(api.query(`SELECT ccr_ledger_append_serial('disclosure', '{}'::jsonb)`)).rejects.toMatchObject({ code: '42501' });
    await expect(api.query(`SELECT ccr_ledger_fold()`)).rejects.toMatchObject({ code: '42501' });
  });

  it('is append-only for the API role: no UPDATE, DELETE or TRUNCATE of log tables', async () => {
    for (const statement of [
      'UPDATE ledger_entries SET kind = $$x$$',
      'DELETE FROM ledger_entries',
      'TRUNCATE ledger_entries',
      'UPDATE ledger_state SET tree_size = 0',
      'DELETE FROM ledger_nodes',
      'SELECT * FROM ledger_queue',
      'DELETE FROM ledger_queue',
      `INSERT INTO ledger_queue (kind, fields) VALUES ('disclosure', '{}')`,
      'INSERT INTO ledger_entries (idx, leaf_hash, entry, kind, recorded_at) VALUES (999999, $$\\x00$$, $$\\x00$$, $$x$$, now())',
    ]) {
      await expect(api.query(statement)).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('refuses changes even to the owner, by trigger (the backstop)', async () => {
    await expect(owner.query(`UPDATE ledger_entries SET kind = 'x' WHERE idx = 0`)).rejects.toMatchObject({ code: 'CC403' });
    await expect(owner.query(`DELETE FROM ledger_entries WHERE idx = 0`)).rejects.toMatchObject({ code: 'CC403' });
    await expect(owner.query(`TRUNCATE ledger_nodes`)).rejects.toMatchObject({ code: 'CC403' });
    await expect(owner.query(`UPDATE ledger_state SET tree_size = 1`)).rejects.toMatchObject({ code: 'CC403' });
    await expect(owner.query(`DELETE FROM consents`)).rejects.toMatchObject({ code: 'CC403' });
  });

  it('never lets the API role select ciphertext or key wraps directly', async () => {
    await expect(api.query('SELECT ciphertext FROM records')).rejects.toMatchObject({ code: '42501' });
    await expect(api.query('SELECT * FROM records')).rejects.toMatchObject({ code: '42501' });
    await expect(api.query('SELECT wrap FROM record_wraps')).rejects.toMatchObject({ code: '42501' });
    await expect(api.query('SELECT * FROM record_wraps')).rejects.toMatchObject({ code: '42501' });
    const listed = await api.query('SELECT id, category FROM records WHERE id = $1', [s.recordId]);
    expect(listed.rows).toEqual([{ id: s.recordId, category: 'risk' }]);
  });

  it('delivers ciphertext and only the caller\'s wrap through ccr_open_record, logging the disclosure in the same transaction', async () => {
    const before = (await entries()).length;
    const opened = await api.query(`SELECT * FROM ccr_open_record($1, $2::jsonb, 'prosecution_support', 'req-open-1')`, [s.recordId, actorFor(s.recipient)]);
    expect(opened.rows).toHaveLength(1);
    expect(opened.rows[0].ciphertext).toEqual(Buffer.from('deadbeef', 'hex'));
    expect(opened.rows[0].wrap.toString()).toBe(`wrap-for-${s.recipient}`);
    expect(opened.rows[0]).toMatchObject({ basis_kind: 'consent', basis_id: s.consentId, basis_version: 1 });
    // Committed with the read, in the queue; in the tree at the integration that follows.
    expect(await queued()).toEqual([expect.objectContaining({ kind: 'disclosure', fields: expect.objectContaining({ requestId: 'req-open-1' }) })]);
    expect(await integrate(api)).toBe(before);
    const logged = (await entries()).slice(before).map((row) => JSON.parse(row.entry.toString()));
    expect(logged).toEqual([
      expect.objectContaining({
        kind: 'disclosure',
        discloser: s.custodian,
        recipient: s.recipient,
        case: s.caseId,
        records: [s.recordId],
        categories: ['risk'],
        basis: { kind: 'consent', consent: s.consentId, version: 1 },
        outcome: 'permitted',
        requestId: 'req-open-1',
      }),
    ]);
  });

  it('logs the custodian\'s own read as an access, not a disclosure', async () => {
    await api.query(`SELECT 1 FROM ccr_open_record($1, $2::jsonb, 'case_work', 'req-access')`, [s.recordId, actorFor(s.custodian)]);
    const entry = (await owner.query('SELECT entry FROM ledger_entries WHERE idx = $1', [await integrate(api)])).rows[0].entry;
    expect(JSON.parse(entry.toString())).toMatchObject({ kind: 'access', basis: { kind: 'custodian' } });
  });

  it('refuses an agency the record is not wrapped for', async () => {
    await expect(api.query(`SELECT * FROM ccr_open_record($1, $2::jsonb, 'x', 'r')`, [s.recordId, actorFor(randomUUID())])).rejects.toMatchObject({ code: 'CC404' });
  });

  /** Makes inserts into `table` fail while `work` runs. */
  async function withInsertFault(table: 'ledger_queue' | 'ledger_entries', work: () => Promise<void>): Promise<void> {
    await owner.query(`CREATE FUNCTION fail_ledger_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await owner.query(`CREATE TRIGGER inject_fault BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION fail_ledger_insert()`);
    try {
      await work();
    } finally {
      await owner.query(`DROP TRIGGER inject_fault ON ${table}`);
      await owner.query('DROP FUNCTION fail_ledger_insert()');
    }
  }

  it('delivers nothing when the log entry cannot be written (fault injected into the append)', async () => {
    const before = (await entries()).length;
    await withInsertFault('ledger_queue', async () => {
      await expect(api.query(`SELECT * FROM ccr_open_record($1, $2::jsonb, 'x', 'r')`, [s.recordId, actorFor(s.recipient)])).rejects.toThrow(/injected fault/);
    });
    expect(await queued()).toEqual([]);
    expect(await entries()).toHaveLength(before);
  });

  it('never loses a committed entry when its integration fails: the next integration folds it', async () => {
    const before = (await entries()).length;
    await withInsertFault('ledger_entries', async () => {
      await api.query(`SELECT 1 FROM ccr_open_record($1, $2::jsonb, 'x', 'integration-failed')`, [s.recordId, actorFor(s.recipient)]);
      await expect(integrate(api)).rejects.toThrow(/injected fault/);
      expect(await entries()).toHaveLength(before);
      expect(await queued()).toEqual([expect.objectContaining({ fields: expect.objectContaining({ requestId: 'integration-failed' }) })]);
    });
    expect(await integrate(api)).toBe(before);
    expect(JSON.parse((await entries())[before].entry.toString())).toMatchObject({ kind: 'disclosure', requestId: 'integration-failed' });
  });

  it('refuses delivery once the consent is revoked, and a revocation waits for a read in flight', async () => {
    await api.query('BEGIN');
    await api.query(`SELECT * FROM ccr_open_record($1, $2::jsonb, 'x', 'in-flight')`, [s.recordId, actorFor(s.recipient)]);
    const revocation = owner.query(`UPDATE consents SET revoked_at = now(), revoked_by_principal_id = $2, revocation_channel = 'phone' WHERE id = $1`, [s.consentId, randomUUID()]);
    const raced = await Promise.race([revocation.then(() => 'revoked'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
    expect(raced).toBe('waiting');
    await api.query('COMMIT');
    await revocation;
    await expect(api.query(`SELECT * FROM ccr_open_record($1, $2::jsonb, 'x', 'after')`, [s.recordId, actorFor(s.recipient)])).rejects.toMatchObject({ code: 'CC410' });
  });
});
