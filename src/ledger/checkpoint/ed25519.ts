import sodium from 'libsodium-wrappers-sumo';

export const ED25519_SEED_SIZE = 32;
export const ED25519_PUBLIC_KEY_SIZE = 32;
export const ED25519_SIGNATURE_SIZE = 64;

export interface Ed25519Keys {
  readonly publicKey: Buffer;
  /** libsodium's 64-byte secret key (seed || public key). */
  readonly secretKey: Uint8Array;
}

/**
 * libsodium loads asynchronously. Every signer and verifier is built by an async
 * factory that awaits this once, so their sign/verify methods can stay synchronous.
 */
export async function loadEd25519(): Promise<void> {
  await sodium.ready;
}

/** Deterministic Ed25519 key pair (RFC 8032) from a 32-byte seed. Requires loadEd25519(). */
export function ed25519KeysFromSeed(seed: Uint8Array): Ed25519Keys {
  if (seed.length !== ED25519_SEED_SIZE) throw new RangeError('an Ed25519 seed must be 32 bytes');
  const pair = sodium.crypto_sign_seed_keypair(seed);
  return { publicKey: Buffer.from(pair.publicKey), secretKey: pair.privateKey };
}

/** Ed25519 signature over `message`. Requires loadEd25519(). */
export function ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Buffer {
  return Buffer.from(sodium.crypto_sign_detached(message, secretKey));
}

/** Ed25519 verification; false (never an exception) for wrong-length input. Requires loadEd25519(). */
export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_SIZE || publicKey.length !== ED25519_PUBLIC_KEY_SIZE) return false;
  return sodium.crypto_sign_verify_detached(signature, message, publicKey);
}
