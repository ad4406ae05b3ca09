import { fromBase64Strict, keyFingerprint, type KeyRegistrationV1, KeyRegistrationError, toBase64, verifyKeyRegistration, type VerifiedKeyRegistration } from '../../crypto';
import { KeyNotAvailable, KeyPinViolation } from '../errors';
import { type AgencyKeyEpochListing, parseKeyListing } from './key-listing';
import { type AgencyPin, type PinnedEpoch, pinnedEpoch } from './pins';

export interface VerifiedEpoch extends PinnedEpoch {
  retiredAt: string | null;
  registration: KeyRegistrationV1;
}

/** What changed in the pin: nothing, a first pin, or epochs added by a verified rotation. */
export type PinChange = 'first_use' | 'unchanged' | 'rotated' | 'confirmed';

export interface PinCheck {
  agencyId: string;
  epochs: VerifiedEpoch[];
  pin: AgencyPin;
  change: PinChange;
  newEpochs: number[];
}

export interface PinCheckOptions {
  now: string;
  /** A fingerprint of the current epoch, obtained out of band: turns trust-on-first-use into a verified pin. */
  expectFingerprint?: string;
}

/**
 * The pinning rules (docs/sdk.md "Key pinning"):
 * 1. the listing is one dense chain 1..n for this agency, each registration verifying — epoch 1
 *    self-signed, epoch e signed by epoch e-1's key — and agreeing with the listed fields;
 * 2. every pinned epoch is still listed with exactly the pinned keys (no substitution, no rollback);
 * 3. a new epoch verifies against the PINNED previous key, never one the listing supplies;
 * 4. without a pin, the whole chain is pinned on first use (or checked against a fingerprint).
 * Any failure throws KeyPinViolation and pins nothing.
 */
export async function checkListingAgainstPin(listing: unknown, agencyId: string, pin: AgencyPin | undefined, options: PinCheckOptions): Promise<PinCheck> {
  const parsed = parseKeyListing(listing, agencyId);
  if (parsed.epochs.length === 0) {
    if (pin) throw new KeyPinViolation(agencyId, 'pinned_epoch_missing', 1, 'the directory lists no keys although keys were pinned');
    throw new KeyNotAvailable(agencyId, null, `agency ${agencyId} has registered no keys yet`);
  }
  if (pin && parsed.epochs.length < pin.epochs.length) {
    const missing = parsed.epochs.length + 1;
    throw new KeyPinViolation(agencyId, 'pinned_epoch_missing', missing, `pinned epoch ${missing} is no longer listed (rollback to an older key?)`, pinnedEpoch(pin, missing)?.fingerprint);
  }
  const epochs: VerifiedEpoch[] = [];
  for (const entry of parsed.epochs) epochs.push(await verifyEntry(entry, epochs[epochs.length - 1], pin));
  const current = epochs[epochs.length - 1];
  const confirmed = options.expectFingerprint !== undefined && checkFingerprint(agencyId, current, options.expectFingerprint);
  const newEpochs = epochs.slice(pin?.epochs.length ?? 0).map((e) => e.epoch);
  const change: PinChange = !pin ? 'first_use' : newEpochs.length > 0 ? 'rotated' : confirmed && pin.origin !== 'fingerprint' ? 'confirmed' : 'unchanged';
  return { agencyId, epochs, pin: nextPin(agencyId, epochs, pin, change, confirmed, options.now), change, newEpochs };
}

async function verifyEntry(entry: AgencyKeyEpochListing, previous: VerifiedEpoch | undefined, pin: AgencyPin | undefined): Promise<VerifiedEpoch> {
  const pinned = pinnedEpoch(pin, entry.epoch);
  // Against the pin first: a substituted key is named as such, whatever its signatures say.
  if (pinned) await checkAgainstPin(entry, pinned, entry.signPublicKey, entry.boxPublicKey);
  const registration = await verifyRegistration(entry, previous, pin);
  const keys = { signPublicKey: toBase64(registration.signPublicKey), boxPublicKey: toBase64(registration.boxPublicKey) };
  if (pinned) await checkAgainstPin(entry, pinned, keys.signPublicKey, keys.boxPublicKey);
  if (keys.signPublicKey !== entry.signPublicKey || keys.boxPublicKey !== entry.boxPublicKey || registration.createdAt !== entry.createdAt) {
    throw new KeyPinViolation(entry.agencyId, 'listing_invalid', entry.epoch, 'the listed keys differ from the signed registration');
  }
  const fingerprint = await keyFingerprint(registration);
  return { epoch: entry.epoch, ...keys, createdAt: entry.createdAt, fingerprint, retiredAt: entry.retiredAt, registration: entry.registration as KeyRegistrationV1 };
}

async function checkAgainstPin(entry: AgencyKeyEpochListing, pinned: PinnedEpoch, signPublicKey: string, boxPublicKey: string): Promise<void> {
  if (pinned.signPublicKey === signPublicKey && pinned.boxPublicKey === boxPublicKey) return;
  const presented = await presentedFingerprint(entry.agencyId, entry.epoch, signPublicKey, boxPublicKey);
  throw new KeyPinViolation(
    entry.agencyId,
    'key_substituted',
    entry.epoch,
    `the directory now shows other keys for pinned epoch ${entry.epoch} (pinned ${pinned.fingerprint}, presented ${presented ?? 'malformed keys'})`,
    pinned.fingerprint,
    presented,
  );
}

async function presentedFingerprint(agencyId: string, epoch: number, signPublicKey: string, boxPublicKey: string): Promise<string | undefined> {
  const sign = fromBase64Strict(signPublicKey);
  const box = fromBase64Strict(boxPublicKey);
  return sign?.length === 32 && box?.length === 32 ? keyFingerprint({ agencyId, epoch, signPublicKey: sign, boxPublicKey: box }) : undefined;
}

/** Verifies with the previous epoch's key as PINNED when it is pinned, else as verified just before. */
async function verifyRegistration(entry: AgencyKeyEpochListing, previous: VerifiedEpoch | undefined, pin: AgencyPin | undefined): Promise<VerifiedKeyRegistration> {
  const previousKey = entry.epoch === 1 ? null : (pinnedEpoch(pin, entry.epoch - 1) ?? previous)?.signPublicKey;
  try {
    const verified = await verifyKeyRegistration(entry.registration, previousKey ? fromBase64Strict(previousKey) : null);
    if (verified.agencyId !== entry.agencyId || verified.epoch !== entry.epoch) throw new KeyRegistrationError('malformed', 'the registration names another agency or epoch');
    return verified;
  } catch (error) {
    if (!(error instanceof KeyRegistrationError)) throw error;
    const rotation = entry.epoch > 1 && (error.code === 'bad_rotation_signature' || error.code === 'invalid_public_key' || error.code === 'rotation_key_required');
    const previousWasPinned = pinnedEpoch(pin, entry.epoch - 1) !== undefined;
    const reason = rotation && previousWasPinned ? 'bad_rotation_signature' : 'registration_invalid';
    const pinnedPrevious = pinnedEpoch(pin, entry.epoch - 1)?.fingerprint;
    throw new KeyPinViolation(entry.agencyId, reason, entry.epoch, `the registration of epoch ${entry.epoch} does not verify (${error.code})`, pinnedPrevious);
  }
}

function checkFingerprint(agencyId: string, current: VerifiedEpoch, expected: string): true {
  const normalize = (fp: string) => fp.replace(/\s+/g, '').toLowerCase();
  if (normalize(expected) !== normalize(current.fingerprint)) {
    throw new KeyPinViolation(
      agencyId,
      'fingerprint_mismatch',
      current.epoch,
      `the current epoch's fingerprint is ${current.fingerprint}, not the one given; do not use these keys until the agency confirms`,
      undefined,
      current.fingerprint,
    );
  }
  return true;
}

function nextPin(agencyId: string, epochs: VerifiedEpoch[], pin: AgencyPin | undefined, change: PinChange, confirmed: boolean, now: string): AgencyPin {
  const pinnedEpochs = epochs.map(({ epoch, signPublicKey, boxPublicKey, createdAt, fingerprint }) => ({ epoch, signPublicKey, boxPublicKey, createdAt, fingerprint }));
  return {
    agencyId,
    epochs: pinnedEpochs,
    origin: confirmed || pin?.origin === 'fingerprint' ? 'fingerprint' : 'first_use',
    pinnedAt: pin?.pinnedAt ?? now,
    updatedAt: change === 'unchanged' && pin ? pin.updatedAt : now,
  };
}
