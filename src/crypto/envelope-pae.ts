import { DOMAIN } from './domains';
import { ENVELOPE_VERSION, HASH_BYTES, KEY_COMMITMENT_BYTES, SUITE_CCR1 } from './envelope-format';
import type { RecipientEntry, RecordMetadata } from './envelope-types';
import { pae } from './pae';
import type { Sodium } from './sodium';

/** The exact byte strings of envelope v1: every hash, MAC, AAD and signature input is built here. */

export function hash32(sodium: Sodium, bytes: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(HASH_BYTES, bytes, null);
}

/** AEAD associated data: binds the ciphertext to every clear metadata field. */
export function recordHeader(metadata: RecordMetadata): Uint8Array {
  return pae([
    DOMAIN.header,
    String(ENVELOPE_VERSION),
    SUITE_CCR1,
    metadata.recordId,
    metadata.caseId,
    metadata.category,
    metadata.authorAgencyId,
    metadata.createdAt,
    metadata.supersedes ?? '',
  ]);
}

/**
 * BLAKE2b keyed with the DEK. Poly1305 is not key-committing; this value is, so a reader that
 * recomputes it knows it holds the one DEK the author signed for.
 */
export function keyCommitment(sodium: Sodium, recordId: string, nonce: Uint8Array, dek: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(KEY_COMMITMENT_BYTES, pae([DOMAIN.keyCommitment, recordId, nonce]), dek);
}

/** Plaintext sealed to a recipient: the DEK plus where it is allowed to be used. */
export function wrapPlaintext(recordId: string, entry: RecipientEntry, dek: Uint8Array): Uint8Array {
  return pae([DOMAIN.wrap, recordId, entry.agencyId, String(entry.epoch), entry.consentId ?? '', dek]);
}

export interface ManifestInput {
  header: Uint8Array;
  nonce: Uint8Array;
  ciphertextHash: Uint8Array;
  keyCommitment: Uint8Array;
  signerEpoch: number;
  wraps: readonly (RecipientEntry & { wrapHash: Uint8Array })[];
}

/** What the author signs: the header, the ciphertext by hash and every wrap by hash. */
export function recordManifest(input: ManifestInput): Uint8Array {
  const wrapPieces = input.wraps.flatMap((w) => [w.agencyId, String(w.epoch), w.consentId ?? '', w.wrapHash]);
  return pae([
    DOMAIN.manifest,
    input.header,
    input.nonce,
    input.ciphertextHash,
    input.keyCommitment,
    String(input.signerEpoch),
    String(input.wraps.length),
    ...wrapPieces,
  ]);
}

export interface ShareStatementInput {
  recordId: string;
  keyCommitment: Uint8Array;
  agencyId: string;
  epoch: number;
  consentId: string;
  wrapHash: Uint8Array;
}

/** What a custodian signs when it adds a newly consented agency to an existing record. */
export function shareStatement(input: ShareStatementInput): Uint8Array {
  return pae([
    DOMAIN.share,
    input.recordId,
    input.keyCommitment,
    input.agencyId,
    String(input.epoch),
    input.consentId,
    input.wrapHash,
  ]);
}
