import { DomainError } from '../platform/errors/domain-error';
import { type Role } from '../principals/principal.vocabulary';

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

/**
 * The caller's roles are not among those the route admits. Saying which roles it admits tells an
 * integrator what credentials to use; the roles of every route are public in the API document.
 */
export class RoleNotAdmittedError extends DomainError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = 'Forbidden';

  constructor(admittedRoles: readonly Role[]) {
    super(
      admittedRoles.length > 0 ? `Your role does not allow this action: this route admits ${admittedRoles.join(', ')}.` : 'This route admits no role.',
      { admittedRoles: [...admittedRoles] },
    );
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
