import { fromBase64Strict, toBase64 } from '../base64';
import { PAD_BLOCK_BYTES } from '../envelope-format';
import { hash32, recordHeader, wrapPlaintext } from '../envelope-pae';
import type { DeliveredRecordV1, RecipientEntry, SealedRecordV1, WrapEntryV1 } from '../envelope-types';
import { getSodium, type Sodium } from '../sodium';
import { resign } from '../testing/fixtures';
import { byLabel, keysOf } from './vector-agencies';
import type { InvalidEnvelopeVector, ValidEnvelopeVector, VectorAgency } from './vector-types';

const OTHER_RECORD_ID = '0e2f4a6c-8b1d-4f3e-9a5c-7b9d1f3a5c7e';
const READER = 'advocacy';

/** What every defect is derived from: the first valid vector, its author key and one reader. */
interface Base {
  sodium: Sodium;
  valid: ValidEnvelopeVector;
  envelope: SealedRecordV1;
  authorSecretKey: Uint8Array;
  otherSecretKey: Uint8Array;
  readerBox: Uint8Array;
  readerIndex: number;
  dek: Uint8Array;
}

/**
 * Envelopes every implementation must refuse, each derived from the first valid vector. Where
 * the defect is not the signature itself, the author re-signs the defective envelope, so the
 * vector fails for its stated reason whatever order an implementation checks things in.
 */
export async function invalidEnvelopeVectors(agencies: VectorAgency[], valid: ValidEnvelopeVector): Promise<InvalidEnvelopeVector[]> {
  const sodium = await getSodium();
  const reader = byLabel(agencies, READER);
  const base: Base = {
    sodium,
    valid,
    envelope: valid.envelope,
    authorSecretKey: (await keysOf(byLabel(agencies, 'police'))).sign.privateKey,
    otherSecretKey: (await keysOf(byLabel(agencies, 'prosecution'))).sign.privateKey,
    readerBox: (await keysOf(reader)).box.publicKey,
    readerIndex: valid.envelope.wraps.findIndex((w) => w.agencyId === reader.agencyId),
    dek: sodium.from_hex(valid.input.dek),
  };
  return [...(await formatVectors(base)), ...(await recipientSetVectors(base)), ...(await signatureVectors(base)), ...(await readerVectors(base))];
}

function verify(name: string, expectedError: string, envelope: InvalidEnvelopeVector['envelope']): InvalidEnvelopeVector {
  return { name, check: 'verify', envelope, expectedError };
}

function openAs(as: string, name: string, expectedError: string, envelope: InvalidEnvelopeVector['envelope']): InvalidEnvelopeVector {
  return { name, check: 'open', as, envelope, expectedError };
}

function signed(base: Base, envelope: SealedRecordV1): Promise<SealedRecordV1> {
  return resign(envelope, base.authorSecretKey);
}

async function formatVectors(base: Base): Promise<InvalidEnvelopeVector[]> {
  const { envelope, valid } = base;
  const ciphertext = base.sodium.from_hex(valid.expected.ciphertext);
  const urlSafe = base.sodium.to_base64(ciphertext, base.sodium.base64_variants.URLSAFE_NO_PADDING);
  const readerWrap = fromBase64Strict(envelope.wraps[base.readerIndex].wrap) as Uint8Array;
  return [
    verify('version 2', 'unsupported_version', await signed(base, { ...envelope, v: 2 as 1 })),
    verify('unknown suite', 'unsupported_suite', await signed(base, { ...envelope, suite: 'ccr2' as 'ccr1' })),
    verify('unknown field', 'malformed', { ...(await signed(base, envelope)), note: 'x' }),
    verify('uppercase record id', 'malformed', await signed(base, { ...envelope, recordId: envelope.recordId.toUpperCase() })),
    verify('nonce of 23 bytes', 'malformed', await signed(base, { ...envelope, nonce: toBase64(base.sodium.from_hex(valid.input.nonce).subarray(1)) })),
    verify('ciphertext in URL-safe base64 without padding', 'malformed', { ...envelope, ciphertext: urlSafe }),
    verify('ciphertext not whole padding blocks', 'malformed', await signed(base, { ...envelope, ciphertext: toBase64(ciphertext.subarray(1)) })),
    verify('wrap one byte short', 'malformed', await withReaderWrap(base, toBase64(readerWrap.subarray(1)))),
    { ...verify('more wraps than the limit', 'too_large', envelope), limits: { maxCiphertextBytes: 1 << 20, maxWraps: 2 } },
    { ...verify('ciphertext above the limit', 'too_large', envelope), limits: { maxCiphertextBytes: 256, maxWraps: 64 } },
    verify('an upload with a withheld wrap', 'malformed', withheld(base.sodium, envelope, base.readerIndex)),
  ];
}

async function recipientSetVectors(base: Base): Promise<InvalidEnvelopeVector[]> {
  const { envelope } = base;
  const wraps = envelope.wraps;
  const readerEntry = wraps[base.readerIndex];
  const unconsented = sealedForReader(base, { ...readerEntry, consentId: null }, base.dek);
  return [
    verify('wraps in descending agency order', 'wraps_not_canonical', await signed(base, { ...envelope, wraps: [...wraps].reverse() })),
    verify('the same agency twice', 'duplicate_recipient', await signed(base, { ...envelope, wraps: [...wraps, wraps[wraps.length - 1]] })),
    verify(
      'author not a recipient',
      'author_not_recipient',
      await signed(base, { ...envelope, wraps: wraps.filter((w) => w.agencyId !== envelope.authorAgencyId) }),
    ),
    verify('another agency without a consent', 'consent_binding_invalid', await withReaderWrap(base, unconsented, { consentId: null })),
  ];
}

async function signatureVectors(base: Base): Promise<InvalidEnvelopeVector[]> {
  const { envelope } = base;
  const signature = fromBase64Strict(envelope.signature) as Uint8Array;
  signature[0] ^= 0x01;
  return [
    verify('signature with a flipped byte', 'bad_signature', { ...envelope, signature: toBase64(signature) }),
    verify("signed with another agency's key", 'bad_signature', await resign(envelope, base.otherSecretKey)),
    verify('signer epoch without a registered key', 'unknown_signing_key', await signed(base, { ...envelope, signerEpoch: 7 })),
  ];
}

async function readerVectors(base: Base): Promise<InvalidEnvelopeVector[]> {
  const { sodium, envelope, dek } = base;
  const readerEntry = envelope.wraps[base.readerIndex];
  const wrapLength = (fromBase64Strict(readerEntry.wrap) as Uint8Array).length;
  const otherHeader = recordHeader({ ...envelope, category: 'legal' });
  return [
    openAs('outsider', 'opened by an agency that is not a recipient', 'not_a_recipient', envelope),
    openAs(READER, "reader's own wrap withheld", 'wrap_withheld', withheld(base.sodium, envelope, base.readerIndex)),
    openAs(READER, 'reader wrap is random bytes of the right length', 'wrap_open_failed', await withReaderWrap(base, toBase64(sodium.randombytes_buf(wrapLength)))),
    openAs(READER, 'reader wrap bound to another record', 'wrap_binding_mismatch', await withReaderWrap(base, sealedForReader(base, readerEntry, dek, OTHER_RECORD_ID))),
    openAs(READER, 'reader wrap carries a different DEK', 'key_commitment_mismatch', await withReaderWrap(base, sealedForReader(base, readerEntry, hash32(sodium, dek)))),
    openAs(READER, 'ciphertext authenticated under another header', 'decrypt_failed', await reencrypted(base, sodium.pad(new Uint8Array(0), PAD_BLOCK_BYTES), otherHeader)),
    openAs(READER, 'authentic body without valid padding', 'bad_padding', await reencrypted(base, new Uint8Array(PAD_BLOCK_BYTES), recordHeader(envelope))),
  ];
}

function withReaderWrap(base: Base, wrap: string, change: Partial<WrapEntryV1> = {}): Promise<SealedRecordV1> {
  const wraps = base.envelope.wraps.map((w, i) => (i === base.readerIndex ? { ...w, ...change, wrap } : w));
  return signed(base, { ...base.envelope, wraps });
}

/** A wrap sealed to the reader by a malicious author, with whatever binding and key it likes. */
function sealedForReader(base: Base, entry: RecipientEntry, key: Uint8Array, recordId = base.envelope.recordId): string {
  return toBase64(base.sodium.crypto_box_seal(wrapPlaintext(recordId, entry, key), base.readerBox));
}

/** The envelope's own DEK and nonce over another plaintext or header, signed by the author. */
function reencrypted(base: Base, plaintext: Uint8Array, header: Uint8Array): Promise<SealedRecordV1> {
  const nonce = base.sodium.from_hex(base.valid.input.nonce);
  const ciphertext = base.sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, header, null, nonce, base.dek);
  return signed(base, { ...base.envelope, ciphertext: toBase64(ciphertext) });
}

function withheld(sodium: Sodium, envelope: SealedRecordV1, index: number): DeliveredRecordV1 {
  return {
    ...envelope,
    wraps: envelope.wraps.map((w, i) => {
      if (i !== index) return w;
      const { wrap, ...entry } = w;
      return { ...entry, wrapHash: toBase64(hash32(sodium, fromBase64Strict(wrap) as Uint8Array)) };
    }),
  };
}

