import {
  type Cosigner,
  createCosigner,
  createEd25519NoteSigner,
  createNoteVerifier,
  type Ed25519NoteSigner,
  formatCheckpoint,
  formatSignatureLine,
  generateSeed,
  keyFingerprint,
  signKeyTransition,
  signNote,
  type TrustPolicy,
} from '../checkpoint';
import { consistencyProof, inclusionProof, leafHash, rootFromLeafHashes } from '../merkle';
import { type CheckpointJson, type LedgerClient, type LogKeysJson } from './ledger-client';
import { verifyLog } from './log-verifier';

const ORIGIN = 'test.example/log';
const CASES = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];

/** Entries as the database writes them: jsonb text, times increasing, case chains linked. */
function buildEntries(count: number): Buffer[] {
  const heads = new Map<string, { seq: number; hash: string }>();
  const entries: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    const time = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    const caseId = i % 3 === 2 ? undefined : CASES[i % 2];
    const head = caseId ? heads.get(caseId) : undefined;
    const chain = caseId ? `, "case": "${caseId}", "caseSeq": ${(head?.seq ?? 0) + 1}, "casePrev": ${head ? `"${head.hash}"` : 'null'}` : '';
    const bytes = Buffer.from(`{"v": 1, "id": "id-${i}", "kind": "${caseId ? 'record_stored' : 'ledger_read'}", "time": "${time}"${chain}}`);
    if (caseId) heads.set(caseId, { seq: (head?.seq ?? 0) + 1, hash: leafHash(bytes).toString('hex') });
    entries.push(bytes);
  }
  return entries;
}

class FakeLog implements LedgerClient {
  readonly checkpointsBySize = new Map<number, string>();
  /** Rows removed from the table: the others keep their index, as after a DELETE in PostgreSQL. */
  readonly deleted = new Set<number>();
  leafHashes: Buffer[];
  /** What GET /ledger/log-keys serves; the root alone unless a test rotates. */
  keys: LogKeysJson['keys'] = [];

  constructor(
    public entriesServed: Buffer[],
    private readonly sign: (text: string) => string,
  ) {
    this.leafHashes = entriesServed.map(leafHash);
  }

  publish(size: number, leaves = this.leafHashes): string {
    const note = this.sign(formatCheckpoint({ origin: ORIGIN, treeSize: size, rootHash: rootFromLeafHashes(leaves.slice(0, size)), extensions: [] }));
    this.checkpointsBySize.set(size, note);
    return note;
  }

  latestCheckpoint(): Promise<CheckpointJson> {
    return Promise.resolve(this.json(Math.max(...this.checkpointsBySize.keys())));
  }

  logKeys(): Promise<LogKeysJson> {
    return Promise.resolve({ origin: ORIGIN, keys: this.keys });
  }

  checkpoints(after: number, limit: number) {
    const sizes = [...this.checkpointsBySize.keys()].filter((size) => size > after).sort((a, b) => a - b).slice(0, limit);
    return Promise.resolve({ checkpoints: sizes.map((size) => this.json(size)), next: sizes.length === limit ? sizes[sizes.length - 1] : null });
  }

  entries(start: number, end: number) {
    const rows = this.entriesServed.map((entry, index) => ({ index, leafHash: this.leafHashes[index].toString('base64'), entry: entry.toString('base64') }));
    const capped = Math.min(end, rows.length);
    return Promise.resolve({ start, end: capped, treeSize: rows.length, entries: rows.slice(start, capped).filter((row) => !this.deleted.has(row.index)) });
  }

  inclusion(index: number, treeSize: number) {
    return Promise.resolve({ index, treeSize, proof: inclusionProof(this.leafHashes.slice(0, treeSize), index).map((hash) => hash.toString('base64')) });
  }

  consistency(from: number, to: number) {
    return Promise.resolve({ from, to, proof: consistencyProof(this.leafHashes.slice(0, to), from).map((hash) => hash.toString('base64')) });
  }

  postCosignature(): Promise<void> {
    return Promise.resolve();
  }

  private json(size: number): CheckpointJson {
    return { origin: ORIGIN, treeSize: size, rootHash: '', signedAt: '', note: this.checkpointsBySize.get(size) as string, cosignatures: [] };
  }
}

describe('verifyLog (offline verifier) on an in-memory log', () => {
  let policy: TrustPolicy;
  let sign: (text: string) => string;

  beforeAll(async () => {
    const signer = await createEd25519NoteSigner(ORIGIN, generateSeed());
    sign = (text) => signNote(text, [signer]);
    policy = { logKey: await createNoteVerifier(signer.verifierKey), witnessKeys: [], quorum: 0 };
  });

  function honestLog(count = 40): FakeLog {
    const log = new FakeLog(buildEntries(count), sign);
    log.publish(10);
    log.publish(25);
    log.publish(count);
    return log;
  }

  it('passes an honest log, paging through it, and checks every checkpoint', async () => {
    const report = await verifyLog(honestLog(), policy, { pageSize: 6 });
    expect(report).toMatchObject({ ok: true, treeSize: 40, entriesChecked: 40, checkpointsChecked: 3, firstBadIndex: null });
  });

  it('names a changed entry', async () => {
    const log = honestLog();
    log.entriesServed[17] = Buffer.from(log.entriesServed[17].toString().replace('id-17', 'id-x'));
    const report = await verifyLog(log, policy, { pageSize: 8 });
    expect(report).toMatchObject({ ok: false, firstBadIndex: 17 });
    expect(report.failures[0]).toMatchObject({ code: 'leaf-hash-mismatch', index: 17 });
  });

  it('names a deleted row, and reports the log as shorter than its checkpoint', async () => {
    const log = honestLog();
    log.deleted.add(30);
    const report = await verifyLog(log, policy, { pageSize: 9 });
    expect(report.firstBadIndex).toBe(30);
    expect(report.failures[0]).toMatchObject({ code: 'index-mismatch', index: 30 });
    expect(report.failures.map((failure) => failure.code)).toContain('truncated');
  });

  it('locates a deletion the insider hid by renumbering at the next entry of the same case', async () => {
    const log = honestLog();
    log.entriesServed.splice(30, 1);
    log.leafHashes.splice(30, 1);
    const report = await verifyLog(log, policy);
    expect(report.failures).toContainEqual(expect.objectContaining({ code: 'case-chain', index: 33 }));
    expect(report.firstBadIndex).toBe(33);
  });

  it('bounds a self-consistent rewrite by the last checkpoint that still matches', async () => {
    const log = honestLog(); // entry 26 belongs to no case, so no chain points at it
    const rewritten = buildEntries(40).map((entry, i) => (i === 26 ? Buffer.from(entry.toString().replace('"id-26"', '"id-rewritten"')) : entry));
    log.entriesServed = rewritten;
    log.leafHashes = rewritten.map(leafHash);
    const report = await verifyLog(log, policy);
    expect(report.ok).toBe(false);
    expect(report.failures).toContainEqual(expect.objectContaining({ code: 'root-mismatch' }));
    expect(report.firstBadIndex).toBe(25);
  });

  it('refuses a log that went backwards or forked from a saved checkpoint', async () => {
    const log = honestLog();
    const saved = log.checkpointsBySize.get(40) as string;
    const shorter = new FakeLog(buildEntries(30), sign);
    shorter.publish(30);
    expect((await verifyLog(shorter, policy, { previous: saved })).failures[0]).toMatchObject({ code: 'rollback' });
    const forked = new FakeLog(buildEntries(40).map((entry, i) => (i === 39 ? Buffer.from(entry.toString().replace('id-39', 'id-fork')) : entry)), sign);
    forked.publish(40);
    expect((await verifyLog(forked, policy, { previous: saved })).failures[0]).toMatchObject({ code: 'split-view' });
    expect((await verifyLog(honestLog(), policy, { previous: log.checkpointsBySize.get(25) as string })).ok).toBe(true);
  });

  it('fails on a checkpoint the trusted key did not sign, old or new', async () => {
    const other = await createEd25519NoteSigner(ORIGIN, generateSeed());
    const log = honestLog();
    log.checkpointsBySize.set(25, signNote(formatCheckpoint({ origin: ORIGIN, treeSize: 25, rootHash: rootFromLeafHashes(log.leafHashes.slice(0, 25)), extensions: [] }), [other]));
    expect(await verifyLog(log, policy)).toMatchObject({ ok: false, failures: [expect.objectContaining({ code: 'old-checkpoint' })] });
    log.checkpointsBySize.set(40, log.checkpointsBySize.get(25) as string);
    expect((await verifyLog(log, policy)).failures).toEqual([expect.objectContaining({ code: 'checkpoint' })]);
  });

  describe('with a witness quorum', () => {
    let witness: Cosigner;
    let witnessed: TrustPolicy;

    beforeAll(async () => {
      witness = await createCosigner('witness.example/w1', generateSeed());
      witnessed = { ...policy, witnessKeys: [await createNoteVerifier(witness.verifierKey)], quorum: 1 };
    });

    function cosign(log: FakeLog, size: number): void {
      const note = log.checkpointsBySize.get(size) as string;
      const text = note.slice(0, note.indexOf('\n\n') + 1);
      log.checkpointsBySize.set(size, `${note}${formatSignatureLine(witness.cosign(text, 1_800_000_000))}`);
    }

    it('anchors on the newest cosigned checkpoint when the latest is not cosigned yet, and says so', async () => {
      const log = honestLog();
      cosign(log, 25);
      const report = await verifyLog(log, witnessed);
      expect(report).toMatchObject({ ok: true, treeSize: 40, entriesChecked: 40, checkpointsChecked: 3, witnessedSize: 25, witnesses: [{ name: 'witness.example/w1' }] });
      cosign(log, 40);
      expect(await verifyLog(log, witnessed)).toMatchObject({ ok: true, treeSize: 40, witnessedSize: null });
    });

    it('fails when no checkpoint meets the quorum, and when the newer one does not extend the witnessed one', async () => {
      const log = honestLog();
      expect((await verifyLog(log, witnessed)).failures).toEqual([expect.objectContaining({ code: 'checkpoint', message: expect.stringContaining('no earlier checkpoint meets it either') })]);
      cosign(log, 25);
      // Entry 20 belongs to no case: only the witnessed root can tell that the newer checkpoint rewrote it.
      log.entriesServed[20] = Buffer.from(log.entriesServed[20].toString().replace('id-20', 'id-x'));
      log.leafHashes = log.entriesServed.map(leafHash);
      log.publish(40);
      const rewritten = await verifyLog(log, witnessed);
      expect(rewritten.ok).toBe(false);
      expect(rewritten.failures).toContainEqual(expect.objectContaining({ code: 'root-mismatch', message: expect.stringContaining('checkpoint of size 25') }));
    });
  });

  describe('across a log key rotation', () => {
    let k0: Ed25519NoteSigner;
    let k1: Ed25519NoteSigner;
    let rotationPolicy: TrustPolicy;

    beforeAll(async () => {
      [k0, k1] = await Promise.all([createEd25519NoteSigner(ORIGIN, generateSeed()), createEd25519NoteSigner(ORIGIN, generateSeed())]);
      rotationPolicy = { logKey: await createNoteVerifier(k0.verifierKey), witnessKeys: [], quorum: 0 };
    });

    /** 40 entries, the key handed over from k0 to k1 by entry 20, which belongs to no case (so from size 21); checkpoints at 10, 25, 40. */
    function rotatedLog(): { log: FakeLog; note: string } {
      const note = signKeyTransition({ origin: ORIGIN, oldKey: k0.verifierKey, newKey: k1.verifierKey, from: 21 }, k0, k1);
      const entries = buildEntries(40);
      entries[20] = Buffer.from(JSON.stringify({ v: 1, id: 'id-20', kind: 'log_key_transition', time: new Date(Date.UTC(2026, 0, 1, 0, 0, 20)).toISOString(), detail: { transition: note } }));
      const log = new FakeLog(entries, (text) => signNote(text, [Number(text.split('\n')[1]) < 21 ? k0 : k1]));
      log.keys = [
        { verifierKey: k0.verifierKey, keyId: '', fingerprint: keyFingerprint(k0.verifierKey), from: 0, transition: null },
        { verifierKey: k1.verifierKey, keyId: '', fingerprint: keyFingerprint(k1.verifierKey), from: 21, transition: { index: 20, note } },
      ];
      for (const size of [10, 25, 40]) log.publish(size);
      return { log, note };
    }

    it('verifies every checkpoint with the key in force for its size, from the root in the policy', async () => {
      const { log } = rotatedLog();
      const report = await verifyLog(log, rotationPolicy);
      expect(report).toMatchObject({ ok: true, checkpointsChecked: 3, logKeys: [{ verifierKey: k0.verifierKey, from: 0 }, { verifierKey: k1.verifierKey, from: 21 }] });
      const saved = log.checkpointsBySize.get(10) as string;
      expect((await verifyLog(log, rotationPolicy, { previous: saved })).ok).toBe(true);
    });

    it('fails, naming the checkpoint and the key, when the server hides the transition', async () => {
      const { log } = rotatedLog();
      log.keys = log.keys.slice(0, 1);
      const report = await verifyLog(log, rotationPolicy);
      expect(report.ok).toBe(false);
      expect(report.failures[0].code).toBe('checkpoint');
      expect(report.failures[0].message).toContain(`checkpoint of size 40 is signed by an unknown log key ${ORIGIN}+${k1.keyId.toString(16).padStart(8, '0')}`);
    });

    it('fails on a served transition that is not the log entry before its size', async () => {
      const { log } = rotatedLog();
      log.entriesServed[20] = buildEntries(40)[20];
      log.leafHashes = log.entriesServed.map(leafHash);
      for (const size of [10, 25, 40]) log.publish(size);
      const report = await verifyLog(log, rotationPolicy);
      expect(report.failures).toEqual([expect.objectContaining({ code: 'key-transition', index: 20 })]);
    });

    it('fails on a forged transition, and on the checkpoints of the key it would bring in', async () => {
      const { log, note } = rotatedLog();
      const stranger = await createEd25519NoteSigner(ORIGIN, generateSeed());
      const forged = signKeyTransition({ origin: ORIGIN, oldKey: k0.verifierKey, newKey: k1.verifierKey, from: 21 }, stranger, k1);
      log.keys = [log.keys[0], { ...log.keys[1], transition: { index: 20, note: forged } }];
      const report = await verifyLog(log, rotationPolicy);
      expect(report.ok).toBe(false);
      expect(report.failures.map((failure) => failure.code)).toEqual(['key-transition', 'checkpoint']);
      expect(note).not.toBe(forged);
    });
  });
});
