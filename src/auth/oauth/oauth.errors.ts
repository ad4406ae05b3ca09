/** RFC 6749 §5.2 error codes. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type';

/**
 * An error of the token endpoint, rendered as an RFC 6749 error body (not problem+json, which the
 * OAuth standard predates). Descriptions are generic: they never say which part of a credential
 * was wrong, nor whether an account exists.
 */
export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    /** Whether this failure counts toward the client's and the address's back-off. */
    readonly countsAsFailure: boolean,
    readonly usedBasicAuth = false,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  get status(): 400 | 401 {
    return this.code === 'invalid_client' ? 401 : 400;
  }

  static invalidRequest(description: string): OAuthError {
    return new OAuthError('invalid_request', description, false);
  }

  static invalidClient(usedBasicAuth = false): OAuthError {
    return new OAuthError('invalid_client', 'Client authentication failed.', true, usedBasicAuth);
  }

  static invalidGrant(): OAuthError {
    return new OAuthError('invalid_grant', 'The credentials or assertion are not valid.', true);
  }

  static unsupportedGrantType(supported: readonly string[]): OAuthError {
    return new OAuthError('unsupported_grant_type', `Supported grant types: ${supported.join(', ')}.`, false);
  }

  /** Client authentication failed only on the assertion's audience: say which are accepted (they are public, in the metadata). */
  static wrongAssertionAudience(accepted: readonly string[]): OAuthError {
    return new OAuthError('invalid_client', `Client authentication failed: the assertion's aud must be one of ${accepted.join(', ')}.`, true);
  }
}
