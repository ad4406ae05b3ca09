import { DomainError } from '../platform/errors/domain-error';

/**
 * Any authentication failure. Deliberately says nothing about why (expired, bad signature,
 * disabled, suspended...): details help an attacker, not a legitimate caller.
 */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly slug = 'unauthenticated';
  readonly title = 'Unauthenticated';

  constructor() {
    super('A valid access token is required.');
  }

  override headers(): Record<string, string> {
    return { 'WWW-Authenticate': 'Bearer realm="ccr-exchange"' };
  }
}

export class RoleNotAdmittedError extends DomainError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = 'Forbidden';

  constructor() {
    super('Your role does not allow this action.');
  }
}

export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  readonly slug = 'too-many-attempts';
  readonly title = 'Too many failed attempts';

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed authentication attempts. Retry after ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
  }

  override headers(): Record<string, string> {
    return { 'Retry-After': String(this.retryAfterSeconds) };
  }
}
