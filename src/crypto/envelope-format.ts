import { DOMAIN } from './domains';
import { utf8 } from './bytes';
import { paeLength } from './pae';

/** Wire-format constants of envelope v1 / suite ccr1. Changing any of them is a new suite. */
export const ENVELOPE_VERSION = 1;
export const SUITE_CCR1 = 'ccr1';

/**
 * Bodies are padded (ISO/IEC 7816-4, sodium.pad) to a multiple of 256 bytes, so the server and
 * anyone watching storage learn a note's size only to 256-byte granularity. Small enough that a
 * one-line status update stays one block; a 64 KiB attachment-free note wastes < 0.4 %.
 */
export const PAD_BLOCK_BYTES = 256;

export const DEK_BYTES = 32;
export const NONCE_BYTES = 24;
export const AEAD_TAG_BYTES = 16;
export const HASH_BYTES = 32;
export const KEY_COMMITMENT_BYTES = 32;
export const SIGNATURE_BYTES = 64;
export const SIGN_PUBLIC_KEY_BYTES = 32;
export const SIGN_SECRET_KEY_BYTES = 64;
export const BOX_PUBLIC_KEY_BYTES = 32;
export const BOX_SECRET_KEY_BYTES = 32;
/** crypto_box_seal overhead: 32-byte ephemeral public key + 16-byte Poly1305 tag. */
export const SEALBOX_OVERHEAD_BYTES = 48;

/** Exact plaintext length of a wrap: every field's length is known from public metadata. */
export function wrapPlaintextLength(recordId: string, agencyId: string, epoch: number, consentId: string | null): number {
  return paeLength([
    utf8(DOMAIN.wrap).length,
    utf8(recordId).length,
    utf8(agencyId).length,
    utf8(String(epoch)).length,
    utf8(consentId ?? '').length,
    DEK_BYTES,
  ]);
}

/** Exact byte length of a sealed wrap, so the server can refuse odd-sized wraps without keys. */
export function expectedWrapLength(recordId: string, agencyId: string, epoch: number, consentId: string | null): number {
  return SEALBOX_OVERHEAD_BYTES + wrapPlaintextLength(recordId, agencyId, epoch, consentId);
}

/** A v1 ciphertext is always whole padding blocks plus the AEAD tag; anything else is forged. */
export function isValidCiphertextLength(length: number): boolean {
  const padded = length - AEAD_TAG_BYTES;
  return padded >= PAD_BLOCK_BYTES && padded % PAD_BLOCK_BYTES === 0;
}
