import { ConflictError, DomainError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';
import { DATABASE_RETRY_AFTER_SECONDS } from '../platform/errors/http-errors';

export class CheckpointNotFoundError extends NotFoundError {
  constructor() {
    super('checkpoint');
  }
}

export class WitnessNotFoundError extends NotFoundError {
  constructor() {
    super('witness');
  }
}

export class CaseNotFoundError extends NotFoundError {
  constructor() {
    super('case');
  }
}

export class WitnessExistsError extends ConflictError {
  constructor() {
    super('witness-exists', 'A witness with that name or verifier key is already registered.');
  }
}

/** The witness already cosigned this checkpoint with another line; stored cosignatures are never replaced. */
export class CosignatureExistsError extends ConflictError {
  constructor() {
    super('cosignature-exists', 'This witness already cosigned this checkpoint with a different cosignature.');
  }
}

export class LogEmptyError extends ConflictError {
  constructor() {
    super('log-empty', 'The disclosure log has no entries yet; there is nothing to checkpoint.');
  }
}

export class InvalidCosignatureError extends UnprocessableError {
  constructor(detail: string) {
    super([{ field: 'cosignature', messages: [detail] }], detail);
  }
}

/** A size or index beyond what the log holds (or an ordering between two of them that is wrong). */
export class LogRangeError extends UnprocessableError {
  constructor(field: string, message: string) {
    super([{ field, messages: [message] }], message);
  }
}

/**
 * The log entry that must accompany a read could not be written: nothing is returned. 503 because
 * the request itself was fine and may succeed once the log is writable again.
 */
export class LedgerUnavailableError extends DomainError {
  readonly status = 503;
  readonly slug = 'disclosure-log-unavailable';
  readonly title = 'Disclosure log unavailable';

  constructor() {
    super('The disclosure log could not record this read, so nothing was disclosed. Try again later; quote the request id if it persists.');
  }

  override headers(): Record<string, string> {
    return { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) };
  }
}

/**
 * The stored log contradicts itself (a case chain is broken, a proof does not verify against the
 * checkpoint). Nothing is shown: an accounting built on a damaged log would mislead the survivor.
 */
export class LedgerIntegrityError extends DomainError {
  readonly status = 503;
  readonly slug = 'disclosure-log-integrity';
  readonly title = 'Disclosure log failed an integrity check';

  constructor(readonly index: number | null) {
    super('The disclosure log failed an integrity check, so this answer cannot be produced. The operators have been alerted; quote the request id.', {
      index,
    });
  }
}

/**
 * This process cannot sign a checkpoint with the log key in force: it does not hold that key, or
 * the log's stored checkpoints and key transitions disagree with the keys it holds. Nothing is
 * signed (a checkpoint by the wrong key would fail every verifier). `reason` is for the service
 * log (key IDs and sizes, never key material); the answer says only that operators must act.
 */
export class LogKeyUnavailableError extends DomainError {
  readonly status = 503;
  readonly slug = 'log-key-unavailable';
  readonly title = 'Log signing key unavailable';

  constructor(readonly reason: string) {
    super('This API process cannot sign the disclosure log with the key in force, so no checkpoint was signed. The operators have been alerted; quote the request id.');
  }
}
