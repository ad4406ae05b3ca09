import { DomainError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';

export class RecordNotFoundError extends NotFoundError {
  constructor() {
    super('record');
  }
}

/**
 * The record exists and was wrapped for the caller, but the basis of that wrap is no longer in
 * force (revoked, expired, withdrawn) or the wrap was deleted. Reported to the caller as 404, like
 * a record they never had; the reason is for the log and the service.
 */
export class RecordNoLongerAvailableError extends RecordNotFoundError {}

/** A sealed record the server refuses to store, with the envelope's own reason code. */
export class EnvelopeRejectedError extends DomainError {
  readonly status = 422;
  readonly slug = 'envelope-rejected';
  readonly title = 'The sealed record is not acceptable';

  constructor(
    readonly reason: string,
    detail: string,
    field = 'envelope',
  ) {
    super(detail, { reason, errors: [{ field, messages: [detail] }] });
  }
}

export class RecordAlreadyExistsError extends UnprocessableError {
  constructor() {
    super([{ field: 'envelope.recordId', messages: ['a record with this id already exists'] }], 'A record with this id already exists.');
  }
}
