import { ConflictError, DomainError } from '../platform/errors/domain-error';

/**
 * A key registration the directory refuses, with a machine reason: a KeyRegistrationError code
 * from src/crypto (bad_self_signature, bad_rotation_signature, ...) or the directory's own
 * (agency_mismatch, key_reused, created_in_future, created_before_previous).
 */
export class KeyRegistrationRejectedError extends DomainError {
  readonly status = 422;
  readonly slug = 'key-registration-rejected';
  readonly title = 'The key registration is not acceptable';

  constructor(
    readonly reason: string,
    detail: string,
    field = 'registration',
  ) {
    super(detail, { reason, errors: [{ field, messages: [detail] }] });
  }
}

/** The epoch is neither already registered nor the next one: the client's view is out of date. */
export class KeyEpochNotNextError extends ConflictError {
  constructor(epoch: number, currentEpoch: number | null) {
    const next = (currentEpoch ?? 0) + 1;
    super('key-epoch-not-next', `Epoch ${epoch} cannot be registered: the next epoch for this agency is ${next}.`, { currentEpoch });
  }
}

/** Another registration already holds this epoch (a retry of the same one answers 200 instead). */
export class KeyEpochTakenError extends ConflictError {
  constructor(epoch: number, currentEpoch: number | null) {
    super('key-epoch-taken', `Epoch ${epoch} is already registered for this agency with other keys.`, { currentEpoch });
  }
}
