import type { AgencyKeyEpoch } from './agency-keys';
import { fromUtf8, utf8 } from './bytes';
import { decodeBase64Exact, fromBase64Strict, toBase64 } from './base64';
import { DOMAIN } from './domains';
import { KeystoreError, type KeystoreErrorCode } from './errors';
import { isEpoch, isIsoUtcMillis, isPlainRecord, isUuid, unexpectedKeys } from './identifiers';
import { pae } from './pae';
import { wipe } from './secure-memory';
import { getSodium, type Sodium } from './sodium';

/** Everything an agency client keeps secret on disk. `extra` is opaque (e.g. SDK credentials). */
export interface KeystoreContents {
  agencyId: string;
  epochs: AgencyKeyEpoch[];
  extra: Record<string, unknown>;
}

export interface KeystoreKdfParams {
  alg: 'argon2id13';
  opslimit: number;
  memlimit: number;
  salt: string;
}

export interface KeystoreFileV1 {
  v: 1;
  kdf: KeystoreKdfParams;
  nonce: string;
  ciphertext: string;
}

/** libsodium's presets. MODERATE (~1 s, 256 MiB) by default; INTERACTIVE is for tests. */
export type KdfStrength = 'interactive' | 'moderate' | 'sensitive';

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const NONCE_BYTES = 24;
const KDF_ALG = 'argon2id13';

/** Encrypts the contents under a key derived from the passphrase with Argon2id. */
export async function createKeystore(
  contents: KeystoreContents,
  passphrase: string | Uint8Array,
  options: { strength?: KdfStrength } = {},
): Promise<KeystoreFileV1> {
  const sodium = await getSodium();
  checkContents(sodium, contents);
  const kdf: ParsedKdf = { ...kdfPreset(sodium, options.strength ?? 'moderate'), salt: sodium.randombytes_buf(SALT_BYTES) };
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  const key = deriveKey(sodium, passphrase, kdf);
  const plaintext = utf8(JSON.stringify(serializeContents(sodium, contents)));
  try {
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, kdfAad(kdf), null, nonce, key);
    const params: KeystoreKdfParams = { alg: KDF_ALG, opslimit: kdf.opslimit, memlimit: kdf.memlimit, salt: toBase64(kdf.salt) };
    return { v: 1, kdf: params, nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) };
  } finally {
    wipe(sodium, key, plaintext);
  }
}

/** Decrypts a keystore file. A wrong passphrase and a modified file are indistinguishable by design. */
export async function openKeystore(file: unknown, passphrase: string | Uint8Array): Promise<KeystoreContents> {
  const sodium = await getSodium();
  const parsed = parseFile(sodium, file);
  const key = deriveKey(sodium, passphrase, parsed.kdf);
  let plaintext: Uint8Array;
  try {
    plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, parsed.ciphertext, kdfAad(parsed.kdf), parsed.nonce, key);
  } catch {
    return fail('wrong_passphrase', 'the passphrase is wrong, or the keystore file was modified');
  } finally {
    wipe(sodium, key);
  }
  try {
    return deserializeContents(sodium, plaintext);
  } finally {
    wipe(sodium, plaintext);
  }
}

/** Zeroes every secret key in opened contents once the caller is done with them. */
export async function wipeKeystoreContents(contents: KeystoreContents): Promise<void> {
  const sodium = await getSodium();
  for (const epoch of contents.epochs) wipe(sodium, epoch.sign.privateKey, epoch.box.privateKey);
}

/** KDF parameters once validated, salt decoded. */
interface ParsedKdf {
  opslimit: number;
  memlimit: number;
  salt: Uint8Array;
}

// The AAD binds every KDF parameter: editing the file's cost or salt fails authentication
// instead of silently deriving a different (possibly weaker) key.
function kdfAad(kdf: ParsedKdf): Uint8Array {
  return pae([DOMAIN.keystore, '1', KDF_ALG, String(kdf.opslimit), String(kdf.memlimit), kdf.salt]);
}

function deriveKey(sodium: Sodium, passphrase: string | Uint8Array, kdf: ParsedKdf): Uint8Array {
  // NFC so that the same passphrase typed on different systems derives the same key.
  const secret = typeof passphrase === 'string' ? utf8(passphrase.normalize('NFC')) : passphrase;
  try {
    if (secret.length === 0) fail('wrong_passphrase', 'the passphrase is empty');
    return sodium.crypto_pwhash(KEY_BYTES, secret, kdf.salt, kdf.opslimit, kdf.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  } finally {
    // Our own UTF-8 copy only: a caller's Uint8Array passphrase is theirs to wipe.
    if (secret !== passphrase) wipe(sodium, secret);
  }
}

function kdfPreset(sodium: Sodium, strength: KdfStrength): { opslimit: number; memlimit: number } {
  switch (strength) {
    case 'interactive':
      return { opslimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE, memlimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE };
    case 'moderate':
      return { opslimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE, memlimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE };
    case 'sensitive':
      return { opslimit: sodium.crypto_pwhash_OPSLIMIT_SENSITIVE, memlimit: sodium.crypto_pwhash_MEMLIMIT_SENSITIVE };
  }
}

function parseFile(sodium: Sodium, file: unknown) {
  if (!isPlainRecord(file)) fail('malformed', 'keystore must be a JSON object');
  if (file.v !== 1) fail('unsupported_version', 'only keystore version 1 is supported');
  if (unexpectedKeys(file, ['v', 'kdf', 'nonce', 'ciphertext']).length > 0) fail('malformed', 'unexpected keystore field');
  return {
    kdf: parseKdf(sodium, file.kdf),
    nonce: decodeBase64Exact(file.nonce, NONCE_BYTES) ?? fail('malformed', `nonce must be ${NONCE_BYTES} bytes`),
    ciphertext:
      (typeof file.ciphertext === 'string' ? fromBase64Strict(file.ciphertext) : undefined) ??
      fail('malformed', 'ciphertext must be canonical base64'),
  };
}

/**
 * Bounds are checked before deriving: a tampered file could otherwise demand gigabytes of memory
 * (denial of service) or costs below libsodium's interactive floor.
 */
function parseKdf(sodium: Sodium, kdf: unknown): ParsedKdf {
  if (!isPlainRecord(kdf) || unexpectedKeys(kdf, ['alg', 'opslimit', 'memlimit', 'salt']).length > 0) {
    fail('malformed', 'kdf must be { alg, opslimit, memlimit, salt }');
  }
  if (kdf.alg !== KDF_ALG) fail('kdf_params_out_of_range', "kdf.alg must be 'argon2id13'");
  const { opslimit, memlimit } = kdf;
  const opsOk = isWithin(opslimit, sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE, 2 * sodium.crypto_pwhash_OPSLIMIT_SENSITIVE);
  const memOk = isWithin(memlimit, sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE, sodium.crypto_pwhash_MEMLIMIT_SENSITIVE);
  if (!opsOk || !memOk) fail('kdf_params_out_of_range', 'kdf cost parameters are outside the accepted range');
  const salt = decodeBase64Exact(kdf.salt, SALT_BYTES) ?? fail('malformed', `kdf.salt must be ${SALT_BYTES} bytes`);
  return { opslimit, memlimit, salt };
}

interface StoredEpoch {
  epoch: number;
  createdAt: string;
  signPublicKey: string;
  signSecretKey: string;
  boxPublicKey: string;
  boxSecretKey: string;
}

function serializeContents(sodium: Sodium, contents: KeystoreContents) {
  const epochs: StoredEpoch[] = contents.epochs.map((e) => ({
    epoch: e.epoch,
    createdAt: e.createdAt,
    signPublicKey: toBase64(e.sign.publicKey),
    signSecretKey: secretToBase64(sodium, e.sign.privateKey),
    boxPublicKey: toBase64(e.box.publicKey),
    boxSecretKey: secretToBase64(sodium, e.box.privateKey),
  }));
  return { v: 1, agencyId: contents.agencyId, epochs, extra: contents.extra };
}

function deserializeContents(sodium: Sodium, plaintext: Uint8Array): KeystoreContents {
  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(plaintext));
  } catch {
    fail('contents_invalid', 'the decrypted keystore is not JSON');
  }
  if (!isPlainRecord(raw) || raw.v !== 1 || !isUuid(raw.agencyId) || !Array.isArray(raw.epochs) || !isPlainRecord(raw.extra)) {
    fail('contents_invalid', 'the decrypted keystore does not have the v1 layout');
  }
  const agencyId = raw.agencyId;
  const contents: KeystoreContents = {
    agencyId,
    epochs: raw.epochs.map((e: unknown) => readEpoch(sodium, agencyId, e)),
    extra: raw.extra,
  };
  checkContents(sodium, contents);
  return contents;
}

function readEpoch(sodium: Sodium, agencyId: string, value: unknown): AgencyKeyEpoch {
  if (!isPlainRecord(value)) fail('contents_invalid', 'a stored epoch is not an object');
  const key = (field: keyof StoredEpoch, length: number, secret = false) => {
    const bytes = secret ? secretFromBase64(sodium, value[field]) : decodeBase64Exact(value[field], length);
    return bytes?.length === length ? bytes : fail('contents_invalid', `stored ${field} is invalid`);
  };
  return {
    agencyId,
    epoch: value.epoch as number,
    createdAt: value.createdAt as string,
    sign: { publicKey: key('signPublicKey', 32), privateKey: key('signSecretKey', 64, true) },
    box: { publicKey: key('boxPublicKey', 32), privateKey: key('boxSecretKey', 32, true) },
  };
}

/** A keystore is written and read only if every epoch is well formed and its key pairs match. */
function checkContents(sodium: Sodium, contents: KeystoreContents): void {
  if (!isUuid(contents.agencyId)) fail('contents_invalid', 'agencyId must be a lowercase UUID');
  if (!isPlainRecord(contents.extra)) fail('contents_invalid', 'extra must be a plain object');
  const seen = new Set<number>();
  for (const e of contents.epochs) {
    if (e.agencyId !== contents.agencyId || !isEpoch(e.epoch) || !isIsoUtcMillis(e.createdAt) || seen.has(e.epoch)) {
      fail('contents_invalid', 'every epoch needs this agency id, a unique epoch number and createdAt');
    }
    seen.add(e.epoch);
    if (!keyPairsMatch(sodium, e)) fail('contents_invalid', `the key pairs of epoch ${e.epoch} do not match`);
  }
}

function keyPairsMatch(sodium: Sodium, e: AgencyKeyEpoch): boolean {
  try {
    return (
      sodium.memcmp(sodium.crypto_sign_ed25519_sk_to_pk(e.sign.privateKey), e.sign.publicKey) &&
      sodium.memcmp(sodium.crypto_scalarmult_base(e.box.privateKey), e.box.publicKey)
    );
  } catch {
    return false;
  }
}

// Secret keys go through libsodium's constant-time codec, not the table-driven public one.
function secretToBase64(sodium: Sodium, secret: Uint8Array): string {
  return sodium.to_base64(secret, sodium.base64_variants.ORIGINAL);
}

function secretFromBase64(sodium: Sodium, value: unknown): Uint8Array | undefined {
  try {
    return typeof value === 'string' ? sodium.from_base64(value, sodium.base64_variants.ORIGINAL) : undefined;
  } catch {
    return undefined;
  }
}

function isWithin(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

function fail(code: KeystoreErrorCode, message: string): never {
  throw new KeystoreError(code, message);
}
