import { randomBytes } from 'node:crypto';
import { createCosignatureVerifier } from './cosignature';
import { ED25519_SEED_BYTES, ed25519KeyPairFromSeed, ed25519Sign, ed25519Verify, getSodium, type Sodium } from '../../crypto';
import { isValidKeyName } from './encoding';
import { computeKeyId, formatVerifierKey, parseVerifierKey, PublicKeyInfo, SignatureType } from './keys';
import { NoteSigner, NoteVerifier } from './note';

/** A plain Ed25519 note signer (type 0x01), e.g. the log's checkpoint key. */
export interface Ed25519NoteSigner extends NoteSigner {
  readonly publicKey: Buffer;
  /** The vkey to give to verifiers: `<name>+<key ID>+<base64(0x01 || public key)>`. */
  readonly verifierKey: string;
}

/** A fresh 32-byte Ed25519 seed; keep it secret (in production the key lives in a KMS/HSM). */
export function generateSeed(): Buffer {
  return randomBytes(ED25519_SEED_BYTES);
}

/** Builds an Ed25519 note signer from a 32-byte seed (deterministic: same seed, same key). */
export async function createEd25519NoteSigner(name: string, seed: Uint8Array): Promise<Ed25519NoteSigner> {
  if (!isValidKeyName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
  const sodium = await getSodium();
  const keys = ed25519KeyPairFromSeed(sodium, seed);
  const publicKey = Buffer.from(keys.publicKey);
  return {
    name,
    keyId: computeKeyId(name, SignatureType.Ed25519, publicKey),
    publicKey,
    verifierKey: formatVerifierKey(name, SignatureType.Ed25519, publicKey),
    sign: (text) => ed25519Sign(sodium, text, keys.secretKey),
  };
}

/** A verifier for a vkey of type 0x01 (Ed25519 note signatures) or 0x04 (cosignature/v1). */
export async function createNoteVerifier(vkey: string): Promise<NoteVerifier> {
  const info = parseVerifierKey(vkey);
  return info.type === SignatureType.CosignatureV1 ? createCosignatureVerifier(info) : createEd25519Verifier(info);
}

async function createEd25519Verifier(info: PublicKeyInfo): Promise<NoteVerifier> {
  return ed25519NoteVerifier(await getSodium(), info);
}

/** A verifier of plain Ed25519 note signatures (type 0x01) for a parsed key, with the libsodium instance from getSodium(). */
export function ed25519NoteVerifier(sodium: Sodium, info: PublicKeyInfo): NoteVerifier {
  if (info.type !== SignatureType.Ed25519) throw new RangeError('not an Ed25519 (type 0x01) key');
  return { ...info, verify: (text, signature) => ed25519Verify(sodium, signature, text, info.publicKey) };
}
