import { getSodium, type Sodium } from '../../crypto';
import { checkKeyTransition, KeyTransitionRefused, type KeyTransitionRefusal, parseKeyTransition } from './key-transition';
import { formatKeyId, formatVerifierKey, type PublicKeyInfo, SignatureType } from './keys';
import { type NoteVerifier, parseNote } from './note';
import { ed25519NoteVerifier } from './signers';

/** A log key and the tree sizes it signs: from `from` up to the next period's `from`. */
export interface LogKeyPeriod {
  readonly vkey: string;
  readonly verifier: NoteVerifier;
  readonly from: number;
  /** The signed transition that brought this key in; null for the root. */
  readonly transition: { readonly index: number | null; readonly note: string } | null;
}

/** A transition as a log serves it: the signed note, and the index of its entry in the log. */
export interface ServedKeyTransition {
  readonly index: number | null;
  readonly note: string;
}

export interface KeyTransitionFailure {
  readonly reason: KeyTransitionRefusal;
  /** Position in the served list (0-based). */
  readonly position: number;
  /** The log index the server gave for it, if any. */
  readonly index: number | null;
  readonly message: string;
}

/**
 * The log's keys over its tree sizes, as far as a verifier could follow them from a key it
 * trusts (its trust policy's root): each key after the root was handed over by a transition the
 * key before it signed. "The key in force for size n" is the key of the last period starting at or
 * before n. Immutable.
 */
export class LogKeyHistory {
  private constructor(readonly periods: readonly LogKeyPeriod[]) {}

  /** Only the root: every size is signed by it (a log that never changed its key). */
  static rootedAt(root: NoteVerifier): LogKeyHistory {
    if (root.type !== SignatureType.Ed25519) throw new RangeError('a log key is an Ed25519 (type 0x01) key');
    return new LogKeyHistory([{ vkey: formatVerifierKey(root.name, SignatureType.Ed25519, root.publicKey), verifier: root, from: 0, transition: null }]);
  }

  get root(): LogKeyPeriod {
    return this.periods[0];
  }

  /** The latest key: the one that signs new checkpoints. */
  get current(): LogKeyPeriod {
    return this.periods[this.periods.length - 1];
  }

  inForce(treeSize: number): LogKeyPeriod {
    let found = this.periods[0];
    for (const period of this.periods) if (period.from <= treeSize) found = period;
    return found;
  }

  /** The period of a key (by signed-note name and key ID), if it is one of this history's. */
  periodOf(key: { readonly name: string; readonly keyId: number }): LogKeyPeriod | undefined {
    return this.periods.find((period) => period.verifier.name === key.name && period.verifier.keyId === key.keyId);
  }

  /** The first size a period does not sign (null: it is the current key). */
  until(period: LogKeyPeriod): number | null {
    const next = this.periods[this.periods.indexOf(period) + 1];
    return next ? next.from : null;
  }

  /**
   * Follows served transitions from this history's last key. Transitions from before the root
   * are skipped: a verifier whose trusted key came in by a transition starts there (earlier
   * checkpoints, signed by keys it does not trust, then fail as signed by an unknown key). The
   * first transition that does not verify stops the walk: the keys followed so far are kept and
   * the failure is returned, never thrown.
   */
  async follow(transitions: readonly ServedKeyTransition[], origin: string): Promise<{ history: LogKeyHistory; failure: KeyTransitionFailure | null }> {
    const sodium = await getSodium();
    const periods = [...this.periods];
    let started = this.periods.length > 1 || this.periods[0].transition !== null;
    for (const [position, served] of transitions.entries()) {
      const current = periods[periods.length - 1];
      if (!started) {
        const handover = peek(served.note);
        started = handover?.oldKey === current.vkey;
        if (!started && handover?.newKey === current.vkey) {
          periods[periods.length - 1] = { ...current, from: handover.from, transition: { index: served.index, note: served.note } };
          started = true;
          continue;
        }
        if (!started) continue;
      }
      try {
        periods.push(verifyStep(sodium, served, current, periods, origin));
      } catch (error) {
        if (!(error instanceof KeyTransitionRefused)) throw error;
        return { history: new LogKeyHistory(periods), failure: { reason: error.reason, position, index: served.index, message: error.message } };
      }
    }
    return { history: new LogKeyHistory(periods), failure: null };
  }
}

function verifyStep(sodium: Sodium, served: ServedKeyTransition, current: LogKeyPeriod, periods: readonly LogKeyPeriod[], origin: string): LogKeyPeriod {
  const verified = checkKeyTransition(
    served.note,
    { origin, inForce: { ...current.verifier, vkey: current.vkey }, inForceFrom: current.from, usedKeys: periods.map(keyInfo) },
    (info) => ed25519NoteVerifier(sodium, info),
  );
  const { from, newKey } = verified.transition;
  if (served.index !== null && served.index !== from - 1) {
    throw new KeyTransitionRefused('out-of-order', `the key transition taking effect at size ${from} is served as entry ${served.index}, not ${from - 1}`);
  }
  return { vkey: newKey, verifier: ed25519NoteVerifier(sodium, verified.newKey), from, transition: { index: served.index, note: served.note } };
}

function keyInfo(period: LogKeyPeriod): PublicKeyInfo {
  const { name, keyId, type, publicKey } = period.verifier;
  return { name, keyId, type: type as PublicKeyInfo['type'], publicKey };
}

function peek(note: string): { oldKey: string; newKey: string; from: number } | null {
  try {
    return parseKeyTransition(parseNote(note).text);
  } catch {
    return null;
  }
}

/** `<name>+<key ID>`: how messages name a key (the signed-note key hash). */
export function keyLabel(key: { readonly name: string; readonly keyId: number }): string {
  return `${key.name}+${formatKeyId(key.keyId)}`;
}
