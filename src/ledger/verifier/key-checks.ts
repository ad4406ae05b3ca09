import { LogKeyHistory, type ServedKeyTransition, type TrustPolicy } from '../checkpoint';
import { type LogKeysJson } from './ledger-client';
import { type VerificationFailure } from './report';

/** The keys a verifier accepts: its policy's root, then every transition that root's chain signed. */
export interface TrustedKeys {
  history: LogKeyHistory;
  /** The first served transition that did not verify (the keys after it are not trusted). */
  failure: VerificationFailure | null;
}

/** The transitions a server (or an accounting bundle) hands over, in the order served. */
export function servedTransitions(json: Pick<LogKeysJson, 'keys'> | null | undefined): ServedKeyTransition[] {
  if (!json || !Array.isArray(json.keys)) return [];
  return json.keys.flatMap((key) => (key?.transition && typeof key.transition.note === 'string' ? [{ index: numberOrNull(key.transition.index), note: key.transition.note }] : []));
}

/**
 * Follows served transitions from the policy's root key. Nothing served is trusted: each
 * transition must be signed by the key before it (and by its own new key).
 */
export async function trustedKeys(policy: TrustPolicy, transitions: readonly ServedKeyTransition[]): Promise<TrustedKeys> {
  const origin = policy.origin ?? policy.logKey.name;
  const { history, failure } = await LogKeyHistory.rootedAt(policy.logKey).follow(transitions, origin);
  if (!failure) return { history, failure: null };
  return {
    history,
    failure: { code: 'key-transition', ...(failure.index === null ? {} : { index: failure.index }), message: `a log key transition does not verify: ${failure.message}` },
  };
}

/** A log key transition found in the entries: its index and the signed note it carries. */
export interface TransitionEntry {
  index: number;
  note: unknown;
}

/**
 * The transitions followed must be the log's own entries, and the other way round: each one the
 * entry just before the size it takes effect at. Checked for sizes below `treeSize` only (the
 * entries recomputed); entries before the trusted root's period are not the verifier's concern.
 */
export function transitionEntryFailures(history: LogKeyHistory, seen: readonly TransitionEntry[], treeSize: number): VerificationFailure[] {
  const failures: VerificationFailure[] = [];
  const followed = history.periods.slice(1);
  for (const entry of seen) {
    if (entry.index + 1 <= history.root.from) continue;
    const period = followed.find((each) => each.transition?.note === entry.note);
    if (!period) {
      failures.push({ code: 'key-transition', index: entry.index, message: `entry ${entry.index} is a log key transition that is not among the verified transitions the server served` });
    } else if (period.from !== entry.index + 1) {
      failures.push({ code: 'key-transition', index: entry.index, message: `entry ${entry.index} is a log key transition taking effect at size ${period.from}, not ${entry.index + 1}` });
    }
  }
  for (const period of followed) {
    const index = period.from - 1;
    if (index >= treeSize || seen.some((entry) => entry.index === index && entry.note === period.transition?.note)) continue;
    failures.push({ code: 'key-transition', index, message: `the log key transition taking effect at size ${period.from} is not the log's entry ${index}` });
  }
  return failures;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}
