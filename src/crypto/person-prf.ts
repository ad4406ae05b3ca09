import { concatBytes } from './bytes';
import { DOMAIN } from './domains';
import { PersonKeyError } from './errors';
import { pae } from './pae';
import { type PersonKeys } from './person-keys';
import { PRF_OUTPUT_BYTES } from './prf-output';
import { getSodium } from './sodium';

/**
 * The passkey envelope (decision 0112): a second copy of a person's private keys, sealed under a
 * key derived from a passkey's WebAuthn PRF output, so a person can unlock with the passkey alone.
 * The PRF output exists only in the authenticator and the person's client; the server stores the
 * envelope next to the password envelope, bound to the credential id, and can open neither.
 *
 * Its own seal/open (not the password envelope's) because the AAD binds the credential id too: an
 * envelope moved to another credential's row, or swapped with the password envelope, fails to open.
 */
export { PRF_OUTPUT_BYTES };
const ENVELOPE_VERSION = 1;
const SIGN_SECRET_BYTES = 64;
const BOX_SECRET_BYTES = 32;

/**
 * The PRF input ("salt") a client asks the authenticator to evaluate: one fixed value, because a
 * passkey-only sign-in asks before anyone knows who is signing in. The output still differs per
 * credential (each has its own secret in the authenticator), and the unlock key binds the person
 * and the credential id. The browser hashes it again with "WebAuthn PRF" before the authenticator
 * sees it.
 */
export async function passkeyPrfSalt(): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.crypto_generichash(32, pae([DOMAIN.personPrfSalt, 'unlock']), null);
}

/** BLAKE2b-256 keyed by the PRF output, over the person and the credential: one key per passkey. */
export async function passkeyUnlockKey(prfOutput: Uint8Array, personId: string, credentialId: string): Promise<Uint8Array> {
  if (prfOutput.length !== PRF_OUTPUT_BYTES) throw new PersonKeyError('malformed', `a PRF output is ${PRF_OUTPUT_BYTES} bytes`);
  const sodium = await getSodium();
  return sodium.crypto_generichash(32, pae([DOMAIN.personPrfUnlock, personId, credentialId]), prfOutput);
}

/** version(1) ‖ nonce(24) ‖ XChaCha20-Poly1305(sign secret ‖ box secret), AAD binding person, credential and key version. */
export async function sealPasskeyEnvelope(keys: PersonKeys, prfOutput: Uint8Array, credentialId: string, keyVersion = 1): Promise<Uint8Array> {
  const sodium = await getSodium();
  const key = await passkeyUnlockKey(prfOutput, keys.personId, credentialId);
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const plaintext = concatBytes([keys.sign.privateKey, keys.box.privateKey]);
  try {
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, envelopeAad(keys.personId, credentialId, keyVersion), null, nonce, key);
    return concatBytes([Uint8Array.of(ENVELOPE_VERSION), nonce, sealed]);
  } finally {
    sodium.memzero(plaintext);
    sodium.memzero(key);
  }
}

/** The person's keys from a passkey envelope, or PersonKeyError('envelope_open_failed') for any other PRF output, person, credential or version. */
export async function openPasskeyEnvelope(envelope: Uint8Array, prfOutput: Uint8Array, personId: string, credentialId: string, keyVersion = 1): Promise<PersonKeys> {
  const sodium = await getSodium();
  const nonceBytes = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (envelope.length < 1 + nonceBytes + 16 || envelope[0] !== ENVELOPE_VERSION) throw new PersonKeyError('malformed', 'not a version 1 passkey envelope');
  const key = await passkeyUnlockKey(prfOutput, personId, credentialId);
  let plaintext: Uint8Array;
  try {
    plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, envelope.subarray(1 + nonceBytes), envelopeAad(personId, credentialId, keyVersion), envelope.subarray(1, 1 + nonceBytes), key);
  } catch {
    throw new PersonKeyError('envelope_open_failed', 'the passkey envelope does not open with this passkey');
  } finally {
    sodium.memzero(key);
  }
  if (plaintext.length !== SIGN_SECRET_BYTES + BOX_SECRET_BYTES) throw new PersonKeyError('malformed', 'the envelope holds keys of the wrong size');
  const signSecret = plaintext.slice(0, SIGN_SECRET_BYTES);
  const boxSecret = plaintext.slice(SIGN_SECRET_BYTES);
  sodium.memzero(plaintext);
  return {
    personId,
    sign: { publicKey: sodium.crypto_sign_ed25519_sk_to_pk(signSecret), privateKey: signSecret },
    box: { publicKey: sodium.crypto_scalarmult_base(boxSecret), privateKey: boxSecret },
  };
}

function envelopeAad(personId: string, credentialId: string, keyVersion: number): Uint8Array {
  return pae([DOMAIN.personPrfEnvelope, personId, credentialId, String(keyVersion)]);
}
