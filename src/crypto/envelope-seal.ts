import { toBase64 } from './base64';
import { byAgencyId, checkMetadata, checkRecipientSet, fail } from './envelope-checks';
import {
  BOX_PUBLIC_KEY_BYTES,
  DEK_BYTES,
  ENVELOPE_VERSION,
  NONCE_BYTES,
  PAD_BLOCK_BYTES,
  SIGN_SECRET_KEY_BYTES,
  SUITE_CCR1,
} from './envelope-format';
import { hash32, keyCommitment, recordHeader, recordManifest, wrapPlaintext } from './envelope-pae';
import type { RecipientInput, SealedRecordV1, SealOptions, SealRecordInput, WrapEntryV1 } from './envelope-types';
import { isEpoch } from './identifiers';
import { wipe } from './secure-memory';
import { ed25519Sign } from './signatures';
import { getSodium, type Sodium } from './sodium';

/**
 * Seals a record version for its recipients and signs it as the author agency. A fresh DEK and
 * nonce are drawn for every call: a new version of a record is a new seal, never a re-use.
 */
export async function sealRecord(input: SealRecordInput, options: SealOptions = {}): Promise<SealedRecordV1> {
  const sodium = await getSodium();
  checkSealInput(input);
  const recipients = [...input.recipients].sort(byAgencyId);
  checkRecipientSet(recipients, input.authorAgencyId);
  // An injected DEK is copied so that wiping ours never destroys the caller's test fixture.
  const dek = options.dek
    ? Uint8Array.from(checkLength(options.dek, DEK_BYTES, 'dek'))
    : sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
  const nonce = options.nonce ? checkLength(options.nonce, NONCE_BYTES, 'nonce') : sodium.randombytes_buf(NONCE_BYTES);
  try {
    return sealWithKey(sodium, input, recipients, dek, nonce);
  } finally {
    wipe(sodium, dek);
  }
}

function sealWithKey(
  sodium: Sodium,
  input: SealRecordInput,
  recipients: readonly RecipientInput[],
  dek: Uint8Array,
  nonce: Uint8Array,
): SealedRecordV1 {
  const header = recordHeader(input);
  const ciphertext = encryptBody(sodium, input.body, header, nonce, dek);
  const commitment = keyCommitment(sodium, input.recordId, nonce, dek);
  const wraps = recipients.map((recipient) => sealWrap(sodium, input.recordId, recipient, dek));
  const manifest = recordManifest({
    header,
    nonce,
    ciphertextHash: hash32(sodium, ciphertext),
    keyCommitment: commitment,
    signerEpoch: input.author.epoch,
    wraps: wraps.map((w) => ({ ...w.entry, wrapHash: hash32(sodium, w.bytes) })),
  });
  const signature = ed25519Sign(sodium, manifest, input.author.signSecretKey);
  return {
    v: ENVELOPE_VERSION,
    suite: SUITE_CCR1,
    recordId: input.recordId,
    caseId: input.caseId,
    category: input.category,
    authorAgencyId: input.authorAgencyId,
    createdAt: input.createdAt,
    supersedes: input.supersedes,
    signerEpoch: input.author.epoch,
    nonce: toBase64(nonce),
    ciphertext: toBase64(ciphertext),
    keyCommitment: toBase64(commitment),
    wraps: wraps.map((w): WrapEntryV1 => ({ ...w.entry, wrap: toBase64(w.bytes) })),
    signature: toBase64(signature),
  };
}

/** Pads (length hiding), then encrypts with the header as associated data. */
export function encryptBody(sodium: Sodium, body: Uint8Array, header: Uint8Array, nonce: Uint8Array, dek: Uint8Array): Uint8Array {
  const padded = sodium.pad(body, PAD_BLOCK_BYTES);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, header, null, nonce, dek);
  } finally {
    wipe(sodium, padded);
  }
}

export function sealWrap(sodium: Sodium, recordId: string, recipient: RecipientInput, dek: Uint8Array): { entry: Omit<WrapEntryV1, 'wrap'>; bytes: Uint8Array } {
  const entry = { agencyId: recipient.agencyId, epoch: recipient.epoch, consentId: recipient.consentId };
  const plaintext = wrapPlaintext(recordId, entry, dek);
  try {
    return { entry, bytes: sodium.crypto_box_seal(plaintext, recipient.boxPublicKey) };
  } catch {
    // libsodium refuses low-order keys (an all-zero shared secret would make the wrap public).
    return fail('malformed', 'a recipient box public key is not a usable X25519 key');
  } finally {
    wipe(sodium, plaintext);
  }
}

function checkSealInput(input: SealRecordInput): void {
  checkMetadata(input);
  if (!(input.body instanceof Uint8Array)) fail('malformed', 'body must be a Uint8Array');
  if (!isEpoch(input.author.epoch)) fail('malformed', 'author.epoch must be an integer >= 1');
  checkLength(input.author.signSecretKey, SIGN_SECRET_KEY_BYTES, 'author.signSecretKey');
  input.recipients.forEach((r, i) => checkLength(r.boxPublicKey, BOX_PUBLIC_KEY_BYTES, `recipients[${i}].boxPublicKey`));
}

function checkLength(bytes: Uint8Array, length: number, field: string): Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) fail('malformed', `${field} must be ${length} bytes`);
  return bytes;
}
