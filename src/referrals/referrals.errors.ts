import { ConflictError, DomainError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';
import { type ReferralStatus } from './referral.vocabulary';

export class ReferralNotFoundError extends NotFoundError {
  constructor() {
    super('referral');
  }
}

export class IdempotencyKeyRequiredError extends DomainError {
  readonly status = 400;
  readonly slug = 'idempotency-key-required';
  readonly title = 'Idempotency-Key required';

  constructor() {
    super('Send an Idempotency-Key header (1–200 characters: letters, digits, - _ . :) so a retry can never create a second referral.');
  }
}

/** The same Idempotency-Key was used for a different request body. */
export class IdempotencyKeyReusedError extends ConflictError {
  constructor(referralId: string) {
    super('idempotency-key-reused', 'This Idempotency-Key was already used for a different referral request.', { referralId });
  }
}

/**
 * Another request with this Idempotency-Key stored its referral first. The service answers with
 * that referral (same body) or IdempotencyKeyReusedError; this error reaches a client only if the
 * earlier referral cannot be read back, and then a retry resolves it.
 */
export class IdempotencyKeyTakenError extends ConflictError {
  constructor() {
    super('idempotency-key-in-use', 'Another request with this Idempotency-Key was processed at the same time: retry it.');
  }
}

export class IllegalTransitionError extends ConflictError {
  constructor(from: ReferralStatus, to: ReferralStatus) {
    super('illegal-transition', `A referral cannot go from ${from} to ${to}.`, { from, to });
  }
}

export class ReferralVersionConflictError extends ConflictError {
  constructor(currentVersion: number) {
    super('referral-version-conflict', 'The referral changed since you read it: re-read it and retry.', { currentVersion });
  }
}

export class WrongSideError extends DomainError {
  readonly status = 403;
  readonly slug = 'wrong-side';
  readonly title = 'Not your move';

  constructor(detail: string) {
    super(detail);
  }
}

export class ReferralFieldError extends UnprocessableError {
  constructor(field: string, message: string) {
    super([{ field, messages: [message] }], message);
  }
}
