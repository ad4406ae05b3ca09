import { type Checkpoint, type LogKeyHistory, type TrustPolicy, verifyCheckpointWithQuorum } from '../checkpoint';
import { hashesEqual, verifyConsistency } from '../merkle';
import { type VerificationFailure } from './report';

/**
 * A checkpoint file the user kept: the signed note itself, or JSON carrying it (a checkpoint, or an
 * accounting's receipt). A note copied from the printed accounting's box may have lost its final
 * newline or gained Windows line ends: those are restored (a signature still has to verify).
 */
export function noteFromSavedFile(text: string): string {
  if (!text.trimStart().startsWith('{')) {
    const note = text.replace(/\r\n/g, '\n').trim();
    return note.length === 0 ? '' : `${note}\n`;
  }
  try {
    const value = JSON.parse(text) as { note?: unknown; receipt?: { note?: unknown } | null };
    const note = value.receipt?.note ?? value.note;
    if (typeof note === 'string') return note;
  } catch {
    // fall through: reported as not a checkpoint below
  }
  return '';
}

/**
 * A checkpoint the user saved earlier: it must carry a valid signature of the log key in force for
 * its size (witness cosignatures on it are checked when present, but not required).
 */
export function openSavedCheckpoint(note: string, policy: TrustPolicy, history?: LogKeyHistory): Checkpoint | VerificationFailure {
  const opened = verifyCheckpointWithQuorum(note, { ...policy, quorum: 0 }, history);
  return opened.ok ? opened.checkpoint : { code: 'previous-checkpoint', message: `the saved checkpoint does not verify: ${opened.message}` };
}

/**
 * Is `current` an append-only extension of `previous`? `proof` is the consistency proof from
 * previous to current (ignored when the sizes are equal).
 */
export function appendOnlyFailure(previous: Checkpoint, current: Checkpoint, proof: readonly Buffer[] | null): VerificationFailure | null {
  if (previous.treeSize === current.treeSize) {
    return hashesEqual(previous.rootHash, current.rootHash)
      ? null
      : { code: 'split-view', message: `SPLIT VIEW: the log now shows a different tree of size ${current.treeSize} than the saved checkpoint` };
  }
  if (previous.treeSize > current.treeSize) {
    return { code: 'rollback', message: `the log went backwards: saved checkpoint has ${previous.treeSize} entries, the latest only ${current.treeSize}` };
  }
  if (proof === null || !verifyConsistency(previous.treeSize, current.treeSize, proof, previous.rootHash, current.rootHash)) {
    return { code: 'inconsistent', message: `the latest checkpoint (size ${current.treeSize}) is not an extension of the saved one (size ${previous.treeSize}): history was rewritten` };
  }
  return null;
}
