import type { Sodium } from './sodium';

/** Ed25519 detached verification that answers false, never throws, on malformed inputs. */
export function signatureVerifies(sodium: Sodium, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}
