import { ED25519_SIGNATURE_BYTES, ed25519KeyPairFromSeed, ed25519Sign, ed25519Verify, getSodium } from '../../crypto';
import { isValidKeyName } from './encoding';
import { computeKeyId, formatVerifierKey, PublicKeyInfo, SignatureType } from './keys';
import { NoteSignature, NoteSigner, NoteVerifier } from './note';

/**
 * C2SP tlog-cosignature, Ed25519 `cosignature/v1` (signature type 0x04).
 *
 * Signed message:  "cosignature/v1\n" "time <unix seconds>\n" <checkpoint note text>
 * Note signature:  key ID (4) || timestamp (8, big-endian) || Ed25519 signature (64)
 */

const HEADER = 'cosignature/v1\n';
const TIMESTAMP_SIZE = 8;
/** Size of a cosignature after the 4-byte key ID. */
export const COSIGNATURE_SIZE = TIMESTAMP_SIZE + ED25519_SIGNATURE_BYTES;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

export interface Cosigner {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Buffer;
  /** `<name>+<key ID>+<base64(0x04 || public key)>` for verifiers' trust policies. */
  readonly verifierKey: string;
  /** A note signer that cosigns at `timestamp`, for signNote. */
  at(timestamp: number): NoteSigner;
  /** The cosignature of a checkpoint's note text at `timestamp`. */
  cosign(checkpointText: string, timestamp: number): NoteSignature;
}

/** The exact bytes a cosigner signs. */
export function cosignatureMessage(checkpointText: string, timestamp: number): Buffer {
  assertTimestamp(timestamp);
  return Buffer.from(`${HEADER}time ${timestamp}\n${checkpointText}`, 'utf8');
}

/** Builds a cosigner (witness key) from a 32-byte Ed25519 seed. */
export async function createCosigner(name: string, seed: Uint8Array): Promise<Cosigner> {
  if (!isValidKeyName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
  const sodium = await getSodium();
  const keys = ed25519KeyPairFromSeed(sodium, seed);
  const publicKey = Buffer.from(keys.publicKey);
  const keyId = computeKeyId(name, SignatureType.CosignatureV1, publicKey);
  const signAt = (text: Uint8Array, timestamp: number): Buffer => {
    const message = Buffer.concat([cosignatureMessage('', timestamp), text]);
    return Buffer.concat([timestampBytes(timestamp), ed25519Sign(sodium, message, keys.secretKey)]);
  };
  return {
    name,
    keyId,
    publicKey,
    verifierKey: formatVerifierKey(name, SignatureType.CosignatureV1, publicKey),
    at: (timestamp) => {
      assertTimestamp(timestamp);
      return { name, keyId, sign: (text) => signAt(text, timestamp) };
    },
    cosign: (checkpointText, timestamp) => ({ name, keyId, signature: signAt(Buffer.from(checkpointText, 'utf8'), timestamp) }),
  };
}

/** A note verifier for a cosignature/v1 key (type 0x04). */
export async function createCosignatureVerifier(info: PublicKeyInfo): Promise<NoteVerifier> {
  if (info.type !== SignatureType.CosignatureV1) throw new RangeError('not a cosignature/v1 key');
  const sodium = await getSodium();
  return {
    ...info,
    verify: (text, signature) => {
      const timestamp = cosignatureTimestamp(signature);
      if (timestamp === null) return false;
      const message = Buffer.concat([cosignatureMessage('', timestamp), text]);
      return ed25519Verify(sodium, signature.subarray(TIMESTAMP_SIZE), message, info.publicKey);
    },
  };
}

/**
 * The timestamp of a cosignature (the bytes after the key ID), or null if it is not
 * 72 bytes or the time exceeds 2^63 - 1 (spec) or 2^53 - 1 (millions of years ahead;
 * rejected as a time "in the future", which the spec allows).
 */
export function cosignatureTimestamp(signature: Uint8Array): number | null {
  if (signature.length !== COSIGNATURE_SIZE) return null;
  const value = Buffer.from(signature.buffer, signature.byteOffset, TIMESTAMP_SIZE).readBigUInt64BE(0);
  if (value > MAX_TIMESTAMP || value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(value);
}

/** Verifies one cosignature on a checkpoint; returns its timestamp, or null if it is not valid. */
export function verifyCosignature(verifier: NoteVerifier, checkpointText: string, cosignature: NoteSignature): number | null {
  if (verifier.type !== SignatureType.CosignatureV1) return null;
  if (cosignature.name !== verifier.name || cosignature.keyId !== verifier.keyId) return null;
  if (!verifier.verify(Buffer.from(checkpointText, 'utf8'), cosignature.signature)) return null;
  return cosignatureTimestamp(cosignature.signature);
}

function timestampBytes(timestamp: number): Buffer {
  const bytes = Buffer.alloc(TIMESTAMP_SIZE);
  bytes.writeBigUInt64BE(BigInt(timestamp));
  return bytes;
}

function assertTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('a cosignature timestamp is a non-negative integer of seconds');
}
