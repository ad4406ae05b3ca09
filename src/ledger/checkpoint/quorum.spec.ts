import {
  Cosigner,
  createCosigner,
  createEd25519NoteSigner,
  createNoteVerifier,
  Ed25519NoteSigner,
  formatCheckpoint,
  formatSignatureLine,
  NoteVerifier,
  parseNote,
  signNote,
  TrustPolicy,
  verifyCheckpointWithQuorum,
} from './index';

const ORIGIN = 'ccr.example.org/disclosures/2026';
const BODY = formatCheckpoint({ origin: ORIGIN, treeSize: 20003, rootHash: Buffer.alloc(32, 0x38), extensions: [] });
const T = 1767225600;

let log: Ed25519NoteSigner;
let witnesses: Cosigner[];
let stranger: Cosigner;
let policy: TrustPolicy;

beforeAll(async () => {
  log = await createEd25519NoteSigner(ORIGIN, Buffer.alloc(32, 0xaa));
  witnesses = await Promise.all(
    ['witness.dv-coalition.example/w1', 'witness.county-auditor.example/w1', 'witness.legal-aid.example/w1'].map((name, i) =>
      createCosigner(name, Buffer.alloc(32, i + 1)),
    ),
  );
  stranger = await createCosigner('witness.unknown.example/w1', Buffer.alloc(32, 0x55));
  policy = {
    logKey: await createNoteVerifier(log.verifierKey),
    witnessKeys: await Promise.all(witnesses.map((w) => createNoteVerifier(w.verifierKey))),
    quorum: 2,
  };
});

const cosigned = (...cosigners: Cosigner[]): string => signNote(BODY, [log, ...cosigners.map((c, i) => c.at(T + i))]);

describe('verifyCheckpointWithQuorum', () => {
  it('accepts a log-signed checkpoint cosigned by all witnesses and reports each', () => {
    const result = verifyCheckpointWithQuorum(cosigned(...witnesses), policy);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.checkpoint.treeSize).toBe(20003);
    expect(result.cosignatures.map((c) => [c.name, c.timestamp])).toEqual([
      ['witness.dv-coalition.example/w1', T],
      ['witness.county-auditor.example/w1', T + 1],
      ['witness.legal-aid.example/w1', T + 2],
    ]);
  });

  it('accepts exactly k of n', () => {
    expect(verifyCheckpointWithQuorum(cosigned(witnesses[0], witnesses[2]), policy).ok).toBe(true);
  });

  it('says how far short the quorum is', () => {
    const result = verifyCheckpointWithQuorum(cosigned(witnesses[1]), policy);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'quorum-not-met', cosigned: 1, required: 2, configured: 3 } });
    expect(!result.ok && result.message).toBe('witness quorum not met: 1 of 3 trusted witnesses cosigned, 2 required');
  });

  it('counts several cosignatures from the same witness once', () => {
    const first = witnesses[0].cosign(BODY, T);
    const second = witnesses[0].cosign(BODY, T + 60);
    const note = signNote(BODY, [log], [first, second]);
    expect(parseNote(note).signatures).toHaveLength(3);
    expect(verifyCheckpointWithQuorum(note, policy)).toMatchObject({ ok: false, failure: { kind: 'quorum-not-met', cosigned: 1 } });
  });

  it('ignores cosignatures from unknown witnesses', () => {
    const result = verifyCheckpointWithQuorum(cosigned(witnesses[0], stranger), policy);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'quorum-not-met', cosigned: 1 } });
  });

  it('ignores a cosignature line whose key ID does not match the trusted key', () => {
    const forged = { ...witnesses[1].cosign(BODY, T), keyId: 0x12345678 };
    const note = signNote(BODY, [log, witnesses[0].at(T)], [forged]);
    expect(verifyCheckpointWithQuorum(note, policy)).toMatchObject({ ok: false, failure: { kind: 'quorum-not-met', cosigned: 1 } });
  });

  it('rejects a checkpoint without the log signature, however many witnesses cosigned', () => {
    const note = signNote(BODY, witnesses.map((w) => w.at(T)));
    expect(verifyCheckpointWithQuorum(note, policy)).toMatchObject({ ok: false, failure: { kind: 'log-signature-missing' } });
    const unknownOnly = signNote(BODY, [stranger.at(T)]);
    expect(verifyCheckpointWithQuorum(unknownOnly, policy)).toMatchObject({ ok: false, failure: { kind: 'log-signature-missing' } });
  });

  it('rejects a tampered body as a bad log signature', () => {
    const note = cosigned(...witnesses).replace('20003', '20002');
    const result = verifyCheckpointWithQuorum(note, policy);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'log-signature-invalid' } });
    expect(!result.ok && result.message).toBe('log signature on the checkpoint of size 20002 does not verify');
  });

  it('rejects a checkpoint signed by a different key under the log name, naming the size and that key', async () => {
    const impostor = await createEd25519NoteSigner(ORIGIN, Buffer.alloc(32, 0xbb));
    const note = signNote(BODY, [impostor, ...witnesses.map((w) => w.at(T))]);
    const result = verifyCheckpointWithQuorum(note, policy);
    const impostorLabel = `${ORIGIN}+${impostor.keyId.toString(16).padStart(8, '0')}`;
    expect(result).toMatchObject({ ok: false, failure: { kind: 'log-key-unknown', treeSize: 20003, key: impostorLabel } });
    expect(!result.ok && result.message).toContain(`checkpoint of size 20003 is signed by an unknown log key ${impostorLabel}`);
  });

  it('names the trusted witness whose cosignature does not verify', () => {
    const good = witnesses[1].cosign(BODY, T);
    const bad = { ...good, signature: Buffer.from(good.signature) };
    bad.signature[20] ^= 1;
    const note = signNote(BODY, [log, witnesses[0].at(T)], [bad]);
    expect(verifyCheckpointWithQuorum(note, policy)).toMatchObject({
      ok: false,
      failure: { kind: 'witness-signature-invalid', witness: 'witness.county-auditor.example/w1' },
    });
  });

  it('rejects a checkpoint for another origin', async () => {
    const otherLog = await createEd25519NoteSigner('ccr.example.org/disclosures/2025', Buffer.alloc(32, 0xaa));
    const otherBody = BODY.replace('/2026', '/2025');
    const note = signNote(otherBody, [otherLog, ...witnesses.map((w) => w.at(T))]);
    const result = verifyCheckpointWithQuorum(note, { ...policy, logKey: await createNoteVerifier(otherLog.verifierKey), origin: ORIGIN });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'origin-mismatch', expected: ORIGIN, actual: 'ccr.example.org/disclosures/2025' } });
  });

  it('reports malformed notes and bodies', () => {
    expect(verifyCheckpointWithQuorum('garbage', policy)).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
    const badBody = signNote(`${ORIGIN}\n007\n${Buffer.alloc(32).toString('base64')}\n`, [log, ...witnesses.map((w) => w.at(T))]);
    expect(verifyCheckpointWithQuorum(badBody, policy)).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
  });

  it('accepts cosignature lines appended from a witness response', () => {
    const responses = witnesses.slice(0, 2).map((w) => formatSignatureLine(w.cosign(BODY, T)));
    const note = signNote(BODY, [log]) + responses.join('');
    expect(verifyCheckpointWithQuorum(note, policy).ok).toBe(true);
  });

  it('refuses an unusable trust policy', async () => {
    expect(() => verifyCheckpointWithQuorum(cosigned(), { ...policy, quorum: 4 })).toThrow(RangeError);
    expect(() => verifyCheckpointWithQuorum(cosigned(), { ...policy, quorum: -1 })).toThrow(RangeError);
    const duplicate: NoteVerifier[] = [...policy.witnessKeys, policy.witnessKeys[0]];
    expect(() => verifyCheckpointWithQuorum(cosigned(), { ...policy, witnessKeys: duplicate })).toThrow('same key twice');
    const renamed = await createCosigner('witness.alias.example/w1', Buffer.alloc(32, 1)); // witness 0's key, new name
    const aliased = [...policy.witnessKeys, await createNoteVerifier(renamed.verifierKey)];
    expect(() => verifyCheckpointWithQuorum(cosigned(), { ...policy, witnessKeys: aliased })).toThrow('same key twice');
    const plainWitness = await createEd25519NoteSigner('witness.plain.example/w1', Buffer.alloc(32, 0x66));
    const wrongType = [await createNoteVerifier(plainWitness.verifierKey)];
    expect(() => verifyCheckpointWithQuorum(cosigned(), { ...policy, witnessKeys: wrongType, quorum: 1 })).toThrow('cosignature/v1');
  });
});
