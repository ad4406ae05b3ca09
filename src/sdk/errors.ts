/**
 * Every error the SDK raises on purpose. Messages name what failed and what to do; they never
 * carry tokens, secrets, key material or plaintext, so callers may log them as they are.
 */
export class CcrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One offending field of a 422 answer (RFC 9457 extension used by the API). */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/** The RFC 9457 problem details the API answers with, as the SDK exposes them. */
export interface ApiProblem {
  status: number;
  type: string;
  title: string;
  detail: string;
  instance?: string;
  requestId: string;
  errors?: FieldProblem[];
  /** Members beyond RFC 9457's own (e.g. `reason`, `currentVersion`, `referralId`): ids and codes only. */
  extensions?: Record<string, unknown>;
}

/** The API refused or failed a request (problem+json, or any non-2xx the SDK could not read). */
export class CcrApiError extends CcrError {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly instance: string | undefined;
  readonly requestId: string;
  readonly errors: FieldProblem[];
  /** The problem's extension members, for callers that branch on them (see api/problems.ts). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Set on 429 (and 503) answers that carried Retry-After. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: ApiProblem, retryAfterSeconds?: number) {
    super(`${problem.status} ${problem.title}: ${problem.detail} (request ${problem.requestId})`);
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
    this.extensions = problem.extensions ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The token endpoint refused the credentials (RFC 6749 §5.2 error body). */
export class CcrAuthError extends CcrError {
  constructor(
    readonly status: number,
    /** RFC 6749 error code, e.g. invalid_client, invalid_grant. */
    readonly error: string,
    readonly description: string,
    readonly requestId: string,
  ) {
    super(`authentication failed (${error}): ${description} (request ${requestId})`);
  }
}

/** The API could not be reached, or did not answer in time, after the retries the request allowed. */
export class CcrNetworkError extends CcrError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly requestId: string,
    readonly attempts: number,
    readonly reason: 'unreachable' | 'timeout',
    cause?: string,
  ) {
    super(
      `${method} ${path} ${reason === 'timeout' ? 'timed out' : 'could not reach the API'}` +
        `${cause ? ` (${cause})` : ''} after ${attempts} attempt${attempts === 1 ? '' : 's'} (request ${requestId})`,
    );
  }
}

/** The API answered 2xx with something the SDK does not understand (wrong version, or a bug). */
export class CcrProtocolError extends CcrError {
  constructor(
    readonly requestId: string,
    detail: string,
  ) {
    super(`unexpected answer from the API: ${detail} (request ${requestId})`);
  }
}

/** The SDK was used in a way it cannot honour (missing keystore, bad recipient list...). */
export class CcrUsageError extends CcrError {}

/** Why a key listing was refused. Each one is a possible directory-substitution attack. */
export type KeyPinViolationReason =
  /** The listing contradicts itself or is not a dense chain of epochs from 1. */
  | 'listing_invalid'
  /** A registration's signatures or form do not verify (chain broken). */
  | 'registration_invalid'
  /** A pinned epoch now shows other keys. */
  | 'key_substituted'
  /** A pinned epoch is gone, or the listing is older than what was pinned (rollback). */
  | 'pinned_epoch_missing'
  /** A new epoch is not signed by the pinned previous epoch's key. */
  | 'bad_rotation_signature'
  /** The out-of-band fingerprint given by a person does not match the current epoch. */
  | 'fingerprint_mismatch'
  /** The directory shows keys for this very agency that differ from its own keystore. */
  | 'own_key_mismatch';

/**
 * The key directory presented keys that contradict what this client pinned (or what the keystore
 * holds). Nothing was sealed, opened or re-pinned. A person must compare fingerprints out of band.
 */
export class KeyPinViolation extends CcrError {
  constructor(
    readonly agencyId: string,
    readonly reason: KeyPinViolationReason,
    readonly epoch: number | null,
    detail: string,
    readonly pinnedFingerprint?: string,
    readonly presentedFingerprint?: string,
  ) {
    super(`key pin violation for agency ${agencyId}${epoch === null ? '' : ` epoch ${epoch}`} (${reason}): ${detail}`);
  }
}

/** Offline use needs keys that were never pinned (or the agency registered none). */
export class KeyNotAvailable extends CcrError {
  constructor(
    readonly agencyId: string,
    readonly epoch: number | null,
    detail: string,
  ) {
    super(detail);
  }
}

/** The keystore file could not be created, read, locked or written. */
export class KeystoreFileError extends CcrError {
  constructor(
    readonly code: 'exists' | 'not_found' | 'locked' | 'unreadable' | 'conflict',
    readonly path: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** The directory holds epochs of this agency the local keystore lacks (rotated from another copy). */
export class KeystoreOutOfDate extends CcrError {
  constructor(
    readonly agencyId: string,
    readonly localEpoch: number,
    readonly registeredEpoch: number,
  ) {
    super(
      `the key directory has epoch ${registeredEpoch} for agency ${agencyId} but this keystore stops at epoch ` +
        `${localEpoch}: another copy of the keystore rotated; use that copy (one keystore per agency)`,
    );
  }
}
