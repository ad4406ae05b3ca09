import type { AgencyKeyEpoch, RecipientIdentity } from '../../crypto';
import type { AgencyPin } from '../directory/pins';

/**
 * An agency's keys as a client holds them, whichever way it opened them: a service account's
 * file keystore (AgencyKeystore) or a person's membership wraps (MemberKeyring). Sealing, opening
 * and the key directory take either. Epochs hold secret keys: never log them.
 */
export interface Keyring {
  readonly agencyId: string;
  /** Every epoch this client holds, ascending. */
  readonly epochs: readonly AgencyKeyEpoch[];
  /** The highest epoch held: what new records are sealed and signed with. */
  readonly current: AgencyKeyEpoch;
  epoch(epoch: number): AgencyKeyEpoch | undefined;
  /** The opening identity for src/crypto openRecord. */
  identity(): RecipientIdentity;
  /** Pins of other agencies' keys (docs/sdk.md "Key pinning"). */
  pin(agencyId: string): AgencyPin | undefined;
  pins(): AgencyPin[];
  setPin(pin: AgencyPin): void;
  removePin(agencyId: string): boolean;
  /** Keeps pins for the next run where the keyring can (a file keystore); a member keyring keeps them in memory. */
  save(): Promise<void>;
  /** Refuse partners' keys not pinned yet, rather than pin them on first use (the keystore's setting; a member keyring leaves it to the client's pinPolicy). */
  readonly strictPins: boolean;
}
