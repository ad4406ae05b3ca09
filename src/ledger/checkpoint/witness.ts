import { emptyRoot, hashesEqual } from '../merkle/hash';
import { verifyConsistency } from '../merkle/verify';
import { Checkpoint, CheckpointFormatError, parseCheckpoint } from './checkpoint';
import { Cosigner } from './cosignature';
import { formatSignatureLine, NoteError, NoteSignature, NoteVerifier, openNote, parseNote } from './note';

/**
 * The decision core of a C2SP tlog-witness `add-checkpoint` endpoint. Pure: the
 * caller loads the state for the log, passes the clock reading, and must persist
 * the returned state atomically with the check (compare-and-set on the old size),
 * or two racing requests can roll the witness back (see the spec's race example).
 */

/** What a witness remembers per log: the latest checkpoint it cosigned. */
export interface WitnessLogState {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
}

export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly consistencyProof: readonly Buffer[];
  /** The signed checkpoint note, possibly carrying other signatures too. */
  readonly checkpointNote: string;
}

export interface WitnessIdentity {
  readonly cosigner: Cosigner;
  /** Unix seconds to put in the cosignature. */
  readonly timestamp: number;
}

export type WitnessFailure =
  | { readonly kind: 'bad-request'; readonly httpStatus: 400; readonly detail: string }
  | { readonly kind: 'bad-signature'; readonly httpStatus: 403; readonly detail: string }
  | { readonly kind: 'unknown-log'; readonly httpStatus: 404; readonly origin: string }
  /** Old size is not the size this witness last cosigned; the body of the 409 is latestSize. */
  | { readonly kind: 'conflict'; readonly httpStatus: 409; readonly latestSize: number }
  /** Same size as the last cosigned checkpoint but a different root: the log forked. */
  | { readonly kind: 'split-view'; readonly httpStatus: 409; readonly treeSize: number }
  | { readonly kind: 'inconsistent'; readonly httpStatus: 422 };

export type WitnessOutcome =
  | {
      readonly ok: true;
      readonly state: WitnessLogState;
      readonly checkpoint: Checkpoint;
      readonly cosignature: NoteSignature;
      /** The 200 response body: one note signature line. */
      readonly responseBody: string;
    }
  | { readonly ok: false; readonly failure: WitnessFailure };

/** At most this many consistency proof lines per request (tlog-witness). */
export const MAX_PROOF_LINES = 63;

/**
 * Handles one add-checkpoint request for the log whose key is `logVerifier`; the
 * log's origin is taken to be that key's name (C2SP: they SHOULD match). `state`
 * is null if this witness never cosigned for the log.
 */
export function witnessAddCheckpoint(
  state: WitnessLogState | null,
  request: AddCheckpointRequest,
  logVerifier: NoteVerifier,
  witness: WitnessIdentity,
): WitnessOutcome {
  const opened = openCheckpoint(request.checkpointNote, logVerifier);
  if ('failure' in opened) return { ok: false, failure: opened.failure };
  const { text, checkpoint } = opened;
  if (state !== null && state.origin !== checkpoint.origin) throw new RangeError('witness state belongs to another log');
  const failure = checkAgainstState(state ?? emptyState(logVerifier.name), request, checkpoint);
  if (failure) return { ok: false, failure };
  const cosignature = witness.cosigner.cosign(text, witness.timestamp);
  return {
    ok: true,
    state: { origin: checkpoint.origin, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash },
    checkpoint,
    cosignature,
    responseBody: formatSignatureLine(cosignature),
  };
}

function checkAgainstState(state: WitnessLogState, request: AddCheckpointRequest, checkpoint: Checkpoint): WitnessFailure | null {
  const { oldSize, consistencyProof } = request;
  if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > checkpoint.treeSize) {
    return { kind: 'bad-request', httpStatus: 400, detail: `old size ${oldSize} is not between 0 and the checkpoint size` };
  }
  if (consistencyProof.length > MAX_PROOF_LINES) {
    return { kind: 'bad-request', httpStatus: 400, detail: `more than ${MAX_PROOF_LINES} consistency proof lines` };
  }
  if (oldSize !== state.treeSize) return { kind: 'conflict', httpStatus: 409, latestSize: state.treeSize };
  if (oldSize === checkpoint.treeSize && !hashesEqual(state.rootHash, checkpoint.rootHash)) {
    return { kind: 'split-view', httpStatus: 409, treeSize: oldSize };
  }
  if (!verifyConsistency(oldSize, checkpoint.treeSize, consistencyProof, state.rootHash, checkpoint.rootHash)) {
    return { kind: 'inconsistent', httpStatus: 422 };
  }
  return null;
}

// Spec order: malformed request (400), unknown origin (404), then no valid log signature (403).
function openCheckpoint(note: string, logVerifier: NoteVerifier): { text: string; checkpoint: Checkpoint } | { failure: WitnessFailure } {
  let text: string;
  let checkpoint: Checkpoint;
  try {
    text = parseNote(note).text;
    checkpoint = parseCheckpoint(text);
  } catch (error) {
    if (!(error instanceof NoteError || error instanceof CheckpointFormatError)) throw error;
    return { failure: { kind: 'bad-request', httpStatus: 400, detail: error.message } };
  }
  if (checkpoint.origin !== logVerifier.name) return { failure: { kind: 'unknown-log', httpStatus: 404, origin: checkpoint.origin } };
  try {
    openNote(note, [logVerifier]);
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    return { failure: { kind: 'bad-signature', httpStatus: 403, detail: error.message } };
  }
  return { text, checkpoint };
}

// A witness that never cosigned behaves as if it had cosigned the empty tree.
function emptyState(origin: string): WitnessLogState {
  return { origin, treeSize: 0, rootHash: emptyRoot() };
}
