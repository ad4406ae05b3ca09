import { consistencyProof, emptyRoot, leafHash, rootFromLeafHashes } from '../merkle';
import {
  AddCheckpointRequest,
  Cosigner,
  createCosigner,
  createEd25519NoteSigner,
  createNoteVerifier,
  Ed25519NoteSigner,
  formatAddCheckpointBody,
  formatCheckpoint,
  NoteVerifier,
  openNote,
  parseAddCheckpointBody,
  signNote,
  verifyCosignature,
  WitnessLogState,
  witnessAddCheckpoint,
} from './index';

const ORIGIN = 'ccr.example.org/disclosures/2026';
const LEAVES = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`disclosure ${i}`)));
// A forked history: same first 20 entries, then different ones (e.g. a deleted disclosure).
const FORKED = [...LEAVES.slice(0, 20), ...LEAVES.slice(21), leafHash(Buffer.from('filler'))];
const NOW = 1767225600;

let log: Ed25519NoteSigner;
let logVerifier: NoteVerifier;
let witness: Cosigner;
let witnessVerifier: NoteVerifier;

beforeAll(async () => {
  log = await createEd25519NoteSigner(ORIGIN, Buffer.alloc(32, 0xaa));
  logVerifier = await createNoteVerifier(log.verifierKey);
  witness = await createCosigner('witness.dv-coalition.example/w1', Buffer.alloc(32, 1));
  witnessVerifier = await createNoteVerifier(witness.verifierKey);
});

function checkpointNote(leaves: readonly Buffer[], size: number, signer: Ed25519NoteSigner = log): string {
  return signNote(formatCheckpoint({ origin: ORIGIN, treeSize: size, rootHash: rootFromLeafHashes(leaves.slice(0, size)), extensions: [] }), [signer]);
}

function request(leaves: readonly Buffer[], oldSize: number, newSize: number): AddCheckpointRequest {
  return { oldSize, consistencyProof: consistencyProof(leaves.slice(0, newSize), oldSize), checkpointNote: checkpointNote(leaves, newSize) };
}

function stateAt(leaves: readonly Buffer[], size: number): WitnessLogState {
  return { origin: ORIGIN, treeSize: size, rootHash: rootFromLeafHashes(leaves.slice(0, size)) };
}

const add = (state: WitnessLogState | null, req: AddCheckpointRequest) =>
  witnessAddCheckpoint(state, req, logVerifier, { cosigner: witness, timestamp: NOW });

describe('witnessAddCheckpoint', () => {
  it('cosigns the first checkpoint it sees (old size 0, empty proof)', () => {
    const outcome = add(null, request(LEAVES, 0, 10));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.state).toEqual(stateAt(LEAVES, 10));
    const body = formatCheckpoint({ ...outcome.checkpoint });
    expect(verifyCosignature(witnessVerifier, body, outcome.cosignature)).toBe(NOW);
    expect(outcome.responseBody).toMatch(/^\u2014 witness\.dv-coalition\.example\/w1 [A-Za-z0-9+/]+=*\n$/);
    // The response lines can be appended to the checkpoint and opened with the witness key.
    expect(openNote(request(LEAVES, 0, 10).checkpointNote + outcome.responseBody, [witnessVerifier]).verified).toHaveLength(1);
  });

  it('accepts consistent growth and returns the new state without touching the old one', () => {
    const before = stateAt(LEAVES, 10);
    const outcome = add(before, request(LEAVES, 10, 33));
    expect(outcome).toMatchObject({ ok: true, state: stateAt(LEAVES, 33) });
    expect(before).toEqual(stateAt(LEAVES, 10));
  });

  it('cosigns the same checkpoint again (same size, same root)', () => {
    expect(add(stateAt(LEAVES, 33), request(LEAVES, 33, 33))).toMatchObject({ ok: true, state: stateAt(LEAVES, 33) });
  });

  it('refuses a split view: same size, different root', () => {
    const outcome = add(stateAt(LEAVES, 33), request(FORKED, 33, 33));
    expect(outcome).toEqual({ ok: false, failure: { kind: 'split-view', httpStatus: 409, treeSize: 33 } });
  });

  it('refuses growth from a forked history: its own proof does not match the cosigned root', () => {
    const outcome = add(stateAt(LEAVES, 33), request(FORKED, 33, 39));
    expect(outcome).toEqual({ ok: false, failure: { kind: 'inconsistent', httpStatus: 422 } });
  });

  it('refuses an altered or missing consistency proof', () => {
    const honest = request(LEAVES, 10, 33);
    const altered = honest.consistencyProof.map((hash, i) => (i === 1 ? leafHash(Buffer.from('x')) : hash));
    expect(add(stateAt(LEAVES, 10), { ...honest, consistencyProof: altered })).toMatchObject({ ok: false, failure: { kind: 'inconsistent' } });
    expect(add(stateAt(LEAVES, 10), { ...honest, consistencyProof: [] })).toMatchObject({ ok: false, failure: { kind: 'inconsistent' } });
    const padded = { ...request(LEAVES, 0, 5), consistencyProof: [emptyRoot()] };
    expect(add(null, padded)).toMatchObject({ ok: false, failure: { kind: 'inconsistent' } });
  });

  it('reports a conflict with its latest size when the old size is not what it cosigned', () => {
    expect(add(stateAt(LEAVES, 33), request(LEAVES, 10, 39))).toEqual({ ok: false, failure: { kind: 'conflict', httpStatus: 409, latestSize: 33 } });
    expect(add(null, request(LEAVES, 10, 39))).toEqual({ ok: false, failure: { kind: 'conflict', httpStatus: 409, latestSize: 0 } });
  });

  it('refuses a shrinking tree as a bad request', () => {
    const shrinking = { ...request(LEAVES, 10, 10), oldSize: 33 };
    expect(add(stateAt(LEAVES, 33), shrinking)).toMatchObject({ ok: false, failure: { kind: 'bad-request', httpStatus: 400 } });
  });

  it('refuses a checkpoint not signed by the log key (403) or for another log (404)', async () => {
    const impostor = await createEd25519NoteSigner(ORIGIN, Buffer.alloc(32, 0xbb));
    const forged = { ...request(LEAVES, 10, 33), checkpointNote: checkpointNote(LEAVES, 33, impostor) };
    expect(add(stateAt(LEAVES, 10), forged)).toMatchObject({ ok: false, failure: { kind: 'bad-signature', httpStatus: 403 } });
    const otherLog = signNote(`other.example/log\n5\n${rootFromLeafHashes(LEAVES.slice(0, 5)).toString('base64')}\n`, [log]);
    expect(add(null, { oldSize: 0, consistencyProof: [], checkpointNote: otherLog })).toEqual({
      ok: false,
      failure: { kind: 'unknown-log', httpStatus: 404, origin: 'other.example/log' },
    });
  });

  it('refuses malformed notes and too many proof lines as bad requests', () => {
    expect(add(null, { oldSize: 0, consistencyProof: [], checkpointNote: 'not a note' })).toMatchObject({ ok: false, failure: { kind: 'bad-request' } });
    const tooLong = { ...request(LEAVES, 10, 33), consistencyProof: Array.from({ length: 64 }, () => emptyRoot()) };
    expect(add(stateAt(LEAVES, 10), tooLong)).toMatchObject({ ok: false, failure: { kind: 'bad-request' } });
  });

  it('refuses to mix up logs in its own state', () => {
    const foreign = { ...stateAt(LEAVES, 10), origin: 'other.example/log' };
    expect(() => add(foreign, request(LEAVES, 10, 33))).toThrow('another log');
  });
});

describe('add-checkpoint request body', () => {
  it('round-trips the wire format', () => {
    const req = request(LEAVES, 10, 33);
    const body = formatAddCheckpointBody(req);
    expect(body.startsWith(`old 10\n${req.consistencyProof[0].toString('base64')}\n`)).toBe(true);
    expect(parseAddCheckpointBody(body)).toEqual({ request: req });
    expect(parseAddCheckpointBody(formatAddCheckpointBody(request(LEAVES, 0, 5)))).toEqual({ request: request(LEAVES, 0, 5) });
  });

  it.each([
    ['no blank line', 'old 10\n'],
    ['missing old line', '\nexample\n'],
    ['leading zero', 'old 010\n\nnote'],
    ['bad hash', 'old 10\nAAAA\n\nnote'],
    ['64 proof lines', `old 10\n${`${emptyRoot().toString('base64')}\n`.repeat(64)}\nnote`],
  ])('rejects %s', (_label, body) => {
    expect(parseAddCheckpointBody(body)).toHaveProperty('error');
  });
});
