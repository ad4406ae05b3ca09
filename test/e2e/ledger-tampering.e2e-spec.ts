import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client } from 'pg';
import { createNoteVerifier, type TrustPolicy } from '../../src/ledger/checkpoint';
import { appendToFrontier, type Frontier } from '../../src/ledger/merkle';
import { describeFailures, HttpLedgerClient, type LogReport, verifyLog } from '../../src/ledger/verifier';
import { createWitnessKeyFile, createWitnessState, loadWitnessKey, runWitnessOnce } from '../../src/ledger/witness-client';
import { connectAsApiRole } from '../support/api-role';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { apiAs, LedgerFixtures } from '../support/ledger-fixtures';

interface Row {
  idx: string;
  leaf_hash: Buffer;
  entry: Buffer;
  kind: string;
  recorded_at: Date;
  actor_agency_id: string | null;
  recipient_agency_id: string | null;
  case_id: string | null;
  case_seq: number | null;
  consent_id: string | null;
  outcome: string | null;
}

/** A superuser with the append-only triggers switched off in its own session: the insider attack. */
async function asSuperuser(owner: Client, work: () => Promise<void>): Promise<void> {
  await owner.query('BEGIN');
  try {
    await owner.query('SET LOCAL session_replication_role = replica');
    await work();
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK');
    throw error;
  }
}

describe('tampering with the log in PostgreSQL is caught by the offline verifier and the witnesses', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ccr-tamper-'));
  let t: TestApp;
  let log: LedgerFixtures;
  let auditor: Actor;
  let advocate: Actor;
  let clerk: Actor;
  let system: Actor;
  let trust: TrustPolicy;
  let witness: { keyPath: string; statePath: string };
  let savedCheckpoint: string;
  let caseA: string;
  let compelledIndex: number;

  beforeAll(async () => {
    t = await startTestApp();
    const ccr = new TestCcr(t);
    auditor = await ccr.person(await ccr.coordinatingBodyId(), ['auditor']);
    const custodian = await ccr.agency('advocacy');
    advocate = await ccr.person(custodian, ['advocate']);
    clerk = await ccr.person(await ccr.agency('court', 'criminal_justice'), ['agency_worker']);
    system = await ccr.service(await ccr.agency('prosecution', 'criminal_justice'));
    log = await LedgerFixtures.connect(t.database.url, await connectAsApiRole(t.database.url));
    const logKey = (await t.http().get('/ledger/log-key')).body.verifierKey as string;

    witness = { keyPath: join(folder, 'w.key'), statePath: join(folder, 'w.state') };
    const cosigner = await createWitnessKeyFile(witness.keyPath, 'witness.prosecution.example');
    await createWitnessState(witness.statePath, logKey);
    await t.http().post('/ledger/witnesses').set('Authorization', (await ccr.admin()).bearer).send({ name: cosigner.name, verifierKey: cosigner.verifierKey, agencyId: system.agencyId }).expect(201);
    trust = { logKey: await createNoteVerifier(logKey), witnessKeys: [await createNoteVerifier(cosigner.verifierKey)], quorum: 1 };

    caseA = await log.openCase(custodian, advocate);
    const caseB = await log.openCase(custodian, advocate);
    for (let i = 0; i < 6; i += 1) {
      await log.log('record_stored', { case: i % 2 === 0 ? caseA : caseB, categories: ['risk'], requestId: `r${i}` });
      await t.http().get('/ledger/audit/entries?limit=1').set('Authorization', auditor.bearer).expect(200); // a ledger_read, no case
    }
    const mandate = await log.registerMandate(caseA, custodian, clerk.agencyId, advocate);
    const record = await log.storeRecord(caseA, custodian, 'legal', [{ agency: clerk.agencyId, basis: 'mandate', basisId: mandate }]);
    compelledIndex = await log.read(record, clerk, 'protection_order_support'); // the last entry of case A
    for (let i = 0; i < 5; i += 1) await log.log('record_stored', { case: caseB, categories: ['risk'] });
    await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    expect(await cosign()).toMatchObject({ status: 'cosigned' });
    savedCheckpoint = (await t.http().get('/ledger/checkpoint').set('Authorization', auditor.bearer).expect(200)).text;
  });
  afterAll(async () => {
    await log.close();
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const verify = (options: { previous?: string; pageSize?: number; quorum?: number } = {}): Promise<LogReport> =>
    verifyLog(new HttpLedgerClient(apiAs(t, auditor)), { ...trust, quorum: options.quorum ?? trust.quorum }, { previous: options.previous, pageSize: options.pageSize ?? 7 });

  async function cosign() {
    const { cosigner } = await loadWitnessKey(witness.keyPath);
    return runWitnessOnce({ client: new HttpLedgerClient(apiAs(t, system)), cosigner, statePath: witness.statePath });
  }

  async function row(idx: number): Promise<Row> {
    return (await log.owner.query<Row>('SELECT * FROM ledger_entries WHERE idx = $1', [idx])).rows[0];
  }

  async function caseRows(caseId: string): Promise<number[]> {
    return (await log.owner.query<{ idx: string }>('SELECT idx FROM ledger_entries WHERE case_id = $1 ORDER BY idx', [caseId])).rows.map((each) => Number(each.idx));
  }

  it('verifies the honest log: signatures, witness quorum, every entry, every checkpoint', async () => {
    const report = await verify({ previous: savedCheckpoint });
    expect(report).toMatchObject({ ok: true, failures: [], firstBadIndex: null, entriesChecked: report.treeSize });
    expect(report.witnesses.map((each) => each.name)).toEqual(['witness.prosecution.example']);
    expect(report.checkpointsChecked).toBeGreaterThanOrEqual(1);
  });

  it('names the exact index of an entry whose bytes were changed', async () => {
    const [, second] = await caseRows(caseA);
    const original = await row(second);
    const forged = Buffer.from(original.entry.toString('utf8').replace('"risk"', '"health"'));
    expect(forged.equals(original.entry)).toBe(false);
    await asSuperuser(log.owner, () => log.owner.query('UPDATE ledger_entries SET entry = $2 WHERE idx = $1', [second, forged]).then(() => undefined));
    try {
      const report = await verify();
      expect(report).toMatchObject({ ok: false, firstBadIndex: second });
      expect(report.failures[0]).toMatchObject({ code: 'leaf-hash-mismatch', index: second });
    } finally {
      await asSuperuser(log.owner, () => log.owner.query('UPDATE ledger_entries SET entry = $2 WHERE idx = $1', [second, original.entry]).then(() => undefined));
    }
  });

  it('names the changed entry of a case, not the next one, when its leaf hash was rewritten too', async () => {
    const [, second, third] = await caseRows(caseA);
    await rewriteEntry(second, (text) => text.replace('"risk"', '"health"'), async () => {
      const report = await verify();
      // The chain alone says "second or third"; the signed tree proves which.
      expect(report).toMatchObject({ ok: false, firstBadIndex: second });
      expect(report.failures).toEqual([
        expect.objectContaining({ code: 'case-chain', location: { precision: 'exact', index: second }, message: expect.stringMatching(new RegExp(`^entry ${second} was changed: entry ${third} does not link to entry ${second}`)) }),
        expect.objectContaining({ code: 'root-mismatch', location: { precision: 'exact', index: second }, message: expect.stringMatching(new RegExp(`^entry ${second} was changed: `)) }),
      ]);
      expect(describeFailures(report.failures)[0]).toBe(`exact: entry ${second} is the first bad one`);
    });
  });

  it('names the exact entry outside any case whose bytes and leaf hash were rewritten', async () => {
    const read = (await log.entriesOfKind('ledger_read')).map((each) => each.idx).find((idx) => idx < compelledIndex) as number;
    await rewriteEntry(read, forgeRead, async () => {
      const report = await verify();
      expect(report).toMatchObject({ ok: false, firstBadIndex: read });
      expect(report.failures).toEqual([
        expect.objectContaining({ code: 'root-mismatch', location: { precision: 'exact', index: read }, message: expect.stringMatching(new RegExp(`^entry ${read} was changed: `)) }),
      ]);
    });
  });

  it('names the exact last entry of a case (no later entry of the case to break)', async () => {
    await rewriteEntry(compelledIndex, (text) => text.replace('"protection_order_support"', '"advocacy_services"'), async () => {
      const report = await verify();
      expect(report).toMatchObject({ ok: false, firstBadIndex: compelledIndex });
      expect(report.failures).toEqual([expect.objectContaining({ code: 'root-mismatch', location: { precision: 'exact', index: compelledIndex }, message: expect.stringMatching(new RegExp(`^entry ${compelledIndex} was changed: `)) })]);
    });
  });

  it('gives the narrowest proven range, and says so, when nothing tells two leaves apart', async () => {
    // Two entries outside any case side by side, under a checkpoint: no case chain speaks for either.
    const reads = new Set((await log.entriesOfKind('ledger_read')).map((each) => each.idx));
    const pair = [...reads].find((idx) => idx % 2 === 0 && reads.has(idx + 1) && idx > compelledIndex) as number;
    expect(pair).toBeDefined();
    // The witness's state is put back afterwards: the last test needs it at the saved checkpoint.
    const witnessState = readFileSync(witness.statePath);
    await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    expect(await cosign()).toMatchObject({ status: 'cosigned' });
    onFinish(() => writeFileSync(witness.statePath, witnessState));
    await rewriteEntry(pair, forgeRead, async () => {
      const report = await verify();
      expect(report).toMatchObject({ ok: false, firstBadIndex: pair });
      expect(report.failures).toEqual([
        expect.objectContaining({ code: 'root-mismatch', location: { precision: 'range', from: pair, to: pair + 1 }, message: expect.stringMatching(new RegExp(`^an entry in ${pair}–${pair + 1} was changed: `)) }),
      ]);
      expect(describeFailures(report.failures)[0]).toBe(`narrowest proven range: an entry in ${pair}–${pair + 1} is the first bad one`);
    });
  });

  it('names the changed entry, not its neighbour, when a case chain link (casePrev) was rewritten', async () => {
    const [first, second, third] = await caseRows(caseA);
    const original = await row(second);
    const prev = JSON.parse(original.entry.toString('utf8')).casePrev as string;
    await rewriteEntry(second, (text) => text.replace(prev, 'f'.repeat(64)), async () => {
      const report = await verify();
      expect(report).toMatchObject({ ok: false, firstBadIndex: second });
      expect(report.failures).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'case-chain',
            location: { precision: 'exact', index: second },
            message: expect.stringMatching(new RegExp(`^entry ${second} was changed: entry ${second} does not link to entry ${first}`)),
          }),
        ]),
      );
      expect(report.failures.some((failure) => failure.location?.precision === 'exact' && failure.location.index === third)).toBe(false);
    });
  });

  it('names the exact index of a deleted row', async () => {
    const target = 9;
    const original = await row(target);
    await asSuperuser(log.owner, () => log.owner.query('DELETE FROM ledger_entries WHERE idx = $1', [target]).then(() => undefined));
    try {
      const report = await verify();
      expect(report).toMatchObject({ ok: false, firstBadIndex: target });
      expect(report.failures[0]).toMatchObject({ code: 'index-mismatch', index: target });
    } finally {
      await asSuperuser(log.owner, async () => {
        const columns = Object.keys(original);
        await log.owner.query(`INSERT INTO ledger_entries (${columns.join(', ')}) VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`, Object.values(original));
      });
    }
    expect((await verify()).ok).toBe(true);
  });

  it('names the exact index when two rows of a case were swapped', async () => {
    const [, second, third] = await caseRows(caseA);
    await swap(second, third);
    try {
      const report = await verify();
      expect(report).toMatchObject({ ok: false, firstBadIndex: second });
      expect(report.failures).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'case-chain', index: second })]));
    } finally {
      await swap(second, third);
    }
  });

  it('gives the proven range when two rows outside any case were swapped', async () => {
    const reads = (await log.entriesOfKind('ledger_read')).filter((each) => each.idx < compelledIndex);
    const [first, , third] = reads;
    expect(String(first.entry.time) < String(third.entry.time)).toBe(true);
    await swap(first.idx, third.idx);
    try {
      const report = await verify();
      // Both rows changed; the swapped stored leaf hashes leave the pair at the first one proven, no finer.
      expect(report).toMatchObject({ ok: false, firstBadIndex: first.idx });
      expect(report.failures).toEqual([expect.objectContaining({ code: 'root-mismatch', location: { precision: 'range', from: first.idx, to: first.idx + 1 } })]);
    } finally {
      await swap(first.idx, third.idx);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('catches a rewritten history only with a saved checkpoint and the witness: split view, then inconsistency', async () => {
    const savedSize = Number(savedCheckpoint.split('\n')[1]);
    await rewriteWithout(compelledIndex, savedSize);
    // The rewritten log is self-consistent: every in-database check passes, and its chains are intact.
    await t.http().get('/ledger/audit/entries?limit=1').set('Authorization', auditor.bearer).expect(200); // back to the saved size
    expect(await log.treeSize()).toBe(savedSize);
    await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    const unwitnessed = await verify({ previous: savedCheckpoint });
    expect(unwitnessed.failures).toEqual([expect.objectContaining({ code: 'checkpoint', message: expect.stringContaining('quorum not met') })]);
    const selfCheck = await verify({ quorum: 0 });
    expect(selfCheck.ok).toBe(true);
    const withReceipt = await verify({ quorum: 0, previous: savedCheckpoint });
    expect(withReceipt.failures[0]).toMatchObject({ code: 'split-view' });
    expect(withReceipt.failures).toContainEqual(expect.objectContaining({ code: 'root-mismatch', message: expect.stringContaining(`checkpoint of size ${savedSize}`) }));
    expect(await cosign()).toMatchObject({ status: 'refused', reason: 'split-view', message: expect.stringContaining('SPLIT VIEW') });

    await t.http().get('/ledger/audit/entries?limit=1').set('Authorization', auditor.bearer).expect(200);
    await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    const grown = await verify({ quorum: 0, previous: savedCheckpoint });
    expect(grown.failures[0]).toMatchObject({ code: 'inconsistent' });
    expect(await cosign()).toMatchObject({ status: 'refused', reason: 'inconsistent', message: expect.stringContaining('history was rewritten') });
    const served = await t.http().get('/ledger/checkpoint?format=json').set('Authorization', auditor.bearer).expect(200);
    expect(served.body.cosignatures).toEqual([]);
  });

  const cleanups: (() => void)[] = [];
  const onFinish = (cleanup: () => void): void => void cleanups.push(cleanup);
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  const forgeRead = (text: string): string => text.replace('"kind": "ledger_read"', '"kind": "ledger_read", "detail": {"forged": true}');

  /** Rewrites an entry's bytes and its stored leaf hash together (so no leaf-hash check fires), runs `check`, restores. */
  async function rewriteEntry(idx: number, change: (text: string) => string, check: () => Promise<void>): Promise<void> {
    const original = await row(idx);
    const forged = Buffer.from(change(original.entry.toString('utf8')));
    expect(forged.equals(original.entry)).toBe(false);
    const forgedLeaf = createHash('sha256').update(Buffer.concat([Buffer.from([0]), forged])).digest();
    await asSuperuser(log.owner, () => log.owner.query('UPDATE ledger_entries SET entry = $2, leaf_hash = $3 WHERE idx = $1', [idx, forged, forgedLeaf]).then(() => undefined));
    try {
      await check();
    } finally {
      await asSuperuser(log.owner, () => log.owner.query('UPDATE ledger_entries SET entry = $2, leaf_hash = $3 WHERE idx = $1', [idx, original.entry, original.leaf_hash]).then(() => undefined));
    }
    expect((await verify()).ok).toBe(true);
  }

  async function swap(a: number, b: number): Promise<void> {
    await asSuperuser(log.owner, async () => {
      await log.owner.query('UPDATE ledger_entries SET idx = -1 WHERE idx = $1', [a]);
      await log.owner.query('UPDATE ledger_entries SET idx = $1 WHERE idx = $2', [a, b]);
      await log.owner.query('UPDATE ledger_entries SET idx = $1 WHERE idx = -1', [b]);
    });
  }

  /**
   * The insider's rewrite: drop one entry (and everything from `keep` on), renumber, rebuild every
   * node and the state, drop the old checkpoints.
   */
  async function rewriteWithout(index: number, keep: number): Promise<void> {
    await asSuperuser(log.owner, async () => {
      await log.owner.query('DELETE FROM ledger_entries WHERE idx = $1 OR idx >= $2', [index, keep]);
      await log.owner.query('UPDATE ledger_entries SET idx = -idx WHERE idx > $1', [index]);
      await log.owner.query('UPDATE ledger_entries SET idx = -idx - 1 WHERE idx < 0');
      const { rows } = await log.owner.query<{ leaf_hash: Buffer }>('SELECT leaf_hash FROM ledger_entries ORDER BY idx');
      let frontier: Frontier = [];
      const nodes: { level: number; index: number; hash: Buffer }[] = [];
      rows.forEach((each, i) => {
        const appended = appendToFrontier(frontier, i, each.leaf_hash);
        frontier = appended.frontier;
        nodes.push(...appended.newNodes.filter((node) => node.level > 0));
      });
      await log.owner.query('DELETE FROM ledger_nodes');
      for (const node of nodes) await log.owner.query('INSERT INTO ledger_nodes (level, idx, hash) VALUES ($1, $2, $3)', [node.level, node.index, node.hash]);
      await log.owner.query('UPDATE ledger_state SET tree_size = $1, frontier = $2', [rows.length, frontier]);
      await log.owner.query('DELETE FROM ledger_cosignatures');
      await log.owner.query('DELETE FROM ledger_checkpoints');
    });
  }
});
