import { EnvelopeError, type EnvelopeErrorCode } from '../crypto';
import { EnvelopeRejectedError } from '../records/records.errors';

/** Which member of the uploaded object a crypto refusal is about (`prefix` is envelope or share). */
function fieldOf(code: EnvelopeErrorCode, message: string, prefix: string): string {
  switch (code) {
    case 'unsupported_version':
      return `${prefix}.v`;
    case 'unsupported_suite':
      return `${prefix}.suite`;
    case 'too_large':
      return message.includes('ciphertext') ? `${prefix}.ciphertext` : `${prefix}.wraps`;
    case 'wraps_not_canonical':
    case 'duplicate_recipient':
    case 'author_not_recipient':
    case 'consent_binding_invalid':
      return `${prefix}.wraps`;
    case 'unknown_signing_key':
      return prefix === 'share' ? 'share.sharerEpoch' : 'envelope.signerEpoch';
    case 'bad_signature':
    case 'bad_share_signature':
      return `${prefix}.signature`;
    case 'share_mismatch':
      return 'share.recordId';
    case 'already_recipient':
      return 'share.agencyId';
    case 'sharer_not_recipient':
      return 'share.sharerAgencyId';
    default:
      return prefix;
  }
}

/** The crypto module's message without its "code: " prefix (it names checks and fields only). */
function detailOf(error: EnvelopeError): string {
  const prefix = `${error.code}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** Runs a src/crypto verification; its refusal becomes a 422 carrying the crypto reason code. */
export async function refusingAsProblem<T>(prefix: 'envelope' | 'share', verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    if (error instanceof EnvelopeError) throw new EnvelopeRejectedError(error.code, detailOf(error), fieldOf(error.code, error.message, prefix));
    throw error;
  }
}
