import { paeDecode } from './pae';
import { fromUtf8 } from './bytes';
import { DOMAIN } from './domains';
import { fail } from './envelope-checks';
import { DEK_BYTES, PAD_BLOCK_BYTES } from './envelope-format';
import { keyCommitment } from './envelope-pae';
import type { ParsedRecord } from './envelope-parse';
import type { BoxKeyPair, RecipientEntry, RecipientIdentity } from './envelope-types';
import { wipe } from './secure-memory';
import type { Sodium } from './sodium';

/** The wrap a reader will open, with the binding the wrap itself must repeat. */
export interface WrapToOpen extends RecipientEntry {
  wrap: Uint8Array;
}

/** The reader's own manifest entry; the server may withhold others' wraps but never ours. */
export function findOwnWrap(record: ParsedRecord, agencyId: string): WrapToOpen {
  const entry = record.wraps.find((w) => w.agencyId === agencyId);
  if (!entry) fail('not_a_recipient', 'this agency is not a recipient of the record');
  if (!entry.wrap) fail('wrap_withheld', "this agency's wrap was withheld (deleted or not delivered)");
  return { agencyId: entry.agencyId, epoch: entry.epoch, consentId: entry.consentId, wrap: entry.wrap };
}

/**
 * Opens a wrap and returns the DEK only if the wrap names exactly this record, agency, epoch and
 * consent (so the server cannot move wraps between records or entries) and the DEK matches the
 * signed key commitment (so the author cannot give different readers different plaintexts).
 * The caller owns the returned DEK and must wipe it.
 */
export async function unlockDek(
  sodium: Sodium,
  record: ParsedRecord,
  target: WrapToOpen,
  me: RecipientIdentity,
): Promise<Uint8Array> {
  const keyPair = await me.boxKeyPair(target.epoch);
  if (!keyPair) fail('recipient_key_unavailable', `no box key pair for epoch ${target.epoch}`);
  const plaintext = openSealedBox(sodium, target.wrap, keyPair);
  let dek: Uint8Array | undefined;
  try {
    dek = readBoundDek(plaintext, record.recordId, target);
    checkKeyCommitment(sodium, record, dek);
    return dek;
  } catch (error) {
    wipe(sodium, dek);
    throw error;
  } finally {
    wipe(sodium, plaintext);
  }
}

function openSealedBox(sodium: Sodium, wrap: Uint8Array, keyPair: BoxKeyPair): Uint8Array {
  try {
    return sodium.crypto_box_seal_open(wrap, keyPair.publicKey, keyPair.privateKey);
  } catch {
    return fail('wrap_open_failed', 'the wrap does not open with this agency key for that epoch');
  }
}

function readBoundDek(plaintext: Uint8Array, recordId: string, target: RecipientEntry): Uint8Array {
  const pieces = decodeWrapPieces(plaintext);
  const expected = [DOMAIN.wrap, recordId, target.agencyId, String(target.epoch), target.consentId ?? ''];
  const names = ['domain', 'recordId', 'agencyId', 'epoch', 'consentId'];
  expected.forEach((value, i) => {
    if (textOf(pieces[i]) !== value) fail('wrap_binding_mismatch', `the wrap's ${names[i]} differs from the envelope entry`);
  });
  if (pieces[5].length !== DEK_BYTES) fail('wrap_binding_mismatch', 'the wrapped key has the wrong length');
  return pieces[5];
}

function decodeWrapPieces(plaintext: Uint8Array): Uint8Array[] {
  let pieces: Uint8Array[] = [];
  try {
    pieces = paeDecode(plaintext);
  } catch {
    fail('wrap_binding_mismatch', 'the wrap content is not a v1 wrap encoding');
  }
  if (pieces.length !== 6) fail('wrap_binding_mismatch', 'the wrap content does not have 6 pieces');
  return pieces;
}

function textOf(piece: Uint8Array): string | undefined {
  try {
    return fromUtf8(piece);
  } catch {
    return undefined;
  }
}

function checkKeyCommitment(sodium: Sodium, record: ParsedRecord, dek: Uint8Array): void {
  const recomputed = keyCommitment(sodium, record.recordId, record.nonce, dek);
  if (!sodium.memcmp(recomputed, record.keyCommitment)) {
    fail('key_commitment_mismatch', 'the unwrapped key is not the key the author committed to');
  }
}

/** AEAD decryption with the header as associated data, then removal of the padding. */
export function decryptBody(sodium: Sodium, record: ParsedRecord, dek: Uint8Array): Uint8Array {
  let padded: Uint8Array;
  try {
    padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, record.ciphertext, record.header, record.nonce, dek);
  } catch {
    return fail('decrypt_failed', 'the ciphertext does not authenticate under this key and header');
  }
  try {
    return sodium.unpad(padded, PAD_BLOCK_BYTES);
  } catch {
    return fail('bad_padding', 'the decrypted body is not correctly padded');
  } finally {
    wipe(sodium, padded);
  }
}
