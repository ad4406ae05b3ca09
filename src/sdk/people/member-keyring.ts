import {
  type AgencyKeyEpoch,
  fromBase64Strict,
  openMembershipWrap,
  openPersonEnvelope,
  type PersonKeys,
  personUnlockKey,
  type RecipientIdentity,
  toBase64,
  wipeSecrets,
} from '../../crypto';
import { checkListingAgainstPin } from '../directory/pin-check';
import type { AgencyPin } from '../directory/pins';
import { CcrUsageError } from '../errors';
import type { Keyring } from '../keys/keyring';

/** GET /people/me/keys, as the server answers it. */
export interface MyKeysAnswer {
  signPublicKey: string;
  boxPublicKey: string;
  envelope: string;
  keyVersion: number;
  wraps: readonly { agencyId: string; epoch: number; wrap: string; signature: string }[];
}

export interface UnlockOptions {
  personId: string;
  agencyId: string;
  /** OPAQUE's export key from this sign-in (client.finishLogin): the unlock root. Never sent anywhere. */
  exportKey?: string;
  /** Or the person's keys opened already (a passkey's PRF envelope: openKeysWithPasskey, decision 0112). */
  ownKeys?: PersonKeys;
  myKeys: MyKeysAnswer;
  /** GET /agencies/{agencyId}/keys: the agency's registered epochs, verified here as a chain. */
  agencyListing: unknown;
  /** The agency's pin, if this client kept one; else the listing is pinned on first use (or checked against `expectFingerprint`). */
  pin?: AgencyPin;
  expectFingerprint?: string;
}

/**
 * An agency's keys opened from a person's membership wraps (issue 19): the person's envelope opens
 * under a key derived from the OPAQUE export key, and each wrap is used only if the agency's
 * registered key of its epoch — from a verified key chain — signed it for this person's keys, and
 * the keys inside are that epoch's registered ones. A wrap the server made up is refused
 * (PersonKeyError 'bad_wrap_signature'). No keystore file anywhere; pins live in memory.
 */
export class MemberKeyring implements Keyring {
  readonly #epochs: AgencyKeyEpoch[];
  readonly #person: PersonKeys;
  readonly #pins = new Map<string, AgencyPin>();
  /** Pins live in memory only: the client's pinPolicy decides about keys seen for the first time. */
  readonly strictPins = false;

  private constructor(
    readonly agencyId: string,
    person: PersonKeys,
    epochs: AgencyKeyEpoch[],
    ownPin: AgencyPin,
  ) {
    this.#person = person;
    this.#epochs = epochs;
    this.#pins.set(agencyId, ownPin);
  }

  static async unlock(options: UnlockOptions): Promise<MemberKeyring> {
    const person = await openOwnKeys(options);
    const checked = await checkListingAgainstPin(options.agencyListing, options.agencyId, options.pin, { now: new Date().toISOString(), expectFingerprint: options.expectFingerprint });
    const epochs: AgencyKeyEpoch[] = [];
    for (const wrap of options.myKeys.wraps.filter((each) => each.agencyId === options.agencyId)) {
      const registered = checked.epochs.find((epoch) => epoch.epoch === wrap.epoch);
      if (!registered) throw new CcrUsageError(`the agency has no registered epoch ${wrap.epoch}; its wrap is not used`);
      epochs.push(
        await openMembershipWrap(
          { agencyId: wrap.agencyId, epoch: wrap.epoch, personId: options.personId, wrap: bytes(wrap.wrap), signature: bytes(wrap.signature) },
          person,
          { signPublicKey: bytes(registered.signPublicKey), boxPublicKey: bytes(registered.boxPublicKey) },
        ),
      );
    }
    if (epochs.length === 0) throw new CcrUsageError('no membership wrap for this agency yet: a member must add you (and compare your fingerprint)');
    epochs.sort((a, b) => a.epoch - b.epoch);
    return new MemberKeyring(options.agencyId, person, epochs, checked.pin);
  }

  get personId(): string {
    return this.#person.personId;
  }

  get epochs(): readonly AgencyKeyEpoch[] {
    return this.#epochs;
  }

  get current(): AgencyKeyEpoch {
    return this.#epochs[this.#epochs.length - 1];
  }

  epoch(epoch: number): AgencyKeyEpoch | undefined {
    return this.#epochs.find((each) => each.epoch === epoch);
  }

  identity(): RecipientIdentity {
    return { agencyId: this.agencyId, boxKeyPair: (epoch) => this.epoch(epoch)?.box };
  }

  pin(agencyId: string): AgencyPin | undefined {
    return this.#pins.get(agencyId);
  }

  pins(): AgencyPin[] {
    return [...this.#pins.values()];
  }

  setPin(pin: AgencyPin): void {
    this.#pins.set(pin.agencyId, pin);
  }

  removePin(agencyId: string): boolean {
    return this.#pins.delete(agencyId);
  }

  /** The epoch this client's rotation just registered and wrapped to this person (see MembersApi.rotate). */
  addEpoch(next: AgencyKeyEpoch): void {
    if (next.agencyId !== this.agencyId || next.epoch !== this.current.epoch + 1) throw new CcrUsageError(`the next epoch of agency ${this.agencyId} must be ${this.current.epoch + 1}`);
    this.#epochs.push(next);
  }

  /** Pins stay in memory: a person's device keeps nothing between sign-ins. */
  async save(): Promise<void> {}

  /** Wipes the secret keys held (best effort); lock = close and sign in again. */
  async close(): Promise<void> {
    await wipeSecrets(this.#person.sign.privateKey, this.#person.box.privateKey, ...this.#epochs.flatMap((epoch) => [epoch.sign.privateKey, epoch.box.privateKey]));
  }

  toJSON(): Record<string, unknown> {
    return { agencyId: this.agencyId, personId: this.personId, epochs: this.#epochs.map((epoch) => epoch.epoch) };
  }
}

async function openOwnKeys(options: UnlockOptions): Promise<PersonKeys> {
  if (options.ownKeys) return options.ownKeys;
  if (!options.exportKey) throw new CcrUsageError('unlock needs the export key of a password sign-in, or keys opened by a passkey');
  const unlockKey = await personUnlockKey(options.exportKey, options.personId);
  try {
    const person = await openPersonEnvelope(bytes(options.myKeys.envelope), unlockKey, options.personId, options.myKeys.keyVersion);
    if (toBase64(person.sign.publicKey) !== options.myKeys.signPublicKey || toBase64(person.box.publicKey) !== options.myKeys.boxPublicKey) {
      throw new CcrUsageError('the envelope opened, but its keys are not the public keys the server lists for you');
    }
    return person;
  } finally {
    await wipeSecrets(unlockKey);
  }
}

function bytes(text: string): Uint8Array {
  const decoded = fromBase64Strict(text);
  if (!decoded) throw new CcrUsageError('the server sent a value that is not canonical base64');
  return decoded;
}
