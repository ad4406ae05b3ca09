import type { Sodium } from './sodium';

/**
 * The one Ed25519 wrapper (RFC 8032, libsodium): the envelope, key registrations, statements and
 * the disclosure log's checkpoints and cosignatures all sign and verify through it. Every function
 * takes the libsodium instance from getSodium(), so callers that awaited it once stay synchronous.
 */

export const ED25519_SEED_BYTES = 32;
export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

export interface Ed25519KeyPair {
  readonly publicKey: Uint8Array;
  /** libsodium's 64-byte secret key (seed || public key). */
  readonly secretKey: Uint8Array;
}

/** The deterministic key pair of a 32-byte seed: same seed, same key. */
export function ed25519KeyPairFromSeed(sodium: Sodium, seed: Uint8Array): Ed25519KeyPair {
  if (seed.length !== ED25519_SEED_BYTES) throw new RangeError('an Ed25519 seed must be 32 bytes');
  const pair = sodium.crypto_sign_seed_keypair(seed);
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/** A detached signature over `message` (deterministic: same key and message, same signature). */
export function ed25519Sign(sodium: Sodium, message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return sodium.crypto_sign_detached(message, secretKey);
}

/** Detached verification that answers false, never throws, on malformed inputs (wrong lengths included). */
export function ed25519Verify(sodium: Sodium, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  try {
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}
