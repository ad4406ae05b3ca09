import { createHash } from 'node:crypto';
import { ED25519_PUBLIC_KEY_BYTES } from '../../crypto';
import { decodeBase64, encodeBase64, isValidKeyName } from './encoding';

/** Signature type bytes assigned by C2SP signed-note. */
export const SignatureType = {
  /** Plain Ed25519 note signatures (the log's checkpoint signature). */
  Ed25519: 0x01,
  /** Timestamped Ed25519 witness cosignatures, c2sp.org/tlog-cosignature `cosignature/v1`. */
  CosignatureV1: 0x04,
} as const;
export type SignatureTypeByte = (typeof SignatureType)[keyof typeof SignatureType];

/** A public key as a note verifier needs it. */
export interface PublicKeyInfo {
  readonly name: string;
  readonly keyId: number;
  readonly type: SignatureTypeByte;
  readonly publicKey: Buffer;
}

/**
 * C2SP signed-note key ID: the first 4 bytes, big-endian, of
 * SHA-256(key name || 0x0A || signature type || public key).
 */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, type])).update(publicKey).digest();
  return digest.readUInt32BE(0);
}

/** A key ID as vkeys write it: 8 lowercase hex digits. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** Verifier key text: `<name>+<hex key ID>+<base64(type || public key)>`. */
export function formatVerifierKey(name: string, type: SignatureTypeByte, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
  const material = Buffer.concat([Buffer.from([type]), publicKey]);
  return `${name}+${formatKeyId(computeKeyId(name, type, publicKey))}+${encodeBase64(material)}`;
}

/**
 * Parses a vkey, checking the name, that the key ID matches the key, and that the
 * type is one this module verifies (0x01 or 0x04, both 32-byte Ed25519 keys).
 */
export function parseVerifierKey(vkey: string): PublicKeyInfo {
  const [name, keyIdHex, material] = splitVerifierKey(vkey);
  const bytes = decodeBase64(material);
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(keyIdHex) || bytes === null || bytes.length === 0) {
    throw new KeyFormatError('malformed verifier key');
  }
  const keyId = parseInt(keyIdHex, 16);
  const type = bytes[0];
  const publicKey = bytes.subarray(1);
  if (keyId !== computeKeyId(name, type, publicKey)) throw new KeyFormatError('verifier key ID does not match the key');
  if (type !== SignatureType.Ed25519 && type !== SignatureType.CosignatureV1) {
    throw new KeyFormatError(`unsupported signature type 0x${type.toString(16).padStart(2, '0')}`);
  }
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) throw new KeyFormatError('an Ed25519 public key must be 32 bytes');
  return { name, keyId, type, publicKey: Buffer.from(publicKey) };
}

export class KeyFormatError extends Error {
  override readonly name = 'KeyFormatError';
}

// The name cannot contain "+", so the first two "+" are separators; base64 may contain more.
function splitVerifierKey(vkey: string): [string, string, string] {
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) throw new KeyFormatError('malformed verifier key');
  return [vkey.slice(0, first), vkey.slice(first + 1, second), vkey.slice(second + 1)];
}

/**
 * What people compare out of band (read over the phone, printed in the MOU): the first 16 bytes
 * of SHA-256 over the vkey text, as 8 groups of 4 lowercase hex digits. It covers the key's name,
 * type and public key; the 4-byte key ID is far too short to compare by.
 */
export function keyFingerprint(vkey: string): string {
  const digest = createHash('sha256').update(vkey, 'utf8').digest().subarray(0, 16);
  return (digest.toString('hex').match(/.{4}/g) ?? []).join(' ');
}
