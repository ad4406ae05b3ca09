import type { AgencyKeyEpoch } from '../../crypto';
import type { AgencyPin } from '../directory/pins';
import { KeystoreFileError } from '../errors';
import type { SdkExtra } from './keystore-extra';

/**
 * When the file changed on disk since this process read it (another process rotated or pinned),
 * saving merges instead of overwriting: a lost epoch secret key cannot be recovered. The same
 * epoch with two different keys means two rotations raced; that needs a person, not a guess.
 */
export function mergeEpochs(path: string, mine: readonly AgencyKeyEpoch[], theirs: readonly AgencyKeyEpoch[]): AgencyKeyEpoch[] {
  const byEpoch = new Map(mine.map((e) => [e.epoch, e]));
  for (const other of theirs) {
    const own = byEpoch.get(other.epoch);
    if (!own) byEpoch.set(other.epoch, other);
    else if (!sameBytes(own.sign.publicKey, other.sign.publicKey) || !sameBytes(own.box.publicKey, other.box.publicKey)) {
      throw new KeystoreFileError(
        'conflict',
        path,
        `the keystore on disk holds a different epoch ${other.epoch} than this process: two rotations raced; nothing was saved`,
      );
    }
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** Pins unite per agency; a pin this process removed stays removed; contradicting pins refuse. */
export function mergePins(path: string, mine: SdkExtra['pins'], theirs: SdkExtra['pins'], removed: ReadonlySet<string>): Map<string, AgencyPin> {
  const merged = new Map(mine);
  for (const [agencyId, other] of theirs) {
    if (removed.has(agencyId)) continue;
    const own = merged.get(agencyId);
    merged.set(agencyId, own ? mergePin(path, own, other) : other);
  }
  return merged;
}

function mergePin(path: string, own: AgencyPin, other: AgencyPin): AgencyPin {
  const [longer, shorter] = own.epochs.length >= other.epochs.length ? [own, other] : [other, own];
  for (const epoch of shorter.epochs) {
    const match = longer.epochs[epoch.epoch - 1];
    if (match.signPublicKey !== epoch.signPublicKey || match.boxPublicKey !== epoch.boxPublicKey) {
      throw new KeystoreFileError('conflict', path, `the keystore on disk pins other keys for agency ${own.agencyId} epoch ${epoch.epoch}; nothing was saved`);
    }
  }
  return {
    ...longer,
    origin: own.origin === 'fingerprint' || other.origin === 'fingerprint' ? 'fingerprint' : 'first_use',
    pinnedAt: own.pinnedAt < other.pinnedAt ? own.pinnedAt : other.pinnedAt,
    updatedAt: own.updatedAt > other.updatedAt ? own.updatedAt : other.updatedAt,
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
