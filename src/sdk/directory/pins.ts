/**
 * What a client pinned about another agency's keys. Stored in the agency's own (encrypted and
 * authenticated) keystore, so a pin can be neither read nor altered without the passphrase.
 */
export interface PinnedEpoch {
  epoch: number;
  /** Standard base64, as on the wire. */
  signPublicKey: string;
  boxPublicKey: string;
  createdAt: string;
  fingerprint: string;
}

/** How the first pin of an agency was established. */
export type PinOrigin = 'first_use' | 'fingerprint';

export interface AgencyPin {
  agencyId: string;
  /** Dense epochs 1..n, ascending, as verified when pinned. */
  epochs: PinnedEpoch[];
  origin: PinOrigin;
  pinnedAt: string;
  updatedAt: string;
}

export function highestPinnedEpoch(pin: AgencyPin): PinnedEpoch {
  return pin.epochs[pin.epochs.length - 1];
}

export function pinnedEpoch(pin: AgencyPin | undefined, epoch: number): PinnedEpoch | undefined {
  return pin?.epochs.find((e) => e.epoch === epoch);
}
