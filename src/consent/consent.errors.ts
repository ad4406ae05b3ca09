import { ConflictError, DomainError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';
import { DENY_REASON_DESCRIPTIONS, type DenyReason } from './policy';

export class ConsentNotFoundError extends NotFoundError {
  constructor() {
    super('consent');
  }
}

export class MandateNotFoundError extends NotFoundError {
  constructor() {
    super('mandate');
  }
}

/** Consent ids are chosen by the client (the signature binds them): a repeat is a conflict. */
export class ConsentAlreadyExistsError extends ConflictError {
  constructor() {
    super('consent-exists', 'A consent with this id already exists.');
  }
}

export class ConsentRevokedError extends ConflictError {
  constructor() {
    super('consent-revoked', 'This consent was revoked: it cannot be amended. Record a new release if the survivor consents again.');
  }
}

export class ConsentAlreadyRevokedError extends ConflictError {
  constructor(revokedAt: Date) {
    super('consent-already-revoked', 'This consent is already revoked.', { revokedAt: revokedAt.toISOString() });
  }
}

/** The amendment is not the next version: someone amended the consent since the caller read it. */
export class ConsentVersionConflictError extends ConflictError {
  constructor(currentVersion: number) {
    super('consent-version-conflict', `The next version of this consent is ${currentVersion + 1}: re-read it, then sign the amendment as that version.`, {
      currentVersion,
    });
  }
}

export class MandateAlreadyWithdrawnError extends ConflictError {
  constructor() {
    super('mandate-already-withdrawn', 'This mandate is already withdrawn.');
  }
}

export class SignatureRejectedError extends UnprocessableError {
  constructor(field: string, message: string) {
    super([{ field, messages: [message] }], message);
  }
}

/**
 * A key wrap for an agency that no consent or mandate covers: the record may not be stored with
 * it. Carries the policy's reason code (docs/consent-model.md §5) and the recipient's id.
 */
export class WrapNotCoveredError extends DomainError {
  readonly status = 422;
  readonly slug = 'wrap-not-covered';
  readonly title = 'A recipient of the record is not covered by a consent or mandate';

  constructor(
    readonly recipientAgencyId: string,
    readonly reason: DenyReason,
  ) {
    const message = `agency ${recipientAgencyId}: ${DENY_REASON_DESCRIPTIONS[reason]}`;
    super(`The record may not be wrapped for ${message}`, { reason, recipientAgencyId, errors: [{ field: 'wraps', messages: [message] }] });
  }
}
