import { ConflictError, NotFoundError, UnprocessableError } from '../../platform/errors/domain-error';

/**
 * The authenticator's answer did not verify: no ceremony in progress (or it expired, or was
 * answered already), another challenge, origin or relying party, a credential that is not the
 * person's, no user verification, or a signature counter that did not move forward. One message
 * for all, as for a wrong TOTP code.
 */
export class PasskeyRefusedError extends UnprocessableError {
  constructor() {
    super([{ field: 'response', messages: ['the passkey answer was not accepted: start again from the options'] }], 'The passkey was not accepted.');
  }
}

/** Another agency's person's passkey, someone else's, or none: all look the same. */
export class PasskeyNotFoundError extends NotFoundError {
  constructor() {
    super('passkey');
  }
}

export class NoPasskeysError extends ConflictError {
  constructor() {
    super('no-passkeys', 'You have no passkey registered: use your authenticator code.');
  }
}

export class PasskeyExistsError extends ConflictError {
  constructor() {
    super('passkey-exists', 'This passkey is registered already.');
  }
}

export class TooManyPasskeysError extends ConflictError {
  constructor(max: number) {
    super('too-many-passkeys', `You have ${max} passkeys already: remove one first.`);
  }
}
