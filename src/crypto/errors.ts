/**
 * Machine-readable reasons an envelope (or a share of one) is refused. Messages that accompany
 * them name the failed check and field only: never key material, plaintext or decoded bytes.
 */
export type EnvelopeErrorCode =
  | 'malformed'
  | 'unsupported_version'
  | 'unsupported_suite'
  | 'too_large'
  | 'wraps_not_canonical'
  | 'duplicate_recipient'
  | 'author_not_recipient'
  | 'consent_binding_invalid'
  | 'unknown_signing_key'
  | 'bad_signature'
  | 'not_a_recipient'
  | 'wrap_withheld'
  | 'recipient_key_unavailable'
  | 'wrap_open_failed'
  | 'wrap_binding_mismatch'
  | 'key_commitment_mismatch'
  | 'decrypt_failed'
  | 'bad_padding'
  | 'share_mismatch'
  | 'sharer_not_recipient'
  | 'already_recipient'
  | 'bad_share_signature';

export class EnvelopeError extends Error {
  constructor(
    readonly code: EnvelopeErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'EnvelopeError';
  }
}

export type KeyRegistrationErrorCode =
  | 'malformed'
  | 'unsupported_version'
  | 'unsupported_suite'
  | 'invalid_public_key'
  | 'bad_self_signature'
  | 'rotation_key_required'
  | 'bad_rotation_signature';

export class KeyRegistrationError extends Error {
  constructor(
    readonly code: KeyRegistrationErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'KeyRegistrationError';
  }
}

export type KeystoreErrorCode =
  | 'malformed'
  | 'unsupported_version'
  | 'kdf_params_out_of_range'
  | 'wrong_passphrase'
  | 'contents_invalid';

export class KeystoreError extends Error {
  constructor(
    readonly code: KeystoreErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'KeystoreError';
  }
}

export type PersonKeyErrorCode = 'malformed' | 'envelope_open_failed' | 'bad_wrap_signature' | 'wrap_open_failed' | 'wrap_binding_mismatch' | 'wrap_key_mismatch';

/** A person's key envelope or a membership wrap that does not open or does not verify: never used. */
export class PersonKeyError extends Error {
  constructor(
    readonly code: PersonKeyErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'PersonKeyError';
  }
}
