import { generateAgencyKeyEpoch, signKeyRegistration } from '../../crypto';
import type { KeyRegistry } from '../api/keys-api';
import type { DirectoryEntry, KeyDirectory } from '../directory/key-directory';
import { CcrApiError, CcrUsageError, KeyNotAvailable, KeystoreOutOfDate } from '../errors';
import { AgencyKeystore } from '../keystore/agency-keystore';
import type { Keyring } from './keyring';

export interface RegistrationOutcome {
  agencyId: string;
  currentEpoch: number;
  /** Epochs this call registered. */
  registered: number[];
  /** Epochs the directory already held, with exactly this keystore's keys (e.g. a retried call). */
  alreadyRegistered: number[];
  fingerprint: string;
}

export interface RotationOutcome extends RegistrationOutcome {
  epoch: number;
  /** True when an earlier rotation had saved its epoch but not registered it: this call finished it. */
  resumed: boolean;
}

/**
 * This agency's key lifecycle against the directory. Crash safety: a new epoch is saved to the
 * keystore BEFORE it is registered, and registering is a sync of "local epochs the directory does
 * not have yet", so any interrupted rotation is completed by the next register() or rotate().
 * Signatures are deterministic, so a retried registration is byte-identical to the first.
 */
export class KeyManager {
  constructor(
    private readonly keyring: Keyring,
    private readonly api: KeyRegistry,
    private readonly directory: KeyDirectory,
  ) {}

  /** Registering and rotating from a file keystore; a person's keyring rotates through MemberRotation. */
  private get keystore(): AgencyKeystore {
    if (!(this.keyring instanceof AgencyKeystore)) throw new CcrUsageError("a person's membership keys rotate with client.members.rotate(), which re-wraps the new epoch to every member");
    return this.keyring;
  }

  /** Registers every local epoch the directory lacks (normally just the current one). */
  async register(): Promise<RegistrationOutcome> {
    const registeredUpTo = await this.registeredEpoch();
    const registered: number[] = [];
    const alreadyRegistered: number[] = [];
    for (let epoch = registeredUpTo + 1; epoch <= this.keystore.current.epoch; epoch++) {
      const outcome = (await this.registerEpoch(epoch)) ? registered : alreadyRegistered;
      outcome.push(epoch);
    }
    const entry = await this.directory.refresh(this.keystore.agencyId);
    return {
      agencyId: this.keystore.agencyId,
      currentEpoch: entry.currentEpoch,
      registered,
      alreadyRegistered: [...range(1, registeredUpTo), ...alreadyRegistered],
      fingerprint: fingerprintOf(entry, entry.currentEpoch),
    };
  }

  /**
   * Creates epoch n+1, signed by epoch n; saves it (marked pending); registers it; clears the
   * mark. Called again after an interruption, it finishes that rotation instead of starting a
   * second one — whether or not the directory received it before the interruption.
   */
  async rotate(): Promise<RotationOutcome> {
    const registeredUpTo = await this.registeredEpoch();
    const current = this.keystore.current.epoch;
    if (current > registeredUpTo || this.keystore.pendingRotation === current) {
      return { ...(await this.registerAndSettle()), epoch: current, resumed: true };
    }
    const next = await generateAgencyKeyEpoch(this.keystore.agencyId, current + 1);
    this.keystore.addEpoch(next);
    this.keystore.setPendingRotation(next.epoch);
    await this.keystore.save();
    return { ...(await this.registerAndSettle()), epoch: next.epoch, resumed: false };
  }

  private async registerAndSettle(): Promise<RegistrationOutcome> {
    const outcome = await this.register();
    if (this.keystore.pendingRotation !== undefined) {
      this.keystore.setPendingRotation(undefined);
      await this.keystore.save();
    }
    return outcome;
  }

  /** Fetches, verifies and pins another agency's keys (see KeyDirectory.refresh). */
  get(agencyId: string, options: { expectFingerprint?: string } = {}): Promise<DirectoryEntry> {
    return this.directory.refresh(agencyId, options);
  }

  /** True if this call registered the epoch; false if the directory already had it, identical. */
  private async registerEpoch(epoch: number): Promise<boolean> {
    const keys = this.keystore.epoch(epoch);
    if (!keys) throw new KeyNotAvailable(this.keystore.agencyId, epoch, `this keystore lacks epoch ${epoch}`);
    const registration = await signKeyRegistration(keys, epoch > 1 ? this.keystore.epoch(epoch - 1)?.sign.privateKey : undefined);
    try {
      return (await this.api.register(registration)).created;
    } catch (error) {
      // A directory that answers 409 to a repeat (rather than 200) is handled too: the refresh
      // verifies the chain and that the listed keys are exactly ours (else it throws).
      if (!(error instanceof CcrApiError) || error.status !== 409) throw error;
      if ((await this.registeredEpoch()) >= epoch) return false;
      throw error;
    }
  }

  /** The highest epoch the directory lists for this agency (0 for none), verified and cross-checked. */
  private async registeredEpoch(): Promise<number> {
    let current: number;
    try {
      current = (await this.directory.refresh(this.keystore.agencyId)).currentEpoch;
    } catch (error) {
      const none = error instanceof KeyNotAvailable || (error instanceof CcrApiError && error.status === 404);
      if (!none) throw error;
      current = 0;
    }
    if (current > this.keystore.current.epoch) throw new KeystoreOutOfDate(this.keystore.agencyId, this.keystore.current.epoch, current);
    return current;
  }
}

function fingerprintOf(entry: DirectoryEntry, epoch: number): string {
  return entry.epochs.find((e) => e.epoch === epoch)?.fingerprint ?? '';
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
