import { fromBase64Strict, type SigningKeyLookup } from '../../crypto';
import { CcrApiError, CcrUsageError, KeyNotAvailable, KeyPinViolation } from '../errors';
import type { Keyring } from '../keys/keyring';
import { checkListingAgainstPin, type PinChange, type VerifiedEpoch } from './pin-check';
import { type AgencyPin, highestPinnedEpoch, type PinOrigin, pinnedEpoch } from './pins';

/** Where listings come from (client.keys' HTTP calls); absent when working offline. */
export interface KeyListingSource {
  list(agencyId: string): Promise<unknown>;
}

/** What happens to another agency's keys that are not pinned yet (the keystore's strictPins also applies). */
export interface PinPolicy {
  /** Refuse them (KeyNotAvailable naming the fingerprint the directory presents) instead of pinning on first use. */
  strict?: boolean;
  /** Told after keys were pinned on first use, without a fingerprint compared: warn the person. */
  onFirstUse?: (entry: DirectoryEntry) => void;
}

export interface KeyDirectoryOptions {
  source?: KeyListingSource;
  pinPolicy?: PinPolicy;
  /** How long a verified listing counts as current before sealing fetches it again. */
  maxAgeMs?: number;
  now?: () => number;
}

/** An agency's keys as this client trusts them: verified, pinned, with fingerprints to compare. */
export interface DirectoryEntry {
  agencyId: string;
  currentEpoch: number;
  origin: PinOrigin;
  pinnedAt: string;
  updatedAt: string;
  epochs: (Omit<VerifiedEpoch, 'registration' | 'retiredAt'> & { retiredAt?: string | null })[];
  /** Set by refresh(): what the fetch changed in the pin. */
  change?: PinChange;
}

export interface BoxKey {
  epoch: number;
  publicKey: Uint8Array;
}

const DEFAULT_MAX_AGE_MS = 60_000;

/**
 * Other agencies' keys, resolved only through pins kept in the keystore. Online, a fetch is
 * checked against the pins before anything is used; offline, only pinned keys exist. The
 * agency's own keys come from its keystore, and the directory's view of them is cross-checked.
 */
export class KeyDirectory {
  readonly #verifiedAt = new Map<string, number>();

  constructor(
    private readonly keystore: Keyring,
    private readonly options: KeyDirectoryOptions = {},
  ) {}

  get online(): boolean {
    return this.options.source !== undefined;
  }

  /** Fetch, verify against the pin, update the pin (saving the keystore) and return the keys. */
  async refresh(agencyId: string, options: { expectFingerprint?: string } = {}): Promise<DirectoryEntry> {
    const source = this.options.source;
    if (!source) throw new CcrUsageError('fetching keys needs a connection to the API');
    const listing = await source.list(agencyId);
    const checked = await checkListingAgainstPin(listing, agencyId, this.keystore.pin(agencyId), {
      now: new Date(this.now()).toISOString(),
      expectFingerprint: options.expectFingerprint,
    });
    if (agencyId === this.keystore.agencyId) this.crossCheckOwnKeys(checked.epochs);
    const unverifiedFirstUse = checked.change === 'first_use' && options.expectFingerprint === undefined && agencyId !== this.keystore.agencyId;
    if (unverifiedFirstUse && (this.options.pinPolicy?.strict === true || this.keystore.strictPins)) throw refusedFirstUse(agencyId, highestPinnedEpoch(checked.pin).fingerprint);
    if (checked.change !== 'unchanged') {
      this.keystore.setPin(checked.pin);
      await this.keystore.save();
    }
    this.#verifiedAt.set(agencyId, this.now());
    const entry = { ...entryOf(checked.pin), epochs: checked.epochs.map(({ registration: _registration, ...rest }) => rest), change: checked.change };
    if (unverifiedFirstUse) this.options.pinPolicy?.onFirstUse?.(entry);
    return entry;
  }

  /** What is pinned for an agency, without any network call. */
  pinned(agencyId: string): DirectoryEntry | undefined {
    const pin = this.keystore.pin(agencyId);
    return pin && entryOf(pin);
  }

  pinnedAgencies(): DirectoryEntry[] {
    return this.keystore.pins().map(entryOf);
  }

  /** Forget an agency's pin, after a person confirmed a legitimate key change out of band. */
  async forget(agencyId: string): Promise<boolean> {
    const removed = this.keystore.removePin(agencyId);
    if (removed) await this.keystore.save();
    this.#verifiedAt.delete(agencyId);
    return removed;
  }

  /** The X25519 key to seal for: the agency's current epoch (refreshed online when stale). */
  async currentBoxKey(agencyId: string): Promise<BoxKey> {
    if (agencyId === this.keystore.agencyId) return { epoch: this.keystore.current.epoch, publicKey: this.keystore.current.box.publicKey };
    if (this.online && this.isStale(agencyId)) await this.refresh(agencyId);
    const pin = this.keystore.pin(agencyId);
    if (!pin) throw notPinned(agencyId, null);
    const current = highestPinnedEpoch(pin);
    return { epoch: current.epoch, publicKey: decodeKey(current.boxPublicKey) };
  }

  /** The Ed25519 key of an agency's epoch, or undefined (openRecord then refuses: unknown_signing_key). */
  async signingKey(agencyId: string, epoch: number): Promise<Uint8Array | undefined> {
    const local = this.localSigningKey(agencyId, epoch);
    if (local || !this.online) return local;
    // An epoch newer than the pin: fetch once; the new epoch is accepted only via a verified rotation.
    // No keys at all is "unknown" (openRecord then refuses); a pin violation stays loud.
    try {
      await this.refresh(agencyId);
    } catch (error) {
      if (error instanceof KeyNotAvailable || (error instanceof CcrApiError && error.status === 404)) return undefined;
      throw error;
    }
    return this.localSigningKey(agencyId, epoch);
  }

  signingKeys(): SigningKeyLookup {
    return (agencyId, epoch) => this.signingKey(agencyId, epoch);
  }

  private localSigningKey(agencyId: string, epoch: number): Uint8Array | undefined {
    if (agencyId === this.keystore.agencyId) {
      const own = this.keystore.epoch(epoch);
      if (own) return own.sign.publicKey;
    }
    const pinned = pinnedEpoch(this.keystore.pin(agencyId), epoch);
    return pinned && decodeKey(pinned.signPublicKey);
  }

  /** The directory must show this agency's own epochs exactly as its keystore holds them. */
  private crossCheckOwnKeys(epochs: VerifiedEpoch[]): void {
    for (const listed of epochs) {
      const local = this.keystore.epoch(listed.epoch);
      if (!local) continue;
      const same = decodeKey(listed.signPublicKey).every((b, i) => b === local.sign.publicKey[i]) && decodeKey(listed.boxPublicKey).every((b, i) => b === local.box.publicKey[i]);
      if (!same) {
        throw new KeyPinViolation(this.keystore.agencyId, 'own_key_mismatch', listed.epoch, `the directory shows keys for this agency's epoch ${listed.epoch} that this keystore does not hold`, undefined, listed.fingerprint);
      }
    }
  }

  private isStale(agencyId: string): boolean {
    const at = this.#verifiedAt.get(agencyId);
    return at === undefined || this.now() - at > (this.options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function entryOf(pin: AgencyPin): DirectoryEntry {
  return { agencyId: pin.agencyId, currentEpoch: highestPinnedEpoch(pin).epoch, origin: pin.origin, pinnedAt: pin.pinnedAt, updatedAt: pin.updatedAt, epochs: pin.epochs.map((e) => ({ ...e })) };
}

function refusedFirstUse(agencyId: string, fingerprint: string): KeyNotAvailable {
  return new KeyNotAvailable(
    agencyId,
    null,
    `the keys of agency ${agencyId} are not pinned, and strict pins refuse to trust a key on first use; the directory presents fingerprint ${fingerprint}: ` +
      `if the agency reads you the same over a channel you trust, pin it with ccrx keys pin --agency ${agencyId} --fingerprint "${fingerprint}"`,
  );
}

function notPinned(agencyId: string, epoch: number | null): KeyNotAvailable {
  return new KeyNotAvailable(agencyId, epoch, `no keys are pinned for agency ${agencyId}: fetch them online first (ccrx keys show --agency ${agencyId})`);
}

function decodeKey(base64: string): Uint8Array {
  const bytes = fromBase64Strict(base64);
  if (bytes?.length !== 32) throw new KeyNotAvailable('unknown', null, 'a pinned key is not 32 bytes of base64');
  return bytes;
}
