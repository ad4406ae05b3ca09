import { ConflictError, DomainError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';

/**
 * A sign-in step failed. Like the token endpoint, it never says which part was wrong (unknown
 * name, wrong secret, wrong or reused code, expired step), nor whether the person exists.
 */
export class SignInRefusedError extends DomainError {
  readonly status = 401;
  readonly slug = 'sign-in-refused';
  readonly title = 'Sign-in refused';

  constructor() {
    super('Sign-in failed. Start again.');
  }
}

/** Unknown, used, expired, or for a principal that cannot enrol: all look the same. */
export class EnrolmentCodeRefusedError extends DomainError {
  readonly status = 401;
  readonly slug = 'enrolment-code-refused';
  readonly title = 'Enrolment code refused';

  constructor() {
    super('This enrolment code is not valid: it may have been used or have expired. Ask your administrator for a new one.');
  }
}

/** The request came from another origin, or without the session's CSRF value (decision 0081). */
export class CrossSiteRequestRefusedError extends DomainError {
  readonly status = 403;
  readonly slug = 'cross-site-request-refused';
  readonly title = 'Cross-site request refused';

  constructor() {
    super(`Refused: a request made with the session cookie must come from this service's own origin and carry the X-CCR-CSRF value issued at sign-in.`);
  }
}

export class SecondFactorRefusedError extends UnprocessableError {
  constructor() {
    super([{ field: 'totpCode', messages: ['the code is not the current one of your authenticator, or was used already'] }], 'The second-factor code was not accepted.');
  }
}

export class MalformedOpaqueMessageError extends UnprocessableError {
  constructor(field: string) {
    super([{ field, messages: ['not a valid OPAQUE message for this step'] }], `${field} is not a valid OPAQUE message for this step.`);
  }
}

export class EnvelopeRequiredError extends UnprocessableError {
  constructor() {
    super(
      [{ field: 'envelope', messages: ['you have person keys: send them re-sealed under the new secret, or they could never be opened again'] }],
      'A change of secret must carry your person keys re-sealed under the new secret.',
    );
  }
}

export class NotAPersonError extends UnprocessableError {
  constructor() {
    super([{ field: 'principalId', messages: ['only an active person principal enrols; service accounts use private_key_jwt'] }], 'Only an active person principal can be given an enrolment code.');
  }
}

export class EnrolmentNotStartedError extends ConflictError {
  constructor() {
    super('enrolment-not-started', 'Call enrolment start with this code first: it sets up the second factor this step confirms.');
  }
}

export class NotEnrolledError extends ConflictError {
  constructor() {
    super('not-enrolled', 'This principal has not enrolled: it has no secret of its own to change.');
  }
}

export class PersonKeysExistError extends ConflictError {
  constructor() {
    super('person-keys-exist', 'Your person keys are registered already; they change only by re-enrolment.');
  }
}

/** No keys for this person, or a person of another agency: the two look the same. */
export class PersonKeysNotFoundError extends NotFoundError {
  constructor() {
    super('person with registered keys');
  }
}

/** A membership wrap the agency's registered key of its epoch did not sign for this person's keys. */
export class WrapRefusedError extends UnprocessableError {
  constructor(index: number, reason: string) {
    super([{ field: `wraps.${index}`, messages: [reason] }], `Wrap ${index} refused: ${reason}.`);
  }
}

/** A rotation whose wraps would leave a member, or the new epoch itself, without a holder. */
export class RotationRefusedError extends UnprocessableError {
  constructor(reason: string) {
    super([{ field: 'wraps', messages: [reason] }], `Rotation refused: ${reason}.`);
  }
}

/** A recovery that is not one: of oneself, or of someone who never enrolled. */
export class RecoveryRefusedError extends ConflictError {
  constructor(reason: string) {
    super('recovery-refused', `${reason}.`);
  }
}
