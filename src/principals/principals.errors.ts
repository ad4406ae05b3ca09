import { ConflictError, DomainError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';

export class PrincipalNotFoundError extends NotFoundError {
  constructor() {
    super('principal');
  }
}

export class UsernameTakenError extends ConflictError {
  constructor() {
    super('username-taken', 'That username or client id is already in use.');
  }
}

export class RoleNotAllowedHereError extends UnprocessableError {
  constructor(detail: string) {
    super([{ field: 'roles', messages: [detail] }], detail);
  }
}

export class AlreadyBootstrappedError extends DomainError {
  readonly status = 409;
  readonly slug = 'already-bootstrapped';
  readonly title = 'Already bootstrapped';

  constructor() {
    super('An administrator already exists; create further principals through the API.');
  }
}

/** An enrolled person signs in with their own secret; an administrator cannot set a password for them. */
export class PersonEnrolledError extends ConflictError {
  constructor() {
    super('person-enrolled', 'This person has enrolled and signs in with a secret of their own. To reset it, issue a new enrolment code (re-enrolment).');
  }
}
