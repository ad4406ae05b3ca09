import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { connectAsApiRole } from '../support/api-role';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { LedgerFixtures } from '../support/ledger-fixtures';
import { registerAgencyKeys, sealAs } from '../support/sealing';

/**
 * No disclosure without an entry, over HTTP: when the log's insert fails, a read of sealed data
 * (the case profile, read through the database's logging function) fails and delivers nothing.
 */
describe('a read whose log entry cannot be written delivers nothing', () => {
  let t: TestApp;
  let log: LedgerFixtures;
  let advocate: Actor;
  let caseId: string;
  let ciphertext: string;

  beforeAll(async () => {
    t = await startTestApp();
    const ccr = new TestCcr(t);
    advocate = await ccr.person(await ccr.agency('advocacy'), ['advocate']);
    log = await LedgerFixtures.connect(t.database.url, await connectAsApiRole(t.database.url));
    const keys = await registerAgencyKeys(t, advocate);
    caseId = randomUUID();
    const profile = await sealAs(keys, { caseId, category: 'profile', body: JSON.stringify({ name: `SURVIVOR-${randomUUID()}` }) });
    await t.http().post('/cases').set('Authorization', advocate.bearer).send({ caseId, profile }).expect(201);
    const { rows } = await log.owner.query<{ ciphertext: Buffer }>('SELECT ciphertext FROM records WHERE id = $1', [profile.recordId]);
    ciphertext = rows[0].ciphertext.toString('base64');
  });
  afterAll(async () => {
    await log.close();
    await t.close();
  });

  const readProfile = () => t.http().get(`/cases/${caseId}/profile`).set('Authorization', advocate.bearer);

  it('delivers the profile, with an access entry, while the log is writable', async () => {
    const before = (await log.entriesOfKind('access')).length;
    const response = await readProfile().expect(200);
    expect(response.body.record.ciphertext).toBe(ciphertext);
    expect(await log.entriesOfKind('access')).toHaveLength(before + 1);
  });

  /**
   * Reads the profile while inserts into `tables` fail: a problem answer, and no ciphertext in it.
   * `meanwhile` runs while the read is in flight (the read is started, not awaited, before it).
   */
  async function readWhileFailing(tables?: Parameters<LedgerFixtures['failLedgerInserts']>[0], meanwhile?: () => Promise<void>): Promise<void> {
    const restore = await log.failLedgerInserts(tables);
    try {
      const reading = readProfile().then((answer) => answer);
      await meanwhile?.();
      const response = await reading;
      expect([500, 503]).toContain(response.status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.text).not.toContain(ciphertext);
      expect(response.text).not.toContain(ciphertext.slice(0, 16));
      expect(response.body.record).toBeUndefined();
    } finally {
      await restore();
    }
  }

  const queued = async () => Number((await log.owner.query<{ count: string }>('SELECT count(*) FROM ledger_queue')).rows[0].count);

  it('answers a problem without ciphertext, and logs nothing, when the entry insert fails', async () => {
    const sizeBefore = await log.treeSize();
    await readWhileFailing();
    expect(await log.treeSize()).toBe(sizeBefore);
    await readProfile().expect(200);
  });

  it('answers a problem without ciphertext when the entry cannot enter the tree; the read, folding its own entry, leaves nothing behind (decision 0168)', async () => {
    const sizeBefore = await log.treeSize();
    const accessesBefore = (await log.entriesOfKind('access')).length;
    await readWhileFailing(['ledger_entries']);
    expect(await log.treeSize()).toBe(sizeBefore);
    // The log's lock was free: the read tried to fold its entry inside its own transaction, which
    // failed and rolled back whole. It delivered nothing, and nothing of it is left to log.
    expect(await queued()).toBe(0);
    await readProfile().expect(200);
    expect(await log.treeSize()).toBe(sizeBefore + 1);
    expect(await log.entriesOfKind('access')).toHaveLength(accessesBefore + 1);
  });

  it('answers a problem without ciphertext when the entry cannot enter the tree after the read committed it, and never leaves that read unlogged', async () => {
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    const sizeBefore = await log.treeSize();
    const accessesBefore = (await log.entriesOfKind('access')).length;
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0))`);
      // The log's lock is busy: the read's try answers null, the read commits its queued entry, and
      // its integration waits for the lock — then fails to fold once the holder lets go.
      await readWhileFailing(['ledger_entries'], async () => {
        while ((await queued()) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        await holder.query('COMMIT');
      });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await log.treeSize()).toBe(sizeBefore);
    expect(await queued()).toBe(1);
    // The read had committed with its queued entry: the next integration (the next read's) logs both.
    await readProfile().expect(200);
    expect(await log.treeSize()).toBe(sizeBefore + 2);
    expect(await log.entriesOfKind('access')).toHaveLength(accessesBefore + 2);
  });
});
