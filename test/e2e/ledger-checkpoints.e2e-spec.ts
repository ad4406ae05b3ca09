import { DataSource } from 'typeorm';
import { createNoteVerifier, openNote, parseCheckpoint, verifyCheckpointWithQuorum } from '../../src/ledger/checkpoint';
import { CheckpointPublisher } from '../../src/ledger/log/checkpoint-publisher';
import { LogTreeRepository } from '../../src/ledger/log/log-tree.repository';
import { leafHash, nodeHash, rootFromLeafHashes, verifyConsistency, verifyInclusion } from '../../src/ledger/merkle';
import { connectAsApiRole } from '../support/api-role';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { LedgerFixtures } from '../support/ledger-fixtures';

const b64 = (text: string) => Buffer.from(text, 'base64');

describe('the disclosure log: checkpoints, entries and proofs', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let log: LedgerFixtures;
  let auditor: Actor;
  let worker: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
    auditor = await ccr.person(await ccr.coordinatingBodyId(), ['auditor']);
    worker = await ccr.person(await ccr.agency('advocacy'), ['agency_worker']);
    log = await LedgerFixtures.connect(t.database.url, await connectAsApiRole(t.database.url));
  });
  afterAll(async () => {
    await log.close();
    await t.close();
  });

  async function appendCaseEntries(count: number): Promise<void> {
    const caseId = await log.openCase(worker.agencyId, worker);
    for (let i = 1; i < count; i += 1) await log.log('record_stored', { actor: { principal: worker.id, agency: worker.agencyId, roles: worker.roles }, case: caseId, records: [caseId], categories: ['risk'] });
  }

  async function publish(): Promise<{ published: boolean; checkpoint: { treeSize: number; note: string; rootHash: string } }> {
    return (await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200)).body;
  }

  async function allLeafHashes(): Promise<Buffer[]> {
    const { rows } = await log.owner.query<{ entry: Buffer }>('SELECT entry FROM ledger_entries ORDER BY idx');
    return rows.map((row) => leafHash(row.entry));
  }

  it('answers 404 before the first checkpoint, and 409 when asked to checkpoint an empty log', async () => {
    await t.http().get('/ledger/checkpoint').set('Authorization', worker.bearer).expect(404);
    const empty = await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(409);
    expect(empty.body.type).toBe('urn:ccr-exchange:problem:log-empty');
  });

  it('signs a C2SP checkpoint of the current tree that verifies with the published log key', async () => {
    await appendCaseEntries(13);
    const { published, checkpoint } = await publish();
    expect(published).toBe(true);
    const key = await t.http().get('/ledger/log-key').expect(200);
    expect(key.body.origin).toBe(t.config.ledger.origin);
    const opened = openNote(checkpoint.note, [await createNoteVerifier(key.body.verifierKey)]);
    const parsed = parseCheckpoint(opened.text);
    expect(parsed).toMatchObject({ origin: t.config.ledger.origin, treeSize: await log.treeSize(), extensions: [] });
    expect(parsed.rootHash).toEqual(rootFromLeafHashes(await allLeafHashes()));
    expect(checkpoint.rootHash).toBe(parsed.rootHash.toString('base64'));
  });

  it('serves the latest checkpoint as text/plain by default and as JSON on request', async () => {
    const text = await t.http().get('/ledger/checkpoint').set('Authorization', worker.bearer).expect(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.text).toMatch(new RegExp(`^${t.config.ledger.origin.replace(/[.]/g, '\\.')}\\n\\d+\\n[A-Za-z0-9+/]{43}=\\n\\n— `));
    const json = await t.http().get('/ledger/checkpoint').set('Authorization', worker.bearer).set('Accept', 'application/json').expect(200);
    expect(json.body.note).toBe(text.text);
    const byQuery = await t.http().get('/ledger/checkpoint?format=json').set('Authorization', worker.bearer).expect(200);
    expect(byQuery.body.treeSize).toBe(json.body.treeSize);
    const bySize = await t.http().get(`/ledger/checkpoints/${json.body.treeSize}`).set('Authorization', worker.bearer).expect(200);
    expect(bySize.text).toBe(text.text);
  });

  it('signs nothing new while the log has not grown, and never two checkpoints of one size', async () => {
    const before = await publish();
    const again = await publish();
    expect(again.published).toBe(false);
    expect(again.checkpoint).toEqual(before.checkpoint);
    const racing = await Promise.all([t.app.get(CheckpointPublisher).publish(), t.app.get(CheckpointPublisher).publish()]);
    expect(racing.every((outcome) => outcome?.published === false)).toBe(true);
    const { rows } = await log.owner.query('SELECT count(*)::int AS n FROM ledger_checkpoints WHERE tree_size = $1', [before.checkpoint.treeSize]);
    expect(rows[0].n).toBe(1);
  });

  it('signs in an entry whose act committed but whose API process never integrated it (decision 0036)', async () => {
    const before = await publish();
    await log.api.query(`SELECT ccr_ledger_record('case_opened', $1::jsonb)`, [JSON.stringify({ requestId: 'orphaned-act' })]);
    expect(await log.treeSize()).toBe(before.checkpoint.treeSize);
    const after = await publish();
    expect(after).toMatchObject({ published: true, checkpoint: { treeSize: before.checkpoint.treeSize + 1 } });
    expect((await log.entriesOfKind('case_opened')).map(({ entry }) => entry.requestId)).toContain('orphaned-act');
  });

  it('lists every checkpoint in size order with a keyset cursor', async () => {
    await appendCaseEntries(4);
    await publish();
    const first = await t.http().get('/ledger/checkpoints?limit=1').set('Authorization', worker.bearer).expect(200);
    expect(first.body.checkpoints).toHaveLength(1);
    const rest = await t.http().get(`/ledger/checkpoints?after=${first.body.next}`).set('Authorization', worker.bearer).expect(200);
    const sizes = [first.body.checkpoints[0].treeSize, ...rest.body.checkpoints.map((each: { treeSize: number }) => each.treeSize)];
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect(rest.body.next).toBeNull();
  });

  it('serves inclusion proofs that verify against the checkpoint, and fail when altered', async () => {
    const { checkpoint } = await publish();
    const root = b64(checkpoint.rootHash);
    const leaves = await allLeafHashes();
    for (const index of [0, 5, checkpoint.treeSize - 1]) {
      const served = await t.http().get(`/ledger/proofs/inclusion?index=${index}&size=${checkpoint.treeSize}`).set('Authorization', worker.bearer).expect(200);
      const proof = served.body.proof.map(b64);
      expect(b64(served.body.leafHash)).toEqual(leaves[index]);
      expect(verifyInclusion(leaves[index], index, checkpoint.treeSize, proof, root)).toBe(true);
      const altered = proof.map((hash: Buffer, i: number) => (i === 0 ? nodeHash(hash, hash) : hash));
      expect(verifyInclusion(leaves[index], index, checkpoint.treeSize, altered, root)).toBe(false);
      expect(verifyInclusion(leaves[index], index + 1, checkpoint.treeSize, proof, root)).toBe(false);
    }
    const latestByDefault = await t.http().get('/ledger/proofs/inclusion?index=3').set('Authorization', worker.bearer).expect(200);
    expect(latestByDefault.body.treeSize).toBe(checkpoint.treeSize);
  });

  it('serves consistency proofs between checkpoints that verify, and fail when altered', async () => {
    const old = await publish();
    await appendCaseEntries(9);
    const { checkpoint } = await publish();
    const served = await t.http().get(`/ledger/proofs/consistency?from=${old.checkpoint.treeSize}&to=${checkpoint.treeSize}`).set('Authorization', worker.bearer).expect(200);
    const proof = served.body.proof.map(b64);
    const [oldRoot, newRoot] = [b64(old.checkpoint.rootHash), b64(checkpoint.rootHash)];
    expect(verifyConsistency(old.checkpoint.treeSize, checkpoint.treeSize, proof, oldRoot, newRoot)).toBe(true);
    expect(verifyConsistency(old.checkpoint.treeSize, checkpoint.treeSize, proof.slice(1), oldRoot, newRoot)).toBe(false);
    expect(verifyConsistency(old.checkpoint.treeSize, checkpoint.treeSize, proof, newRoot, newRoot)).toBe(false);
    const empty = await t.http().get(`/ledger/proofs/consistency?from=0&to=${checkpoint.treeSize}`).set('Authorization', worker.bearer).expect(200);
    expect(empty.body.proof).toEqual([]);
  });

  it('proves up to the current tree size, beyond the latest checkpoint: the bound is read with the nodes', async () => {
    await appendCaseEntries(3);
    await publish();
    await appendCaseEntries(3);
    const leaves = await allLeafHashes();
    const size = await log.treeSize();
    expect(size).toBe(leaves.length);
    const served = await t.http().get(`/ledger/proofs/inclusion?index=${size - 1}&size=${size}`).set('Authorization', worker.bearer).expect(200);
    expect(served.body.treeSize).toBe(size);
    expect(verifyInclusion(leaves[size - 1], size - 1, size, served.body.proof.map(b64), rootFromLeafHashes(leaves))).toBe(true);
    const beyond = await t.http().get(`/ledger/proofs/consistency?from=1&to=${size + 1}`).set('Authorization', worker.bearer).expect(422);
    expect(beyond.body.errors).toEqual([{ field: 'to', messages: [`to must not exceed the current tree size (${size})`] }]);
  });

  it('refuses sizes and indices beyond the tree (422) and malformed numbers, naming the field', async () => {
    const size = await log.treeSize();
    const cases: [string, string][] = [
      [`/ledger/proofs/inclusion?index=0&size=${size + 1}`, 'size'],
      [`/ledger/proofs/inclusion?index=0&size=${size + 5}`, 'size'],
      [`/ledger/proofs/inclusion?index=${size}&size=${size}`, 'index'],
      [`/ledger/proofs/consistency?from=${size}&to=1`, 'from'],
      ['/ledger/proofs/inclusion?index=-1', 'index'],
      ['/ledger/proofs/inclusion?index=01', 'index'],
      ['/ledger/proofs/inclusion?index=', 'index'],
      ['/ledger/proofs/consistency?from=1e3', 'from'],
    ];
    for (const [path, field] of cases) {
      const response = await t.http().get(path).set('Authorization', worker.bearer);
      expect({ path, status: response.status, fields: response.body.errors?.map((error: { field: string }) => error.field) }).toEqual({ path, status: 422, fields: [field] });
    }
    await t.http().get('/ledger/checkpoints/abc').set('Authorization', worker.bearer).expect(404);
    await t.http().get('/ledger/checkpoints/999999999').set('Authorization', worker.bearer).expect(404);
  });

  it('gives auditors raw entries with exact bytes, capped pages, and logs each page read', async () => {
    const size = await log.treeSize();
    const page = await t.http().get(`/ledger/entries?start=2&end=${size + 100}`).set('Authorization', auditor.bearer).expect(200);
    expect(page.body.start).toBe(2);
    expect(page.body.end).toBe(size);
    expect(page.body.entries.map((entry: { index: number }) => entry.index)).toEqual(Array.from({ length: size - 2 }, (_value, i) => i + 2));
    for (const entry of page.body.entries) {
      expect(leafHash(b64(entry.entry))).toEqual(b64(entry.leafHash));
      // Canonical single-line base64 (PostgreSQL's encode() breaks lines; other clients are strict).
      expect([b64(entry.entry).toString('base64'), b64(entry.leafHash).toString('base64')]).toEqual([entry.entry, entry.leafHash]);
    }
    const reads = await log.entriesOfKind('ledger_read');
    expect(reads.at(-1)?.entry).toMatchObject({ kind: 'ledger_read', actor: { principal: auditor.id, agency: auditor.agencyId }, detail: { view: 'entries', start: 2, end: size } });
    await t.http().get('/ledger/entries?start=0').set('Authorization', worker.bearer).expect(403);
    const beyond = await t.http().get(`/ledger/entries?start=${size + 50}`).set('Authorization', auditor.bearer).expect(422);
    expect(beyond.body.errors[0].field).toBe('start');
  });

  it('sends a page read in batches after logging the read, exactly as one read would (decision 0039)', async () => {
    await appendCaseEntries(8);
    const size = await log.treeSize();
    const whole = await t.http().get(`/ledger/entries?start=0&end=${size}`).set('Authorization', auditor.bearer).expect(200);
    expect(whole.headers['content-type']).toMatch(/^application\/json/);
    const read = LogTreeRepository.prototype.encodedEntryBatches;
    const batches = jest.spyOn(LogTreeRepository.prototype, 'encodedEntryBatches').mockImplementation(function (this: LogTreeRepository, start, end, _size, manager) {
      return read.call(this, start, end, 3, manager);
    });
    try {
      const inThrees = await t.http().get(`/ledger/entries?start=0&end=${size}`).set('Authorization', auditor.bearer).expect(200);
      expect(batches).toHaveBeenCalledTimes(1);
      expect(inThrees.body.entries).toHaveLength(size);
      expect(inThrees.body.entries).toEqual(whole.body.entries);
      // The first read's own entry is the only change in between.
      expect({ start: inThrees.body.start, end: inThrees.body.end, treeSize: inThrees.body.treeSize }).toEqual({ start: 0, end: size, treeSize: size + 1 });
    } finally {
      batches.mockRestore();
    }
    const reads = await log.entriesOfKind('ledger_read');
    expect(reads.slice(-2).map((entry) => entry.entry.detail)).toEqual([
      { view: 'entries', start: 0, end: size },
      { view: 'entries', start: 0, end: size },
    ]);
  });

  it('reads a page from the database at most one batch ahead of what was sent', async () => {
    const size = await log.treeSize();
    const queries = jest.spyOn(t.app.get(DataSource).manager, 'query');
    try {
      const batches = t.app.get(LogTreeRepository).encodedEntryBatches(0, size, 2);
      const first = await batches.next();
      expect((first.value as { index: number }[]).map((entry) => entry.index)).toEqual([0, 1]);
      expect(queries).toHaveBeenCalledTimes(2); // this batch and the next, not the page
      await batches.return(undefined);
      expect(queries).toHaveBeenCalledTimes(2);
    } finally {
      queries.mockRestore();
    }
  });

  it('cuts the connection when a page fails half-way, so no client takes part of a page for all of it; the read is logged', async () => {
    const readsBefore = (await log.entriesOfKind('ledger_read')).length;
    const failing = jest.spyOn(LogTreeRepository.prototype, 'encodedEntryBatches').mockImplementation(async function* () {
      yield [{ index: 0, leafHash: Buffer.alloc(32).toString('base64'), entry: 'e30=' }];
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error('the database went away');
    });
    try {
      const outcome = await t.http().get('/ledger/entries?start=0&end=2').set('Authorization', auditor.bearer).then(
        (response) => ({ status: response.status, text: response.text }),
        (error: Error) => ({ error: error.message }),
      );
      expect(outcome).toEqual({ error: expect.stringMatching(/aborted|socket hang up|ECONNRESET/) });
    } finally {
      failing.mockRestore();
    }
    expect(await log.entriesOfKind('ledger_read')).toHaveLength(readsBefore + 1);
    await t.http().get('/ledger/entries?start=0&end=2').set('Authorization', auditor.bearer).expect(200);
  });

  it('publishes on its schedule once started, and stops', async () => {
    await appendCaseEntries(2);
    const publisher = t.app.get(CheckpointPublisher);
    publisher.startSchedule(100);
    try {
      const target = await log.treeSize();
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const { rows } = await log.owner.query('SELECT 1 FROM ledger_checkpoints WHERE tree_size = $1', [target]);
        if (rows.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { rows } = await log.owner.query('SELECT note FROM ledger_checkpoints WHERE tree_size = $1', [target]);
      expect(rows).toHaveLength(1);
      const verified = verifyCheckpointWithQuorum(rows[0].note, { logKey: await createNoteVerifier((await t.http().get('/ledger/log-key')).body.verifierKey), witnessKeys: [], quorum: 0 });
      expect(verified.ok).toBe(true);
    } finally {
      publisher.stopSchedule();
    }
  });

  it('refuses to sign a tree head the stored tree does not support (a superuser rewrote the state)', async () => {
    await publish();
    await appendCaseEntries(3);
    await log.owner.query('BEGIN');
    try {
      await log.owner.query('SET LOCAL session_replication_role = replica');
      await log.owner.query('UPDATE ledger_state SET frontier[1] = sha256(frontier[1])');
      await log.owner.query('COMMIT');
    } catch (error) {
      await log.owner.query('ROLLBACK');
      throw error;
    }
    const refused = await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(503);
    expect(refused.body.type).toBe('urn:ccr-exchange:problem:disclosure-log-integrity');
    expect(t.logs.join('\n')).toContain('TreeInconsistentError');
  });
});
