import {
  generateAgencyKeyEpoch,
  keyFingerprint,
  signKeyRegistration,
  verifyKeyRegistration,
  type AgencyKeyEpoch,
  type KeyRegistrationV1,
} from './agency-keys';
import { fromBase64Strict, toBase64 } from './base64';
import { getSodium } from './sodium';
import { refusalCode } from './testing/refusal';

const AGENCY = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const OTHER_AGENCY = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';


describe('agency key epochs and their registration', () => {
  let first: AgencyKeyEpoch;
  let second: AgencyKeyEpoch;
  let firstRegistration: KeyRegistrationV1;
  let rotation: KeyRegistrationV1;

  beforeAll(async () => {
    first = await generateAgencyKeyEpoch(AGENCY, 1, '2026-01-01T00:00:00.000Z');
    second = await generateAgencyKeyEpoch(AGENCY, 2, '2026-04-01T00:00:00.000Z');
    firstRegistration = await signKeyRegistration(first);
    rotation = await signKeyRegistration(second, first.sign.privateKey);
  });

  it('generates two independent key pairs of the right sizes', async () => {
    const sodium = await getSodium();
    expect(first.sign.publicKey).toHaveLength(32);
    expect(first.sign.privateKey).toHaveLength(64);
    expect(first.box.publicKey).toHaveLength(32);
    expect(first.box.privateKey).toHaveLength(32);
    // Never the Ed25519→X25519 conversion of the signing key.
    expect(sodium.to_hex(first.box.publicKey)).not.toBe(sodium.to_hex(sodium.crypto_sign_ed25519_pk_to_curve25519(first.sign.publicKey)));
  });

  it('a first registration verifies by its self-signature alone', async () => {
    const verified = await verifyKeyRegistration(firstRegistration);
    expect(verified.epoch).toBe(1);
    expect(verified.previousEpoch).toBeNull();
    expect(firstRegistration.rotationSignature).toBeNull();
  });

  it('a rotation verifies against the previous epoch key', async () => {
    const verified = await verifyKeyRegistration(rotation, first.sign.publicKey);
    expect(verified.previousEpoch).toBe(1);
    expect(verified.rotationSignature).toHaveLength(64);
  });

  it('a rotation is refused without the previous key, or against the wrong one', async () => {
    expect(await refusalCode(verifyKeyRegistration(rotation))).toBe('rotation_key_required');
    expect(await refusalCode(verifyKeyRegistration(rotation, second.sign.publicKey))).toBe('invalid_public_key');
    const stranger = await generateAgencyKeyEpoch(OTHER_AGENCY, 1);
    expect(await refusalCode(verifyKeyRegistration(rotation, stranger.sign.publicKey))).toBe('bad_rotation_signature');
  });

  it('a rotation signed by the wrong previous key is refused', async () => {
    const stranger = await generateAgencyKeyEpoch(OTHER_AGENCY, 1);
    const forged = await signKeyRegistration(second, stranger.sign.privateKey);
    expect(await refusalCode(verifyKeyRegistration(forged, first.sign.publicKey))).toBe('bad_rotation_signature');
    expect(await refusalCode(signKeyRegistration(second))).toBe('rotation_key_required');
  });

  it('a tampered registration is refused', async () => {
    const attacker = await generateAgencyKeyEpoch(AGENCY, 2);
    const swappedBox = { ...rotation, boxPublicKey: toBase64(attacker.box.publicKey) };
    expect(await refusalCode(verifyKeyRegistration(swappedBox, first.sign.publicKey))).toBe('bad_self_signature');
    const otherTime = { ...rotation, createdAt: '2026-04-01T00:00:00.001Z' };
    expect(await refusalCode(verifyKeyRegistration(otherTime, first.sign.publicKey))).toBe('bad_self_signature');
    const otherAgency = { ...firstRegistration, agencyId: OTHER_AGENCY };
    expect(await refusalCode(verifyKeyRegistration(otherAgency))).toBe('bad_self_signature');
    const skipped = { ...rotation, epoch: 3 };
    expect(await refusalCode(verifyKeyRegistration(skipped, first.sign.publicKey))).toBe('malformed');
  });

  it('a registration re-signed by an attacker who swapped in its own signing key still fails the rotation check', async () => {
    const attacker = await generateAgencyKeyEpoch(AGENCY, 2, second.createdAt);
    const selfSigned = await signKeyRegistration(attacker, attacker.sign.privateKey);
    expect(await refusalCode(verifyKeyRegistration(selfSigned, first.sign.publicKey))).toBe('bad_rotation_signature');
  });

  it('refuses small-order public keys', async () => {
    const zero = toBase64(new Uint8Array(32));
    expect(await refusalCode(verifyKeyRegistration({ ...firstRegistration, boxPublicKey: zero }))).toBe('invalid_public_key');
    expect(await refusalCode(verifyKeyRegistration({ ...firstRegistration, signPublicKey: zero }))).toBe('invalid_public_key');
  });

  it('fingerprints are stable, grouped, and change with any key', async () => {
    const keys = { agencyId: AGENCY, epoch: 1, signPublicKey: first.sign.publicKey, boxPublicKey: first.box.publicKey };
    const fingerprint = await keyFingerprint(keys);
    expect(fingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(await keyFingerprint({ ...keys })).toBe(fingerprint);
    const flipped = Uint8Array.from(first.box.publicKey);
    flipped[0] ^= 1;
    expect(await keyFingerprint({ ...keys, boxPublicKey: flipped })).not.toBe(fingerprint);
    expect(await keyFingerprint({ ...keys, epoch: 2 })).not.toBe(fingerprint);
    expect(fromBase64Strict(firstRegistration.signPublicKey)).toEqual(first.sign.publicKey);
  });
});
