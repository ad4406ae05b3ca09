import { Checkpoint, CheckpointFormatError, parseCheckpoint } from './checkpoint';
import { cosignatureTimestamp } from './cosignature';
import { formatKeyId, SignatureType } from './keys';
import { keyLabel, LogKeyHistory, type LogKeyPeriod } from './log-key-history';
import { NoteError, NoteSignature, NoteVerifier, openNote, parseNote } from './note';

/** What a verifier trusts: distributed out of band (e.g. printed in the CCR MOU). */
export interface TrustPolicy {
  /**
   * The log's root checkpoint key: in force from the start, and the key from which the verifier
   * follows the log's signed key transitions (LogKeyHistory).
   */
  readonly logKey: NoteVerifier;
  /** Witness cosigning keys (cosignature/v1, type 0x04). */
  readonly witnessKeys: readonly NoteVerifier[];
  /** How many distinct witnesses must have cosigned. */
  readonly quorum: number;
  /** Expected checkpoint origin; defaults to the log key's name (C2SP: they SHOULD match). */
  readonly origin?: string;
}

export interface WitnessCosignature {
  readonly name: string;
  readonly keyId: number;
  readonly timestamp: number;
}

export type QuorumFailure =
  | { readonly kind: 'malformed'; readonly detail: string }
  /** No signature by the log's name at all, or none by the key in force for the checkpoint's size. */
  | { readonly kind: 'log-signature-missing'; readonly treeSize: number; readonly inForce: string }
  /** Signed under the log's name by a key neither trusted nor reached by a verified transition. */
  | { readonly kind: 'log-key-unknown'; readonly treeSize: number; readonly key: string; readonly inForce: string }
  /** Signed by one of the log's keys, but not the one in force for this size. */
  | { readonly kind: 'log-key-not-in-force'; readonly treeSize: number; readonly key: string; readonly from: number; readonly until: number | null; readonly inForce: string }
  | { readonly kind: 'log-signature-invalid'; readonly treeSize: number }
  | { readonly kind: 'witness-signature-invalid'; readonly witness: string }
  | { readonly kind: 'origin-mismatch'; readonly expected: string; readonly actual: string }
  | { readonly kind: 'quorum-not-met'; readonly cosigned: number; readonly required: number; readonly configured: number };

export type QuorumResult =
  | { readonly ok: true; readonly checkpoint: Checkpoint; readonly cosignatures: readonly WitnessCosignature[] }
  | { readonly ok: false; readonly failure: QuorumFailure; readonly message: string };

/**
 * Verifies a cosigned checkpoint: well-formed note, a valid signature by the log key in force for
 * its tree size (`history`: the keys followed from the policy's root; by default the root alone),
 * the expected origin, and valid cosignatures from at least `quorum` distinct trusted witnesses.
 * Unknown signatures are ignored; a bad signature from a trusted key fails the whole note. Never
 * throws for bad input; throws RangeError for a bad policy.
 */
export function verifyCheckpointWithQuorum(noteText: string | Uint8Array, policy: TrustPolicy, history: LogKeyHistory = LogKeyHistory.rootedAt(policy.logKey)): QuorumResult {
  assertPolicy(policy);
  const peeked = peek(noteText);
  if ('failure' in peeked) return fail(peeked.failure);
  const treeSize = peeked.checkpoint.treeSize;
  const inForce = history.inForce(treeSize);
  const opened = openTrusted(noteText, inForce.verifier, policy.witnessKeys, treeSize);
  if ('failure' in opened && opened.failure.kind !== 'log-signature-missing') return fail(opened.failure);
  if ('failure' in opened || !opened.verified.some((signature) => sameKey(signature, inForce.verifier))) {
    return fail(logKeyFailure(peeked.signatures, inForce, history, treeSize));
  }
  const checkpoint = peeked.checkpoint;
  const expectedOrigin = policy.origin ?? policy.logKey.name;
  if (checkpoint.origin !== expectedOrigin) {
    return fail({ kind: 'origin-mismatch', expected: expectedOrigin, actual: checkpoint.origin });
  }
  const cosignatures = witnessCosignatures(opened.verified, policy.witnessKeys);
  if (cosignatures.length < policy.quorum) {
    return fail({ kind: 'quorum-not-met', cosigned: cosignatures.length, required: policy.quorum, configured: policy.witnessKeys.length });
  }
  return { ok: true, checkpoint, cosignatures };
}

/** One line saying what failed, for CLI output and logs. */
export function describeQuorumFailure(failure: QuorumFailure): string {
  switch (failure.kind) {
    case 'malformed':
      return `malformed checkpoint: ${failure.detail}`;
    case 'log-signature-missing':
      return `checkpoint of size ${failure.treeSize} is not signed by the log key (${failure.inForce} is in force for that size)`;
    case 'log-key-unknown':
      return `checkpoint of size ${failure.treeSize} is signed by an unknown log key ${failure.key}: neither the trusted key nor one its signed key transitions lead to (${failure.inForce} is in force for that size)`;
    case 'log-key-not-in-force':
      return `checkpoint of size ${failure.treeSize} is signed by log key ${failure.key}, which signs sizes ${failure.from} to ${failure.until === null ? 'now' : failure.until - 1} only (${failure.inForce} is in force for that size)`;
    case 'log-signature-invalid':
      return `log signature on the checkpoint of size ${failure.treeSize} does not verify`;
    case 'witness-signature-invalid':
      return `cosignature by trusted witness ${failure.witness} does not verify`;
    case 'origin-mismatch':
      return `checkpoint origin is ${JSON.stringify(failure.actual)}, expected ${JSON.stringify(failure.expected)}`;
    case 'quorum-not-met':
      return `witness quorum not met: ${failure.cosigned} of ${failure.configured} trusted witnesses cosigned, ${failure.required} required`;
  }
}

function openTrusted(
  noteText: string | Uint8Array,
  logKey: NoteVerifier,
  witnessKeys: readonly NoteVerifier[],
  treeSize: number,
): { text: string; verified: readonly NoteSignature[] } | { failure: QuorumFailure } {
  try {
    return openNote(noteText, [logKey, ...witnessKeys]);
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    return { failure: noteFailure(error, logKey, treeSize) };
  }
}

function noteFailure(error: NoteError, logKey: NoteVerifier, treeSize: number): QuorumFailure {
  switch (error.code) {
    case 'malformed':
      return { kind: 'malformed', detail: error.message };
    case 'unverified':
      return { kind: 'log-signature-missing', treeSize, inForce: keyLabel(logKey) };
    case 'invalid-signature':
      return error.key && sameKey(error.key, logKey)
        ? { kind: 'log-signature-invalid', treeSize }
        : { kind: 'witness-signature-invalid', witness: error.key?.name ?? 'unknown' };
    case 'ambiguous-key':
      throw new RangeError(error.message); // assertPolicy rules this out; reaching it is a bug
  }
}

/** The checkpoint's size picks the key to verify with, so the body is read before any signature. */
function peek(noteText: string | Uint8Array): { checkpoint: Checkpoint; signatures: readonly NoteSignature[] } | { failure: QuorumFailure } {
  try {
    const { text, signatures } = parseNote(noteText);
    return { checkpoint: parseCheckpoint(text), signatures };
  } catch (error) {
    if (!(error instanceof CheckpointFormatError || error instanceof NoteError)) throw error;
    return { failure: { kind: 'malformed', detail: error.message } };
  }
}

/** Why the key in force did not sign: another of the log's keys did, an unknown key did, or none. */
function logKeyFailure(signatures: readonly NoteSignature[], inForce: LogKeyPeriod, history: LogKeyHistory, treeSize: number): QuorumFailure {
  const byLogName = signatures.filter((signature) => signature.name === inForce.verifier.name);
  const label = keyLabel(inForce.verifier);
  const other = byLogName.map((signature) => history.periodOf(signature)).find((period) => period !== undefined);
  if (other) return { kind: 'log-key-not-in-force', treeSize, key: keyLabel(other.verifier), from: other.from, until: history.until(other), inForce: label };
  if (byLogName.length > 0) return { kind: 'log-key-unknown', treeSize, key: keyLabel(byLogName[0]), inForce: label };
  return { kind: 'log-signature-missing', treeSize, inForce: label };
}

// openNote already keeps one signature per key, so each witness counts at most once.
function witnessCosignatures(verified: readonly NoteSignature[], witnessKeys: readonly NoteVerifier[]): WitnessCosignature[] {
  return verified
    .filter((signature) => witnessKeys.some((key) => sameKey(signature, key)))
    .map((signature) => ({ name: signature.name, keyId: signature.keyId, timestamp: cosignatureTimestamp(signature.signature) as number }));
}

function assertPolicy(policy: TrustPolicy): void {
  const { witnessKeys, quorum } = policy;
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnessKeys.length) {
    throw new RangeError(`quorum must be an integer from 0 to ${witnessKeys.length}, got ${quorum}`);
  }
  if (witnessKeys.some((key) => key.type !== SignatureType.CosignatureV1)) {
    throw new RangeError('witness keys must be cosignature/v1 (type 0x04) keys');
  }
  const all = [policy.logKey, ...witnessKeys];
  const ids = new Set(all.map((key) => `${key.name}+${formatKeyId(key.keyId)}`));
  const publicKeys = new Set(all.map((key) => key.publicKey.toString('hex')));
  // One key under two names would let a single witness be counted twice.
  if (ids.size !== all.length || publicKeys.size !== all.length) throw new RangeError('trust policy lists the same key twice');
}

function sameKey(a: { readonly name: string; readonly keyId: number }, b: { readonly name: string; readonly keyId: number }): boolean {
  return a.name === b.name && a.keyId === b.keyId;
}

function fail(failure: QuorumFailure): QuorumResult {
  return { ok: false, failure, message: describeQuorumFailure(failure) };
}
