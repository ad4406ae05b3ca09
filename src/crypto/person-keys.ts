import { type AgencyKeyEpoch } from './agency-keys';
import { DOMAIN } from './domains';
import { PersonKeyError } from './errors';
import { pae, paeDecode } from './pae';
import { ed25519Sign, ed25519Verify } from './signatures';
import { getSodium, type Sodium } from './sodium';
import { concatBytes, fromUtf8 } from './bytes';

/**
 * A person's own keys (issue 19, research §3.1): made on their device, the private halves stored
 * on the server only inside the password envelope, under a key derived from OPAQUE's export key —
 * which the server never sees. Agencies' private keys reach a person only in membership wraps:
 * sealed to the person's box key and signed by the agency's key of that epoch, so a wrap the
 * server made up (for a key of its own) does not verify and is never used.
 */
export interface PersonKeys {
  personId: string;
  /** Ed25519 (libsodium's 64-byte secret form). */
  sign: { publicKey: Uint8Array; privateKey: Uint8Array };
  /** X25519: opens the person's membership wraps. */
  box: { publicKey: Uint8Array; privateKey: Uint8Array };
}

export interface PersonPublicKeys {
  personId: string;
  signPublicKey: Uint8Array;
  boxPublicKey: Uint8Array;
}

/** One agency epoch sealed to one person, with the agency's signature over what it binds. */
export interface MembershipWrap {
  agencyId: string;
  epoch: number;
  personId: string;
  wrap: Uint8Array;
  signature: Uint8Array;
}

const ENVELOPE_VERSION = 1;
const SIGN_SECRET_BYTES = 64;
const BOX_SECRET_BYTES = 32;

export async function generatePersonKeys(personId: string): Promise<PersonKeys> {
  const sodium = await getSodium();
  return { personId, sign: sodium.crypto_sign_keypair(), box: sodium.crypto_box_keypair() };
}

/**
 * The key that seals the person's envelope: BLAKE2b-256 keyed by OPAQUE's export key (64 bytes,
 * base64url as the library returns it), over the person's id. Only someone who knows the secret
 * gets the export key; the server's registration record and its OPAQUE setup do not give it.
 */
export async function personUnlockKey(exportKey: string, personId: string): Promise<Uint8Array> {
  const sodium = await getSodium();
  const key = sodium.from_base64(exportKey, sodium.base64_variants.URLSAFE_NO_PADDING);
  try {
    return sodium.crypto_generichash(32, pae([DOMAIN.personUnlock, personId]), key);
  } finally {
    sodium.memzero(key);
  }
}

/** version(1) ‖ nonce(24) ‖ XChaCha20-Poly1305(sign secret ‖ box secret), AAD binding person and key version. */
export async function sealPersonEnvelope(keys: PersonKeys, unlockKey: Uint8Array, keyVersion = 1): Promise<Uint8Array> {
  const sodium = await getSodium();
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const plaintext = new Uint8Array(SIGN_SECRET_BYTES + BOX_SECRET_BYTES);
  plaintext.set(keys.sign.privateKey, 0);
  plaintext.set(keys.box.privateKey, SIGN_SECRET_BYTES);
  try {
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, envelopeAad(keys.personId, keyVersion), null, nonce, unlockKey);
    return concatBytes([Uint8Array.of(ENVELOPE_VERSION), nonce, sealed]);
  } finally {
    sodium.memzero(plaintext);
  }
}

export async function openPersonEnvelope(envelope: Uint8Array, unlockKey: Uint8Array, personId: string, keyVersion = 1): Promise<PersonKeys> {
  const sodium = await getSodium();
  const nonceBytes = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (envelope.length < 1 + nonceBytes + 16 || envelope[0] !== ENVELOPE_VERSION) throw new PersonKeyError('malformed', 'not a version 1 person key envelope');
  let plaintext: Uint8Array;
  try {
    plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, envelope.subarray(1 + nonceBytes), envelopeAad(personId, keyVersion), envelope.subarray(1, 1 + nonceBytes), unlockKey);
  } catch {
    throw new PersonKeyError('envelope_open_failed', 'the envelope does not open with this key (wrong secret, or not this person’s envelope)');
  }
  if (plaintext.length !== SIGN_SECRET_BYTES + BOX_SECRET_BYTES) throw new PersonKeyError('malformed', 'the envelope holds keys of the wrong size');
  return keysFromSecrets(sodium, personId, plaintext.slice(0, SIGN_SECRET_BYTES), plaintext.slice(SIGN_SECRET_BYTES));
}

/** 16 bytes of BLAKE2b over both public keys, as 8 groups of 4 hex digits: read aloud to confirm a newcomer's keys. */
export async function personKeyFingerprint(keys: { signPublicKey: Uint8Array; boxPublicKey: Uint8Array }): Promise<string> {
  const sodium = await getSodium();
  const digest = sodium.crypto_generichash(16, pae([DOMAIN.personFingerprint, keys.signPublicKey, keys.boxPublicKey]), null);
  return (sodium.to_hex(digest).match(/.{4}/g) as string[]).join('-');
}

/** What the agency's epoch key signs: the agency, the epoch, the person and their public keys, and the wrap's hash. */
export async function membershipStatement(fields: { agencyId: string; epoch: number; person: PersonPublicKeys; wrap: Uint8Array }): Promise<Uint8Array> {
  const sodium = await getSodium();
  return pae([
    DOMAIN.membership,
    fields.agencyId,
    String(fields.epoch),
    fields.person.personId,
    fields.person.signPublicKey,
    fields.person.boxPublicKey,
    sodium.crypto_generichash(32, fields.wrap, null),
  ]);
}

/** A member's client seals one of its agency's epochs to a newcomer (whose fingerprint it confirmed) and signs it with that epoch's key. */
export async function sealMembershipWrap(agencyEpoch: AgencyKeyEpoch, person: PersonPublicKeys): Promise<MembershipWrap> {
  const sodium = await getSodium();
  const plaintext = pae([DOMAIN.memberWrap, agencyEpoch.agencyId, String(agencyEpoch.epoch), person.personId, agencyEpoch.createdAt, agencyEpoch.sign.privateKey, agencyEpoch.box.privateKey]);
  try {
    const wrap = sodium.crypto_box_seal(plaintext, person.boxPublicKey);
    const statement = await membershipStatement({ agencyId: agencyEpoch.agencyId, epoch: agencyEpoch.epoch, person, wrap });
    return { agencyId: agencyEpoch.agencyId, epoch: agencyEpoch.epoch, personId: person.personId, wrap, signature: ed25519Sign(sodium, statement, agencyEpoch.sign.privateKey) };
  } finally {
    sodium.memzero(plaintext);
  }
}

/**
 * Opens a wrap only if the agency's registered signing key of that epoch signed it for these very
 * person keys, it names this agency, epoch and person, and the keys inside are the epoch's
 * registered ones. Anything else — a wrap the server sealed with a key of its own — is refused.
 */
export async function openMembershipWrap(wrap: MembershipWrap, person: PersonKeys, registered: { signPublicKey: Uint8Array; boxPublicKey: Uint8Array }): Promise<AgencyKeyEpoch> {
  const sodium = await getSodium();
  if (registered.signPublicKey.length !== 32 || registered.boxPublicKey.length !== 32) throw new PersonKeyError('malformed', 'registered keys of the wrong size');
  const statement = await membershipStatement({ agencyId: wrap.agencyId, epoch: wrap.epoch, person: publicKeysOf(person), wrap: wrap.wrap });
  if (!ed25519Verify(sodium, wrap.signature, statement, registered.signPublicKey)) {
    throw new PersonKeyError('bad_wrap_signature', `the wrap of epoch ${wrap.epoch} is not signed by the agency's registered key of that epoch`);
  }
  let plaintext: Uint8Array;
  try {
    plaintext = sodium.crypto_box_seal_open(wrap.wrap, person.box.publicKey, person.box.privateKey);
  } catch {
    throw new PersonKeyError('wrap_open_failed', 'the wrap is not sealed to this person');
  }
  const pieces = safeDecode(plaintext);
  const [domain, agencyId, epoch, personId, createdAt, signSecret, boxSecret] = pieces;
  if (pieces.length !== 7 || fromUtf8(domain) !== DOMAIN.memberWrap || fromUtf8(agencyId) !== wrap.agencyId || fromUtf8(epoch) !== String(wrap.epoch) || fromUtf8(personId) !== person.personId) {
    throw new PersonKeyError('wrap_binding_mismatch', 'the wrap names another agency, epoch or person');
  }
  const keys = keysFromSecrets(sodium, person.personId, signSecret, boxSecret);
  if (!sodium.memcmp(keys.sign.publicKey, registered.signPublicKey) || !sodium.memcmp(keys.box.publicKey, registered.boxPublicKey)) {
    throw new PersonKeyError('wrap_key_mismatch', `the keys in the wrap are not the agency's registered keys of epoch ${wrap.epoch}`);
  }
  return { agencyId: wrap.agencyId, epoch: wrap.epoch, createdAt: fromUtf8(createdAt), sign: keys.sign, box: keys.box };
}

export function publicKeysOf(keys: PersonKeys): PersonPublicKeys {
  return { personId: keys.personId, signPublicKey: keys.sign.publicKey, boxPublicKey: keys.box.publicKey };
}

function envelopeAad(personId: string, keyVersion: number): Uint8Array {
  return pae([DOMAIN.personEnvelope, personId, String(keyVersion)]);
}

function keysFromSecrets(sodium: Sodium, personId: string, signSecret: Uint8Array, boxSecret: Uint8Array): PersonKeys {
  if (signSecret.length !== SIGN_SECRET_BYTES || boxSecret.length !== BOX_SECRET_BYTES) throw new PersonKeyError('malformed', 'keys of the wrong size');
  return {
    personId,
    sign: { publicKey: sodium.crypto_sign_ed25519_sk_to_pk(signSecret), privateKey: signSecret },
    box: { publicKey: sodium.crypto_scalarmult_base(boxSecret), privateKey: boxSecret },
  };
}

function safeDecode(bytes: Uint8Array): Uint8Array[] {
  try {
    return paeDecode(bytes);
  } catch {
    throw new PersonKeyError('wrap_binding_mismatch', 'the wrap is not a membership wrap');
  }
}
