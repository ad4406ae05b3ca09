import { describeLocation, exactly, firstIndexOf, type Location } from './tamper-locator';

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
  /** The first index the failure names (exact: that entry; range: the range's first). */
  readonly index?: number;
  /** Where the evidence puts it: one entry, or the narrowest range it proves (the message says which). */
  readonly location?: Location;
}

export interface WitnessSeen {
  readonly name: string;
  readonly timestamp: number;
}

/** The first index of the best location the failures prove (see bestLocation), or null. */
export function firstBadIndex(failures: readonly VerificationFailure[]): number | null {
  const where = bestLocation(failures);
  return where === null ? null : firstIndexOf(where);
}

/**
 * The one place a report points at: the earliest exact entry any failure proves, else the
 * narrowest range any failure proves (a range never hides an exact answer inside it).
 */
export function bestLocation(failures: readonly VerificationFailure[]): Location | null {
  const located = failures.flatMap((failure) => (failure.location ? [failure.location] : failure.index === undefined ? [] : [exactly(failure.index)]));
  const exact = located.filter((location) => location.precision === 'exact').sort((a, b) => firstIndexOf(a) - firstIndexOf(b));
  if (exact.length > 0) return exact[0];
  const width = (location: Location) => (location.precision === 'range' ? location.to - location.from : 0);
  return located.sort((a, b) => width(a) - width(b) || firstIndexOf(a) - firstIndexOf(b))[0] ?? null;
}

/** One line per failure, where the evidence puts the damage first. */
export function describeFailures(failures: readonly VerificationFailure[]): string[] {
  const where = bestLocation(failures);
  const lines = failures.map((failure) => `FAIL ${failure.code}${at(failure)}: ${failure.message}`);
  return where === null ? lines : [`${where.precision === 'exact' ? 'exact' : 'narrowest proven range'}: ${describeLocation(where, 'is the first bad one')}`, ...lines];
}

function at(failure: VerificationFailure): string {
  const location = failure.location ?? (failure.index === undefined ? undefined : exactly(failure.index));
  if (!location) return '';
  return location.precision === 'exact' ? ` at index ${location.index}` : ` in entries ${location.from}–${location.to}`;
}
