import {
  createEd25519NoteSigner,
  createNoteVerifier,
  type Ed25519NoteSigner,
  formatCheckpoint,
  formatKeyTransition,
  keyFingerprint,
  KeyTransitionFormatError,
  LogKeyHistory,
  type NoteVerifier,
  parseKeyTransition,
  signKeyTransition,
  signNote,
  type TrustPolicy,
  verifyCheckpointWithQuorum,
} from './index';

const ORIGIN = 'ccr.example.org/disclosures/2026';

let k0: Ed25519NoteSigner;
let k1: Ed25519NoteSigner;
let k2: Ed25519NoteSigner;
let stranger: Ed25519NoteSigner;
let root: NoteVerifier;
let policy: TrustPolicy;

beforeAll(async () => {
  [k0, k1, k2, stranger] = await Promise.all([1, 2, 3, 9].map((fill) => createEd25519NoteSigner(ORIGIN, Buffer.alloc(32, fill))));
  root = await createNoteVerifier(k0.verifierKey);
  policy = { logKey: root, witnessKeys: [], quorum: 0 };
});

const transition = (from: Ed25519NoteSigner, to: Ed25519NoteSigner, size: number, signers: [Ed25519NoteSigner, Ed25519NoteSigner] = [from, to]) =>
  signKeyTransition({ origin: ORIGIN, oldKey: from.verifierKey, newKey: to.verifierKey, from: size }, ...signers);

const checkpoint = (size: number, signer: Ed25519NoteSigner) =>
  signNote(formatCheckpoint({ origin: ORIGIN, treeSize: size, rootHash: Buffer.alloc(32, size % 256), extensions: [] }), [signer]);

const follow = (notes: { note: string; index?: number | null }[]) =>
  LogKeyHistory.rootedAt(root).follow(
    notes.map(({ note, index }) => ({ note, index: index ?? null })),
    ORIGIN,
  );

describe('key transition statement', () => {
  it('is five lines, byte for byte, and parses back', () => {
    const text = formatKeyTransition({ origin: ORIGIN, oldKey: k0.verifierKey, newKey: k1.verifierKey, from: 58 });
    expect(text).toBe(`ccr-exchange/log-key-transition/v1\norigin ${ORIGIN}\nold ${k0.verifierKey}\nnew ${k1.verifierKey}\nfrom 58\n`);
    expect(parseKeyTransition(text)).toEqual({ origin: ORIGIN, oldKey: k0.verifierKey, newKey: k1.verifierKey, from: 58 });
  });

  it.each([
    ['a sixth line', (text: string) => `${text}extra\n`],
    ['a leading zero', (text: string) => text.replace('from 58', 'from 058')],
    ['size 0', (text: string) => text.replace('from 58', 'from 0')],
    ['another header', (text: string) => text.replace('/v1', '/v2')],
    ['a key named after another log', (text: string) => text.replace(`new ${ORIGIN}`, 'new other.example/log')],
    ['no final newline', (text: string) => text.slice(0, -1)],
  ])('refuses %s', (_label, change) => {
    const text = formatKeyTransition({ origin: ORIGIN, oldKey: k0.verifierKey, newKey: k1.verifierKey, from: 58 });
    expect(() => parseKeyTransition(change(text))).toThrow(KeyTransitionFormatError);
  });

  it('signs the example of docs/ledger-format.md §8.1 byte for byte (Ed25519 is deterministic)', async () => {
    const origin = 'ccr-exchange.local/disclosures';
    const [one, two] = await Promise.all([1, 2].map((fill) => createEd25519NoteSigner(origin, Buffer.alloc(32, fill))));
    expect(signKeyTransition({ origin, oldKey: one.verifierKey, newKey: two.verifierKey, from: 58 }, one, two)).toBe(
      [
        'ccr-exchange/log-key-transition/v1',
        'origin ccr-exchange.local/disclosures',
        'old ccr-exchange.local/disclosures+0e281bf3+AYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c',
        'new ccr-exchange.local/disclosures+dbeaa55c+AYE5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1uPybOU',
        'from 58',
        '',
        '\u2014 ccr-exchange.local/disclosures Digb84C21mGwhA9xG+mTQhwDXa+/dauWE/wy7Is7BIR2xJ6NHpDtocfTrK8aWUvjmgg4eeFxGdAXVzOevHqhPEGpVAE=',
        '\u2014 ccr-exchange.local/disclosures 2+qlXFd96t7QwrWxdFmdGoQt+eSnGAvDlSheK6MCweBYSzU1gS83F/C+3xrU/w92EatkuOe6ep5MBa7M2kVzjV/eVQs=',
        '',
      ].join('\n'),
    );
    expect(keyFingerprint('ccr-exchange.local/disclosures+eb177ddb+AfCKIWYYOeaALiaVAvw7nm/cjoXiM7JqrC4uddmRqvYs')).toBe('468f fc3b d981 77d7 0354 dcba ac91 1111');
  });

  it('cannot pass for a checkpoint: its second line is not a tree size', () => {
    const note = transition(k0, k1, 58);
    expect(verifyCheckpointWithQuorum(note, policy)).toMatchObject({ ok: false, failure: { kind: 'malformed' } });
  });
});

describe('LogKeyHistory.follow', () => {
  it('follows transitions signed by the key in force, and picks the key for each size', async () => {
    const { history, failure } = await follow([{ note: transition(k0, k1, 10), index: 9 }, { note: transition(k1, k2, 25), index: 24 }]);
    expect(failure).toBeNull();
    expect(history.periods.map((period) => [period.vkey, period.from])).toEqual([
      [k0.verifierKey, 0],
      [k1.verifierKey, 10],
      [k2.verifierKey, 25],
    ]);
    expect([0, 9, 10, 24, 25, 1000].map((size) => history.inForce(size).vkey)).toEqual([k0, k0, k1, k1, k2, k2].map((key) => key.verifierKey));
    expect(history.until(history.periods[1])).toBe(25);
  });

  it('verifies each checkpoint with the key in force for its size', async () => {
    const { history } = await follow([{ note: transition(k0, k1, 10) }]);
    expect(verifyCheckpointWithQuorum(checkpoint(9, k0), policy, history).ok).toBe(true);
    expect(verifyCheckpointWithQuorum(checkpoint(10, k1), policy, history).ok).toBe(true);
    const late = verifyCheckpointWithQuorum(checkpoint(12, k0), policy, history);
    expect(late).toMatchObject({ ok: false, failure: { kind: 'log-key-not-in-force', treeSize: 12, from: 0, until: 10 } });
    expect(verifyCheckpointWithQuorum(checkpoint(9, k1), policy, history)).toMatchObject({ ok: false, failure: { kind: 'log-key-not-in-force', treeSize: 9 } });
    const unknown = verifyCheckpointWithQuorum(checkpoint(12, stranger), policy, history);
    expect(unknown).toMatchObject({ ok: false, failure: { kind: 'log-key-unknown', treeSize: 12 } });
    expect(!unknown.ok && unknown.message).toContain(`${ORIGIN}+${stranger.keyId.toString(16).padStart(8, '0')}`);
  });

  it('refuses a forged transition: the outgoing key did not sign it', async () => {
    const { history, failure } = await follow([{ note: transition(k0, k1, 10, [stranger, k1]) }]);
    expect(failure).toMatchObject({ reason: 'bad-signature', position: 0 });
    expect(history.periods).toHaveLength(1);
  });

  it('refuses a transition the incoming key did not sign (the operator must hold the new key)', async () => {
    expect((await follow([{ note: transition(k0, k1, 10, [k0, stranger]) }])).failure).toMatchObject({ reason: 'bad-signature' });
    const onlyOld = signNote(formatKeyTransition({ origin: ORIGIN, oldKey: k0.verifierKey, newKey: k1.verifierKey, from: 10 }), [k0]);
    expect((await follow([{ note: onlyOld }])).failure).toMatchObject({ reason: 'bad-signature', message: expect.stringContaining('incoming') });
  });

  it('refuses a tampered statement', async () => {
    const tampered = transition(k0, k1, 10).replace('from 10', 'from 11');
    expect((await follow([{ note: tampered }])).failure).toMatchObject({ reason: 'bad-signature' });
  });

  it('refuses a transition from a key that is not the one in force (wrong old key)', async () => {
    const { history, failure } = await follow([{ note: transition(k0, k1, 10) }, { note: transition(k0, k2, 20) }]);
    expect(failure).toMatchObject({ reason: 'wrong-old-key', position: 1 });
    expect(history.current.vkey).toBe(k1.verifierKey);
  });

  it('refuses out-of-order transitions: a later one cannot take effect at or before the earlier', async () => {
    expect((await follow([{ note: transition(k0, k1, 10) }, { note: transition(k1, k2, 10) }])).failure).toMatchObject({ reason: 'out-of-order', position: 1 });
    expect((await follow([{ note: transition(k0, k1, 10) }, { note: transition(k1, k2, 4) }])).failure).toMatchObject({ reason: 'out-of-order' });
  });

  it('refuses a transition whose entry is not the last one before it takes effect', async () => {
    expect((await follow([{ note: transition(k0, k1, 10), index: 3 }])).failure).toMatchObject({ reason: 'out-of-order', index: 3 });
  });

  it('refuses a transition to the same key, or back to a key used before', async () => {
    expect((await follow([{ note: transition(k0, k0, 10) }])).failure).toMatchObject({ reason: 'same-key' });
    expect((await follow([{ note: transition(k0, k1, 10) }, { note: transition(k1, k0, 20) }])).failure).toMatchObject({ reason: 'reused-key', position: 1 });
  });

  it('refuses a transition of another log', async () => {
    const other = await createEd25519NoteSigner('other.example/log', Buffer.alloc(32, 1));
    const next = await createEd25519NoteSigner('other.example/log', Buffer.alloc(32, 2));
    const note = signKeyTransition({ origin: 'other.example/log', oldKey: other.verifierKey, newKey: next.verifierKey, from: 5 }, other, next);
    const fromOtherRoot = await LogKeyHistory.rootedAt(await createNoteVerifier(other.verifierKey)).follow([{ note, index: null }], ORIGIN);
    expect(fromOtherRoot.failure).toMatchObject({ reason: 'wrong-origin' });
  });

  it('starts at a trusted key that came in by a transition, skipping what came before it', async () => {
    const fromK1 = await LogKeyHistory.rootedAt(await createNoteVerifier(k1.verifierKey)).follow(
      [
        { note: transition(k0, k1, 10), index: 9 },
        { note: transition(k1, k2, 25), index: 24 },
      ],
      ORIGIN,
    );
    expect(fromK1.failure).toBeNull();
    expect(fromK1.history.periods.map((period) => [period.vkey, period.from])).toEqual([
      [k1.verifierKey, 10],
      [k2.verifierKey, 25],
    ]);
    // Checkpoints before it were signed by a key this verifier never trusted.
    const early = verifyCheckpointWithQuorum(checkpoint(5, k0), { ...policy, logKey: fromK1.history.root.verifier }, fromK1.history);
    expect(early).toMatchObject({ ok: false, failure: { kind: 'log-key-unknown', treeSize: 5 } });
  });

  it('ignores transitions of keys it never reaches', async () => {
    const { history, failure } = await follow([{ note: transition(k1, k2, 25) }]);
    expect(failure).toBeNull();
    expect(history.periods).toHaveLength(1);
    expect(verifyCheckpointWithQuorum(checkpoint(30, k2), policy, history)).toMatchObject({ ok: false, failure: { kind: 'log-key-unknown' } });
  });
});

describe('keyFingerprint', () => {
  it('is 8 groups of 4 hex digits, and differs between keys', () => {
    expect(keyFingerprint(k0.verifierKey)).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(keyFingerprint(k0.verifierKey)).toBe(keyFingerprint(`${k0.verifierKey}`));
    expect(keyFingerprint(k1.verifierKey)).not.toBe(keyFingerprint(k0.verifierKey));
  });
});
