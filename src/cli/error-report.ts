import { CommanderError } from 'commander';
import {
  CcrApiError,
  CcrAuthError,
  CcrNetworkError,
  CcrProtocolError,
  CcrUsageError,
  EnvelopeError,
  KeyNotAvailable,
  KeyPinViolation,
  KeyRegistrationError,
  KeystoreError,
  KeystoreFileError,
  KeystoreOutOfDate,
  ReleaseNotUsable,
  ReleaseSignatureInvalid,
  UnexpectedRecord,
  NotAScreen,
  ScreenResultMismatch,
} from '../sdk';
import { TermsInvalid } from './commands/consent.draft';
import { LedgerVerificationFailed } from './commands/ledger.errors';
import { FileExistsError } from './file-io';
import { EXIT, type ExitCode } from './exit-codes';

export interface ErrorReport {
  exitCode: ExitCode;
  /** What failed, and what to do about it. Never secrets or plaintext. */
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

/** Who was signing in when it failed: a person (--user, CCRX_USER) or the keystore's service account. */
/** Who tried to sign in: a person by the person flow, or by the old password grant (CCRX_PASSWORD set; decision 0141), or the keystore's service account. */
export type Caller = { kind: 'person'; username: string; byPassword?: boolean } | { kind: 'service' };

/** Maps every error to an exit code and a message a person can act on. */
export function reportError(error: unknown, caller: Caller = { kind: 'service' }): ErrorReport {
  if (error instanceof CommanderError) return { exitCode: EXIT.usage, message: error.message.replace(/^error: /, '') };
  if (error instanceof TermsInvalid) return { exitCode: EXIT.usage, message: error.message, hint: 'ccrx consent record --help lists every term with its plain meaning', details: { problems: error.problems } };
  if (error instanceof CcrUsageError || error instanceof NotAScreen) return { exitCode: EXIT.usage, message: error.message };
  if (error instanceof ScreenResultMismatch) return { exitCode: EXIT.verification, message: `REFUSED: ${error.message}`, hint: "the author's client recorded a result its answers do not give; ask the author to screen again" };
  if (error instanceof CcrAuthError) return authReport(error, caller);
  if (error instanceof CcrApiError) return apiReport(error);
  if (error instanceof CcrNetworkError) {
    return { exitCode: EXIT.unreachable, message: error.message, hint: 'check --api (or CCRX_API) and that the service is running' };
  }
  if (error instanceof KeyPinViolation) return pinReport(error);
  if (error instanceof KeystoreError) return keystoreReport(error);
  if (error instanceof KeystoreFileError) return keystoreFileReport(error);
  if (error instanceof KeystoreOutOfDate) return { exitCode: EXIT.refused, message: error.message };
  if (error instanceof KeyNotAvailable) return { exitCode: EXIT.notFound, message: error.message };
  if (error instanceof EnvelopeError) {
    return { exitCode: EXIT.verification, message: `the record was refused: ${error.message}`, hint: 'nothing was decrypted; ask the sender to check the record and the keys you pinned for them' };
  }
  if (error instanceof ReleaseNotUsable) {
    return { exitCode: EXIT.refused, message: `refused: ${error.message}`, hint: "nothing was sealed or sent; check the survivor's releases on the case (ccrx consent list --case …)", details: { consentId: error.consentId, reason: error.reason } };
  }
  if (error instanceof ReleaseSignatureInvalid || error instanceof UnexpectedRecord) {
    return { exitCode: EXIT.verification, message: `REFUSED: ${error.message}`, hint: 'the server showed data your agency did not sign or ask for; report it to the CCR administrators' };
  }
  if (error instanceof KeyRegistrationError) return { exitCode: EXIT.verification, message: `a key registration does not verify: ${error.message}` };
  if (error instanceof CcrProtocolError) return { exitCode: EXIT.failure, message: error.message };
  if (error instanceof LedgerVerificationFailed) return { exitCode: EXIT.verification, message: error.message, details: error.details };
  if (error instanceof FileExistsError) return { exitCode: EXIT.refused, message: error.message };
  return fileOrUnknown(error);
}

function authReport(error: CcrAuthError, caller: Caller): ErrorReport {
  return {
    exitCode: error.status === 429 ? EXIT.refused : EXIT.authentication,
    message: error.message,
    hint: error.status === 429 ? 'too many sign-in attempts: wait a minute before trying again' : authHint(caller),
    details: { status: error.status, error: error.error, requestId: error.requestId },
  };
}

function authHint(caller: Caller): string {
  if (caller.kind === 'person' && caller.byPassword) {
    return `check the username (${caller.username}, from --user or CCRX_USER) and the password (CCRX_PASSWORD); if they are right, ask your agency's administrator whether your account is active`;
  }
  if (caller.kind === 'person') {
    return `check the username (${caller.username}, from --user or CCRX_USER) and your secret (CCRX_SECRET, or typed when asked) with a fresh authenticator code (CCRX_TOTP) — or the password, when CCRX_PASSWORD is set; if they are right, ask your agency's administrator whether your account is active`;
  }
  return "the keystore's service account signs in with a client assertion (private_key_jwt): check that the service account exists, is active, and has this keystore's client key registered (ccrx keys show); a person signs in with --user or CCRX_USER instead";
}

function apiReport(error: CcrApiError): ErrorReport {
  const details = { status: error.status, type: error.type, requestId: error.requestId, errors: error.errors.length > 0 ? error.errors : undefined };
  const fields = error.errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(', ');
  const message = fields ? `${error.message} [${fields}]` : error.message;
  if (error.status === 401) return { exitCode: EXIT.authentication, message, details };
  if (error.status === 404) return { exitCode: EXIT.notFound, message, details };
  if (error.status === 429) {
    return { exitCode: EXIT.refused, message, hint: error.retryAfterSeconds ? `try again in ${error.retryAfterSeconds} s` : undefined, details };
  }
  if (error.status >= 400 && error.status < 500) return { exitCode: EXIT.refused, message, details };
  if (error.status === 503) {
    return { exitCode: EXIT.unreachable, message, hint: `the service is unavailable for now (its database is away); try again${error.retryAfterSeconds ? ` in ${error.retryAfterSeconds} s` : ' later'}`, details };
  }
  return { exitCode: EXIT.failure, message, hint: `quote request id ${error.requestId} to the CCR administrators`, details };
}

function pinReport(error: KeyPinViolation): ErrorReport {
  return {
    exitCode: EXIT.verification,
    message: `REFUSED: ${error.message}`,
    hint:
      'nothing was sealed, opened or pinned. Call agency ' +
      `${error.agencyId} through a channel you trust and compare fingerprints. Only if they confirm a legitimate change: ` +
      `ccrx keys unpin --agency ${error.agencyId}, then ccrx keys pin --agency ${error.agencyId} --fingerprint "<their fingerprint>"`,
    details: { agencyId: error.agencyId, reason: error.reason, epoch: error.epoch, pinnedFingerprint: error.pinnedFingerprint, presentedFingerprint: error.presentedFingerprint },
  };
}

function keystoreReport(error: KeystoreError): ErrorReport {
  if (error.code === 'wrong_passphrase') {
    return {
      exitCode: EXIT.authentication,
      message: 'cannot open the keystore: the passphrase is wrong, or the keystore file was modified',
      hint: 'check CCRX_PASSPHRASE (or CCRX_PASSPHRASE_FILE) and --keystore',
    };
  }
  return { exitCode: EXIT.verification, message: `the keystore is damaged or not a ccrx keystore: ${error.message}` };
}

function keystoreFileError(error: KeystoreFileError): ExitCode {
  switch (error.code) {
    case 'not_found':
      return EXIT.notFound;
    case 'exists':
    case 'locked':
    case 'conflict':
      return EXIT.refused;
    case 'unreadable':
      return EXIT.failure;
  }
}

function keystoreFileReport(error: KeystoreFileError): ErrorReport {
  const hint = error.code === 'not_found' ? 'create one with ccrx keys init, or point --keystore (CCRX_KEYSTORE) at it' : undefined;
  return { exitCode: keystoreFileError(error), message: error.message, hint };
}

function fileOrUnknown(error: unknown): ErrorReport {
  const code = (error as { code?: unknown } | undefined)?.code;
  const path = (error as { path?: unknown } | undefined)?.path;
  if (code === 'ENOENT' && typeof path === 'string') return { exitCode: EXIT.notFound, message: `no such file: ${path}` };
  if (code === 'EACCES' && typeof path === 'string') return { exitCode: EXIT.failure, message: `permission denied: ${path}` };
  return { exitCode: EXIT.failure, message: 'unexpected error (run again with --debug for details)' };
}
