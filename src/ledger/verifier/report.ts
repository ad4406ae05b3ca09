/**
 * What the verifier found. A failure names, where it can, the first bad leaf index: the earliest
 * position at which the log served differs from what was signed, cosigned or chained.
 */
export type FailureCode =
  /** The latest checkpoint: malformed, not signed by the log key in force for its size, wrong origin, or witness quorum not met. */
  | 'checkpoint'
  /** A log key transition does not verify, or is not the log entry just before the size it takes effect at. */
  | 'key-transition'
  /** The saved checkpoint (--previous) is not signed by the trusted log key. */
  | 'previous-checkpoint'
  /** An older checkpoint the log published does not carry a valid log signature. */
  | 'old-checkpoint'
  /** Same tree size as the saved checkpoint, different root: the log forked. */
  | 'split-view'
  /** The log is now smaller than a checkpoint it signed before. */
  | 'rollback'
  /** The consistency proof from the saved checkpoint does not verify: history was rewritten. */
  | 'inconsistent'
  /** An entry's stored index is not its position (a row was deleted, inserted or renumbered). */
  | 'index-mismatch'
  /** An entry's bytes do not hash to its stored leaf hash (the entry was changed). */
  | 'leaf-hash-mismatch'
  /** An entry is not a version 1 entry. */
  | 'malformed-entry'
  /** A case's chain (caseSeq, casePrev) is broken. */
  | 'case-chain'
  /** Entries appear out of time order where the recomputed root disagrees (rows were swapped). */
  | 'reordered'
  /** The root recomputed from the entries differs from a signed checkpoint's. */
  | 'root-mismatch'
  /** The log served fewer entries than a checkpoint covers. */
  | 'truncated'
  /** An inclusion proof (accounting) does not verify against the receipt. */
  | 'inclusion'
  /** An accounting bundle is incomplete or contradicts its own entry bytes. */
  | 'bundle';

export interface VerificationFailure {
  readonly code: FailureCode;
  readonly message: string;
  readonly index?: number;
}

export interface WitnessSeen {
  readonly name: string;
  readonly timestamp: number;
}

/** The earliest index any failure names, or null. */
export function firstBadIndex(failures: readonly VerificationFailure[]): number | null {
  const indices = failures.flatMap((failure) => (failure.index === undefined ? [] : [failure.index]));
  return indices.length === 0 ? null : Math.min(...indices);
}

/** One line per failure, the first bad index first. */
export function describeFailures(failures: readonly VerificationFailure[]): string[] {
  const first = firstBadIndex(failures);
  const lines = failures.map((failure) => `FAIL ${failure.code}${failure.index === undefined ? '' : ` at index ${failure.index}`}: ${failure.message}`);
  return first === null ? lines : [`first bad index: ${first}`, ...lines];
}
