import { generateAgencyKeyEpoch, signKeyRegistration } from '../crypto';
import { KeyRegistrationRejectedError } from './keys.errors';
import { checkCreatedAt, checkRegistrationAlone, CREATED_AT_MAX_SKEW_MS, sameRegistration, verifyRegistration } from './registration-checks';

const AGENCY = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const NOW = new Date('2026-11-21T12:00:00.000Z');

async function reasonOf(work: () => unknown): Promise<{ reason: string; field: string } | 'accepted'> {
  try {
    await work();
    return 'accepted';
  } catch (error) {
    if (!(error instanceof KeyRegistrationRejectedError)) throw error;
    return { reason: error.reason, field: error.extensions.errors?.[0]?.field ?? '' };
  }
}

describe('key registration checks', () => {
  it('accepts a rotation before its previous key is known, but refuses it once the wrong previous key is given', async () => {
    const first = await generateAgencyKeyEpoch(AGENCY, 1);
    const second = await generateAgencyKeyEpoch(AGENCY, 2);
    const rotation = { ...(await signKeyRegistration(second, first.sign.privateKey)) };
    expect(await reasonOf(() => checkRegistrationAlone(rotation))).toBe('accepted');
    expect(await reasonOf(() => verifyRegistration(rotation, first.sign.publicKey))).toBe('accepted');
    expect(await reasonOf(() => verifyRegistration(rotation, second.sign.publicKey))).toEqual({ reason: 'invalid_public_key', field: 'signPublicKey' });
    const stranger = await generateAgencyKeyEpoch(AGENCY, 1);
    expect(await reasonOf(() => verifyRegistration(rotation, stranger.sign.publicKey))).toEqual({ reason: 'bad_rotation_signature', field: 'rotationSignature' });
  });

  it('names the field of a crypto refusal', async () => {
    const registration = { ...(await signKeyRegistration(await generateAgencyKeyEpoch(AGENCY, 1))) };
    expect(await reasonOf(() => checkRegistrationAlone({ ...registration, suite: 'ccr9' }))).toEqual({ reason: 'unsupported_suite', field: 'suite' });
    expect(await reasonOf(() => checkRegistrationAlone({ ...registration, boxPublicKey: 'AAAA' }))).toEqual({ reason: 'malformed', field: 'boxPublicKey' });
    expect(await reasonOf(() => checkRegistrationAlone({ ...registration, selfSignature: registration.selfSignature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }))).toEqual({
      reason: 'bad_self_signature',
      field: 'selfSignature',
    });
  });

  it('bounds createdAt by the server clock and the previous epoch, but accepts an old one', async () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    expect(await reasonOf(() => checkCreatedAt(at(CREATED_AT_MAX_SKEW_MS), null, NOW))).toBe('accepted');
    expect(await reasonOf(() => checkCreatedAt(at(CREATED_AT_MAX_SKEW_MS + 1), null, NOW))).toEqual({ reason: 'created_in_future', field: 'createdAt' });
    expect(await reasonOf(() => checkCreatedAt(at(-1), at(0), NOW))).toEqual({ reason: 'created_before_previous', field: 'createdAt' });
    expect(await reasonOf(() => checkCreatedAt(at(-400 * 86_400_000), null, NOW))).toBe('accepted');
  });

  it('recognises a retry whatever the member order, and nothing else', () => {
    const stored = { v: 1, epoch: 1, agencyId: AGENCY, previousEpoch: null };
    expect(sameRegistration(stored, { previousEpoch: null, agencyId: AGENCY, epoch: 1, v: 1 })).toBe(true);
    expect(sameRegistration(stored, { ...stored, epoch: 2 })).toBe(false);
  });
});
