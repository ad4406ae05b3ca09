import { randomUUID } from 'node:crypto';
import { type AgencyKeyEpoch, generateAgencyKeyEpoch } from '../../crypto';
import { KeyNotAvailable, KeyPinViolation, type KeyPinViolationReason } from '../errors';
import { listingFor } from '../testing/in-memory-key-registry';
import { checkListingAgainstPin } from './pin-check';
import type { AgencyPin } from './pins';

const NOW = '2026-02-01T10:00:00.000Z';

async function chain(agencyId: string, length: number): Promise<AgencyKeyEpoch[]> {
  const epochs: AgencyKeyEpoch[] = [];
  for (let epoch = 1; epoch <= length; epoch++) epochs.push(await generateAgencyKeyEpoch(agencyId, epoch));
  return epochs;
}

async function expectViolation(promise: Promise<unknown>, reason: KeyPinViolationReason, epoch?: number): Promise<KeyPinViolation> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KeyPinViolation);
  expect(error).toMatchObject({ reason, ...(epoch === undefined ? {} : { epoch }) });
  return error as KeyPinViolation;
}

describe('checkListingAgainstPin', () => {
  let agencyId: string;
  let genuine: AgencyKeyEpoch[];
  let pinnedEpoch1: AgencyPin;

  beforeEach(async () => {
    agencyId = randomUUID();
    genuine = await chain(agencyId, 2);
    pinnedEpoch1 = (await checkListingAgainstPin(await listingFor(genuine.slice(0, 1)), agencyId, undefined, { now: NOW })).pin;
  });

  describe('trust on first use', () => {
    it('pins the whole verified chain the first time', async () => {
      const result = await checkListingAgainstPin(await listingFor(genuine), agencyId, undefined, { now: NOW });
      expect(result.change).toBe('first_use');
      expect(result.pin).toMatchObject({ agencyId, origin: 'first_use', pinnedAt: NOW });
      expect(result.pin.epochs.map((e) => e.epoch)).toEqual([1, 2]);
      expect(result.pin.epochs[1].fingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
      expect(result.pin.epochs[1].signPublicKey).toBe(Buffer.from(genuine[1].sign.publicKey).toString('base64'));
    });

    it('reports nothing new when the directory shows the pinned keys again', async () => {
      const result = await checkListingAgainstPin(await listingFor(genuine.slice(0, 1)), agencyId, pinnedEpoch1, { now: '2026-03-01T00:00:00.000Z' });
      expect(result.change).toBe('unchanged');
      expect(result.pin.updatedAt).toBe(NOW);
    });

    it('refuses even a first listing whose chain does not verify', async () => {
      const stranger = await generateAgencyKeyEpoch(agencyId, 1);
      await expectViolation(checkListingAgainstPin(await listingFor(genuine, [undefined, stranger.sign.privateKey]), agencyId, undefined, { now: NOW }), 'registration_invalid', 2);
    });

    it('says plainly when an agency has registered no keys', async () => {
      await expect(checkListingAgainstPin({ agencyId, currentEpoch: null, epochs: [] }, agencyId, undefined, { now: NOW })).rejects.toBeInstanceOf(KeyNotAvailable);
    });
  });

  describe('rotation', () => {
    it('accepts a new epoch signed by the pinned previous key', async () => {
      const result = await checkListingAgainstPin(await listingFor(genuine), agencyId, pinnedEpoch1, { now: '2026-03-01T00:00:00.000Z' });
      expect(result.change).toBe('rotated');
      expect(result.newEpochs).toEqual([2]);
      expect(result.pin.epochs).toHaveLength(2);
      expect(result.pin.pinnedAt).toBe(NOW);
      expect(result.pin.updatedAt).toBe('2026-03-01T00:00:00.000Z');
    });

    it('refuses a new epoch signed by any key other than the pinned previous one', async () => {
      const attacker = await generateAgencyKeyEpoch(agencyId, 1);
      const forged = await listingFor(genuine, [undefined, attacker.sign.privateKey]);
      const violation = await expectViolation(checkListingAgainstPin(forged, agencyId, pinnedEpoch1, { now: NOW }), 'bad_rotation_signature', 2);
      expect(violation.pinnedFingerprint).toBe(pinnedEpoch1.epochs[0].fingerprint);
    });
  });

  describe('directory substitution', () => {
    it('refuses other keys under a pinned epoch, naming both fingerprints', async () => {
      const substitute = await chain(agencyId, 1);
      const violation = await expectViolation(checkListingAgainstPin(await listingFor(substitute), agencyId, pinnedEpoch1, { now: NOW }), 'key_substituted', 1);
      expect(violation.pinnedFingerprint).toBe(pinnedEpoch1.epochs[0].fingerprint);
      expect(violation.presentedFingerprint).toMatch(/^[0-9a-f ]{39}$/);
      expect(violation.presentedFingerprint).not.toBe(violation.pinnedFingerprint);
    });

    it('refuses a whole substituted chain, however consistent it is in itself', async () => {
      const substitute = await chain(agencyId, 3);
      await expectViolation(checkListingAgainstPin(await listingFor(substitute), agencyId, pinnedEpoch1, { now: NOW }), 'key_substituted', 1);
    });

    it('refuses a rollback that hides a pinned epoch', async () => {
      const pinned = (await checkListingAgainstPin(await listingFor(genuine), agencyId, undefined, { now: NOW })).pin;
      await expectViolation(checkListingAgainstPin(await listingFor(genuine.slice(0, 1)), agencyId, pinned, { now: NOW }), 'pinned_epoch_missing', 2);
      await expectViolation(checkListingAgainstPin({ agencyId, currentEpoch: null, epochs: [] }, agencyId, pinned, { now: NOW }), 'pinned_epoch_missing');
    });

    it('refuses listed keys that differ from the signed registration', async () => {
      const listing = (await listingFor(genuine.slice(0, 1))) as { epochs: { boxPublicKey: string }[] };
      listing.epochs[0].boxPublicKey = Buffer.alloc(32, 9).toString('base64');
      await expectViolation(checkListingAgainstPin(listing, agencyId, undefined, { now: NOW }), 'listing_invalid', 1);
    });

    it("refuses another agency's listing, gaps, and a currentEpoch that is not the highest", async () => {
      const other = randomUUID();
      await expectViolation(checkListingAgainstPin(await listingFor(genuine), other, undefined, { now: NOW }), 'listing_invalid');
      const gap = (await listingFor(genuine)) as { epochs: unknown[] };
      gap.epochs.splice(0, 1);
      await expectViolation(checkListingAgainstPin({ ...gap, currentEpoch: 2 }, agencyId, undefined, { now: NOW }), 'listing_invalid');
      const stale = { ...((await listingFor(genuine)) as object), currentEpoch: 1 };
      await expectViolation(checkListingAgainstPin(stale, agencyId, undefined, { now: NOW }), 'listing_invalid');
    });
  });

  describe('fingerprints given out of band', () => {
    it('pins as verified when the current fingerprint matches (spaces and case ignored)', async () => {
      const first = await checkListingAgainstPin(await listingFor(genuine), agencyId, undefined, { now: NOW });
      const spoken = first.pin.epochs[1].fingerprint.toUpperCase().replace(/ /g, '');
      const result = await checkListingAgainstPin(await listingFor(genuine), agencyId, undefined, { now: NOW, expectFingerprint: spoken });
      expect(result.pin.origin).toBe('fingerprint');
      const confirmed = await checkListingAgainstPin(await listingFor(genuine), agencyId, first.pin, { now: NOW, expectFingerprint: spoken });
      expect(confirmed).toMatchObject({ change: 'confirmed', pin: { origin: 'fingerprint' } });
    });

    it('refuses to pin when the fingerprint differs', async () => {
      const substitute = await chain(agencyId, 1);
      const violation = await expectViolation(
        checkListingAgainstPin(await listingFor(substitute), agencyId, undefined, { now: NOW, expectFingerprint: pinnedEpoch1.epochs[0].fingerprint }),
        'fingerprint_mismatch',
        1,
      );
      expect(violation.presentedFingerprint).not.toBe(pinnedEpoch1.epochs[0].fingerprint);
    });
  });
});
