import { KeyPinViolation } from '../errors';

/** One epoch as GET /agencies/:agencyId/keys lists it. */
export interface AgencyKeyEpochListing {
  agencyId: string;
  epoch: number;
  signPublicKey: string;
  boxPublicKey: string;
  createdAt: string;
  retiredAt: string | null;
  /** The signed KeyRegistrationV1 as uploaded: the only part the client trusts, after verifying it. */
  registration: unknown;
}

export interface AgencyKeysListing {
  agencyId: string;
  currentEpoch: number | null;
  epochs: AgencyKeyEpochListing[];
}

/**
 * Checks the listing's shape and that it is one dense chain 1..current for the agency asked
 * about. Any contradiction is treated as an attack (KeyPinViolation), not as a parse error:
 * it is exactly what a directory hiding or reordering epochs would produce.
 */
export function parseKeyListing(value: unknown, agencyId: string): AgencyKeysListing {
  const violation = (detail: string) => new KeyPinViolation(agencyId, 'listing_invalid', null, detail);
  if (!isRecord(value) || value.agencyId !== agencyId || !Array.isArray(value.epochs)) throw violation('the key listing is not for this agency');
  const epochs = value.epochs.map((entry: unknown) => parseEntry(entry, agencyId, violation));
  epochs.sort((a, b) => a.epoch - b.epoch);
  if (epochs.some((e, i) => e.epoch !== i + 1)) throw violation('the listed epochs are not 1, 2, 3... without gaps');
  const current = value.currentEpoch ?? null;
  const expected = epochs.length === 0 ? null : epochs.length;
  // Some servers may answer 0 for "no keys yet"; both mean the same.
  if (current !== expected && !(expected === null && current === 0)) throw violation('currentEpoch is not the highest listed epoch');
  return { agencyId, currentEpoch: expected, epochs };
}

function parseEntry(entry: unknown, agencyId: string, violation: (detail: string) => KeyPinViolation): AgencyKeyEpochListing {
  const ok =
    isRecord(entry) &&
    entry.agencyId === agencyId &&
    typeof entry.epoch === 'number' &&
    Number.isSafeInteger(entry.epoch) &&
    typeof entry.signPublicKey === 'string' &&
    typeof entry.boxPublicKey === 'string' &&
    typeof entry.createdAt === 'string' &&
    (entry.retiredAt === null || entry.retiredAt === undefined || typeof entry.retiredAt === 'string') &&
    isRecord(entry.registration);
  if (!ok) throw violation('a listed epoch is malformed or belongs to another agency');
  const e = entry as unknown as AgencyKeyEpochListing;
  return { agencyId, epoch: e.epoch, signPublicKey: e.signPublicKey, boxPublicKey: e.boxPublicKey, createdAt: e.createdAt, retiredAt: e.retiredAt ?? null, registration: e.registration };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
