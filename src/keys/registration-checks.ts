import { canonicalJson, KeyRegistrationError, verifyKeyRegistration, type VerifiedKeyRegistration } from '../crypto';
import { KeyRegistrationRejectedError } from './keys.errors';

/** How far ahead of the server's clock a registration's createdAt may be (clock skew). */
export const CREATED_AT_MAX_SKEW_MS = 5 * 60 * 1000;

const FIELDS = ['signPublicKey', 'boxPublicKey', 'selfSignature', 'rotationSignature', 'previousEpoch', 'createdAt', 'agencyId', 'epoch'] as const;

/** The body field a crypto refusal is about, so the problem names it like any validation error. */
function fieldOf(error: KeyRegistrationError): string {
  switch (error.code) {
    case 'unsupported_version':
      return 'v';
    case 'unsupported_suite':
      return 'suite';
    case 'bad_self_signature':
      return 'selfSignature';
    case 'bad_rotation_signature':
    case 'rotation_key_required':
      return 'rotationSignature';
    case 'invalid_public_key':
      // Includes "a rotation must introduce a new signing key", which names no field.
      return error.message.includes('boxPublicKey') ? 'boxPublicKey' : 'signPublicKey';
    default:
      return FIELDS.find((field) => error.message.includes(field)) ?? 'registration';
  }
}

function messageOf(error: KeyRegistrationError): string {
  return error.message.startsWith(`${error.code}: `) ? error.message.slice(error.code.length + 2) : error.message;
}

/**
 * Runs src/crypto's verification and turns its refusal into a 422 with the crypto reason code.
 * For a rotation, `previousSignPublicKey` comes from the directory, never from the request.
 */
export async function verifyRegistration(wire: Record<string, unknown>, previousSignPublicKey: Uint8Array | null): Promise<VerifiedKeyRegistration> {
  try {
    return await verifyKeyRegistration(wire, previousSignPublicKey);
  } catch (error) {
    if (error instanceof KeyRegistrationError) throw new KeyRegistrationRejectedError(error.code, messageOf(error), fieldOf(error));
    throw error;
  }
}

/**
 * Everything that can be checked without the directory: form, keys, the self-signature. A
 * rotation's signature needs the previous epoch's registered key, which is checked under the
 * agency's lock; here its absence (rotation_key_required) is the only refusal tolerated.
 */
export async function checkRegistrationAlone(wire: Record<string, unknown>): Promise<void> {
  try {
    await verifyKeyRegistration(wire, null);
  } catch (error) {
    if (error instanceof KeyRegistrationError && error.code === 'rotation_key_required') return;
    if (error instanceof KeyRegistrationError) throw new KeyRegistrationRejectedError(error.code, messageOf(error), fieldOf(error));
    throw error;
  }
}

/** The directory's own rules about the registration's createdAt (the agency's signed claim). */
export function checkCreatedAt(createdAt: string, previousCreatedAt: string | null, now: Date): void {
  if (Date.parse(createdAt) > now.getTime() + CREATED_AT_MAX_SKEW_MS) {
    throw new KeyRegistrationRejectedError('created_in_future', 'createdAt is later than the server clock allows', 'createdAt');
  }
  if (previousCreatedAt !== null && Date.parse(createdAt) < Date.parse(previousCreatedAt)) {
    throw new KeyRegistrationRejectedError('created_before_previous', "createdAt is earlier than the previous epoch's createdAt", 'createdAt');
  }
}

/** A retry is recognised byte for byte: the same signed statement, field for field. */
export function sameRegistration(stored: Record<string, unknown>, wire: Record<string, unknown>): boolean {
  return canonicalJson(stored) === canonicalJson(wire);
}
