import { fail } from './envelope-checks';
import { SIGN_PUBLIC_KEY_BYTES } from './envelope-format';
import { recordManifest } from './envelope-pae';
import type { ParsedRecord } from './envelope-parse';
import type { SigningKeyLookup } from './envelope-types';
import type { Sodium } from './sodium';
import type { EnvelopeErrorCode } from './errors';
import { ed25519Verify } from './signatures';

/** Resolves a signer's registered key; an unknown or malformed key is a refusal, never a skip. */
export async function resolveSigningKey(
  signingKeys: SigningKeyLookup,
  agencyId: string,
  epoch: number,
): Promise<Uint8Array> {
  const publicKey = await signingKeys(agencyId, epoch);
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== SIGN_PUBLIC_KEY_BYTES) {
    fail('unknown_signing_key', 'no registered signing key for that agency and epoch');
  }
  return publicKey;
}

export function verifyDetached(
  sodium: Sodium,
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
  code: EnvelopeErrorCode,
  what: string,
): void {
  if (!ed25519Verify(sodium, signature, message, publicKey)) fail(code, `${what} does not verify`);
}

/** The author's signature covers the header, ciphertext hash, key commitment and every wrap. */
export async function verifyAuthorSignature(
  sodium: Sodium,
  record: ParsedRecord,
  signingKeys: SigningKeyLookup,
): Promise<void> {
  const publicKey = await resolveSigningKey(signingKeys, record.authorAgencyId, record.signerEpoch);
  verifyDetached(sodium, record.signature, recordManifest(record), publicKey, 'bad_signature', "the author's signature");
}
