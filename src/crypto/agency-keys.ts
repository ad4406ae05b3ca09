import { decodeBase64Exact, toBase64 } from './base64';
import { DOMAIN } from './domains';
import {
  BOX_PUBLIC_KEY_BYTES,
  ENVELOPE_VERSION,
  SIGNATURE_BYTES,
  SIGN_PUBLIC_KEY_BYTES,
  SUITE_CCR1,
} from './envelope-format';
import { KeyRegistrationError, type KeyRegistrationErrorCode } from './errors';
import { isEpoch, isIsoUtcMillis, isPlainRecord, isUuid, unexpectedKeys } from './identifiers';
import { pae } from './pae';
import { ed25519Sign, ed25519Verify } from './signatures';
import { getSodium, type Sodium } from './sodium';

/** One generation of an agency's keys: two independent key pairs, never derived from each other. */
export interface AgencyKeyEpoch {
  agencyId: string;
  epoch: number;
  createdAt: string;
  /** Ed25519: signs manifests, shares and statements. privateKey is libsodium's 64-byte form. */
  sign: { publicKey: Uint8Array; privateKey: Uint8Array };
  /** X25519: opens wraps sealed to this agency and epoch. */
  box: { publicKey: Uint8Array; privateKey: Uint8Array };
}

/** Published to the key directory (and the disclosure log) when an epoch is created. */
export interface KeyRegistrationV1 {
  v: 1;
  suite: 'ccr1';
  agencyId: string;
  epoch: number;
  signPublicKey: string;
  boxPublicKey: string;
  createdAt: string;
  /** epoch - 1 for a rotation, null for an agency's first epoch. */
  previousEpoch: number | null;
  /** By the new signing key: proof that the registrant holds it. */
  selfSignature: string;
  /** By the previous epoch's signing key: the old key vouches for its successor. */
  rotationSignature: string | null;
}

export interface VerifiedKeyRegistration {
  agencyId: string;
  epoch: number;
  signPublicKey: Uint8Array;
  boxPublicKey: Uint8Array;
  createdAt: string;
  previousEpoch: number | null;
  selfSignature: Uint8Array;
  rotationSignature: Uint8Array | null;
}

const REGISTRATION_KEYS = [
  'v',
  'suite',
  'agencyId',
  'epoch',
  'signPublicKey',
  'boxPublicKey',
  'createdAt',
  'previousEpoch',
  'selfSignature',
  'rotationSignature',
] as const;

const FINGERPRINT_BYTES = 16;

export async function generateAgencyKeyEpoch(
  agencyId: string,
  epoch: number,
  createdAt: string = new Date().toISOString(),
): Promise<AgencyKeyEpoch> {
  const sodium = await getSodium();
  checkIdentity(agencyId, epoch, createdAt);
  return { agencyId, epoch, createdAt, sign: sodium.crypto_sign_keypair(), box: sodium.crypto_box_keypair() };
}

/** Deterministic key pairs from 32-byte seeds: for test vectors and fixtures only. */
export async function agencyKeyEpochFromSeeds(
  agencyId: string,
  epoch: number,
  createdAt: string,
  seeds: { sign: Uint8Array; box: Uint8Array },
): Promise<AgencyKeyEpoch> {
  const sodium = await getSodium();
  checkIdentity(agencyId, epoch, createdAt);
  return {
    agencyId,
    epoch,
    createdAt,
    sign: sodium.crypto_sign_seed_keypair(seeds.sign),
    box: sodium.crypto_box_seed_keypair(seeds.box),
  };
}

/** The exact bytes both registration signatures cover. */
export function keyRegistrationStatement(fields: {
  agencyId: string;
  epoch: number;
  signPublicKey: Uint8Array;
  boxPublicKey: Uint8Array;
  createdAt: string;
  previousEpoch: number | null;
}): Uint8Array {
  return pae([
    DOMAIN.keyRegistration,
    fields.agencyId,
    String(fields.epoch),
    fields.signPublicKey,
    fields.boxPublicKey,
    fields.createdAt,
    fields.previousEpoch === null ? '' : String(fields.previousEpoch),
  ]);
}

/**
 * Signs a registration with the new key and, for a rotation (epoch > 1), with the previous
 * epoch's signing key, which the caller must pass: a rotation the old key did not approve would
 * let whoever controls the directory replace an agency's keys.
 */
export async function signKeyRegistration(
  keys: AgencyKeyEpoch,
  previousSignSecretKey?: Uint8Array,
): Promise<KeyRegistrationV1> {
  const sodium = await getSodium();
  checkIdentity(keys.agencyId, keys.epoch, keys.createdAt);
  const previousEpoch = keys.epoch > 1 ? keys.epoch - 1 : null;
  if (previousEpoch !== null && !previousSignSecretKey) {
    throw new KeyRegistrationError('rotation_key_required', 'a rotation must be signed by the previous epoch key');
  }
  const statement = keyRegistrationStatement({
    ...keys,
    signPublicKey: keys.sign.publicKey,
    boxPublicKey: keys.box.publicKey,
    previousEpoch,
  });
  const rotation = previousSignSecretKey ? ed25519Sign(sodium, statement, previousSignSecretKey) : null;
  return {
    v: ENVELOPE_VERSION,
    suite: SUITE_CCR1,
    agencyId: keys.agencyId,
    epoch: keys.epoch,
    signPublicKey: toBase64(keys.sign.publicKey),
    boxPublicKey: toBase64(keys.box.publicKey),
    createdAt: keys.createdAt,
    previousEpoch,
    selfSignature: toBase64(ed25519Sign(sodium, statement, keys.sign.privateKey)),
    rotationSignature: rotation ? toBase64(rotation) : null,
  };
}

/**
 * Checks a registration's form, its keys and its signatures. For epoch > 1 the caller passes the
 * previous epoch's registered signing key (from its own directory, not from the registration).
 * Whether the previous epoch is the agency's current one is the directory's check.
 */
export async function verifyKeyRegistration(
  registration: unknown,
  previousSignPublicKey?: Uint8Array | null,
): Promise<VerifiedKeyRegistration> {
  const sodium = await getSodium();
  const parsed = parseRegistration(sodium, registration);
  checkPublicKeys(sodium, parsed);
  const statement = keyRegistrationStatement(parsed);
  if (!ed25519Verify(sodium, parsed.selfSignature, statement, parsed.signPublicKey)) {
    fail('bad_self_signature', 'the registration is not signed by its own signing key');
  }
  if (parsed.previousEpoch !== null) checkRotation(sodium, parsed, statement, previousSignPublicKey);
  return parsed;
}

/** Short, human-comparable digest of an epoch's public keys for an out-of-band check (phone). */
export async function keyFingerprint(keys: {
  agencyId: string;
  epoch: number;
  signPublicKey: Uint8Array;
  boxPublicKey: Uint8Array;
}): Promise<string> {
  const sodium = await getSodium();
  const digest = sodium.crypto_generichash(
    FINGERPRINT_BYTES,
    pae([DOMAIN.fingerprint, keys.agencyId, String(keys.epoch), keys.signPublicKey, keys.boxPublicKey]),
    null,
  );
  return (sodium.to_hex(digest).match(/.{4}/g) ?? []).join(' ');
}

function checkRotation(
  sodium: Sodium,
  parsed: VerifiedKeyRegistration,
  statement: Uint8Array,
  previousSignPublicKey: Uint8Array | null | undefined,
): void {
  if (!parsed.rotationSignature) fail('bad_rotation_signature', 'a rotation must carry the previous key signature');
  if (!(previousSignPublicKey instanceof Uint8Array) || previousSignPublicKey.length !== SIGN_PUBLIC_KEY_BYTES) {
    fail('rotation_key_required', "the previous epoch's signing key is needed to verify a rotation");
  }
  if (sodium.memcmp(previousSignPublicKey, parsed.signPublicKey)) {
    fail('invalid_public_key', 'a rotation must introduce a new signing key');
  }
  if (!ed25519Verify(sodium, parsed.rotationSignature, statement, previousSignPublicKey)) {
    fail('bad_rotation_signature', "the rotation is not signed by the previous epoch's key");
  }
}

function parseRegistration(sodium: Sodium, input: unknown): VerifiedKeyRegistration {
  if (!isPlainRecord(input)) fail('malformed', 'registration must be a JSON object');
  if (input.v !== ENVELOPE_VERSION) fail('unsupported_version', 'only registration version 1 is supported');
  if (input.suite !== SUITE_CCR1) fail('unsupported_suite', "only suite 'ccr1' is supported");
  const extra = unexpectedKeys(input, REGISTRATION_KEYS);
  if (extra.length > 0) fail('malformed', `unexpected registration field(s): ${extra.join(', ')}`);
  const { agencyId, epoch, createdAt, previousEpoch } = input;
  if (!isUuid(agencyId) || !isEpoch(epoch) || !isIsoUtcMillis(createdAt)) {
    fail('malformed', 'agencyId, epoch or createdAt is invalid');
  }
  const expectedPrevious = epoch > 1 ? epoch - 1 : null;
  if (previousEpoch !== expectedPrevious) fail('malformed', 'previousEpoch must be epoch - 1, or null for epoch 1');
  if (expectedPrevious === null && input.rotationSignature !== null) {
    fail('malformed', 'a first registration has no rotation signature');
  }
  return {
    agencyId,
    epoch,
    createdAt,
    previousEpoch: expectedPrevious,
    signPublicKey: decode(sodium, input.signPublicKey, SIGN_PUBLIC_KEY_BYTES, 'signPublicKey'),
    boxPublicKey: decode(sodium, input.boxPublicKey, BOX_PUBLIC_KEY_BYTES, 'boxPublicKey'),
    selfSignature: decode(sodium, input.selfSignature, SIGNATURE_BYTES, 'selfSignature'),
    rotationSignature:
      input.rotationSignature === null ? null : decode(sodium, input.rotationSignature, SIGNATURE_BYTES, 'rotationSignature'),
  };
}

/** Refuses small-order or non-canonical points: keys under which signatures or seals mean nothing. */
function checkPublicKeys(sodium: Sodium, parsed: VerifiedKeyRegistration): void {
  if (!sodium.crypto_core_ed25519_is_valid_point(parsed.signPublicKey)) {
    fail('invalid_public_key', 'signPublicKey is not a valid Ed25519 point');
  }
  try {
    // libsodium refuses an all-zero shared secret, which is what a low-order X25519 key yields.
    sodium.crypto_scalarmult(sodium.randombytes_buf(sodium.crypto_scalarmult_SCALARBYTES), parsed.boxPublicKey);
  } catch {
    fail('invalid_public_key', 'boxPublicKey is a low-order X25519 point');
  }
}

function decode(sodium: Sodium, value: unknown, length: number, field: string): Uint8Array {
  const bytes = decodeBase64Exact(value, length);
  if (!bytes) fail('malformed', `${field} must be canonical base64 of ${length} bytes`);
  return bytes;
}

function checkIdentity(agencyId: string, epoch: number, createdAt: string): void {
  if (!isUuid(agencyId)) fail('malformed', 'agencyId must be a lowercase UUID');
  if (!isEpoch(epoch)) fail('malformed', 'epoch must be an integer >= 1');
  if (!isIsoUtcMillis(createdAt)) fail('malformed', 'createdAt must be ISO-8601 UTC with milliseconds');
}

function fail(code: KeyRegistrationErrorCode, message: string): never {
  throw new KeyRegistrationError(code, message);
}
