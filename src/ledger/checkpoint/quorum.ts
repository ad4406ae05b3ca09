import { Checkpoint, CheckpointFormatError, parseCheckpoint } from './checkpoint';
import { cosignatureTimestamp } from './cosignature';
import { formatKeyId, SignatureType } from './keys';
import { NoteError, NoteSignature, NoteVerifier, openNote } from './note';

/** What a verifier trusts: distributed out of band (e.g. printed in the CCR MOU). */
export interface TrustPolicy {
  /** The log's checkpoint key. */
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
  | { readonly kind: 'log-signature-missing' }
  | { readonly kind: 'log-signature-invalid' }
  | { readonly kind: 'witness-signature-invalid'; readonly witness: string }
  | { readonly kind: 'origin-mismatch'; readonly expected: string; readonly actual: string }
  | { readonly kind: 'quorum-not-met'; readonly cosigned: number; readonly required: number; readonly configured: number };

export type QuorumResult =
  | { readonly ok: true; readonly checkpoint: Checkpoint; readonly cosignatures: readonly WitnessCosignature[] }
  | { readonly ok: false; readonly failure: QuorumFailure; readonly message: string };

/**
 * Verifies a cosigned checkpoint: well-formed note, a valid signature by the log
 * key, the expected origin, and valid cosignatures from at least `quorum` distinct
 * trusted witnesses. Unknown signatures are ignored; a bad signature from a trusted
 * key fails the whole note. Never throws for bad input; throws RangeError for a bad policy.
 */
export function verifyCheckpointWithQuorum(noteText: string | Uint8Array, policy: TrustPolicy): QuorumResult {
  assertPolicy(policy);
  const opened = openTrusted(noteText, policy);
  if ('failure' in opened) return fail(opened.failure);
  if (!opened.verified.some((signature) => sameKey(signature, policy.logKey))) return fail({ kind: 'log-signature-missing' });
  const checkpoint = parseBody(opened.text);
  if ('failure' in checkpoint) return fail(checkpoint.failure);
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
      return 'checkpoint is not signed by the log key';
    case 'log-signature-invalid':
      return 'log signature on the checkpoint does not verify';
    case 'witness-signature-invalid':
      return `cosignature by trusted witness ${failure.witness} does not verify`;
    case 'origin-mismatch':
      return `checkpoint origin is ${JSON.stringify(failure.actual)}, expected ${JSON.stringify(failure.expected)}`;
    case 'quorum-not-met':
      return `witness quorum not met: ${failure.cosigned} of ${failure.configured} trusted witnesses cosigned, ${failure.required} required`;
  }
}

function openTrusted(noteText: string | Uint8Array, policy: TrustPolicy): { text: string; verified: readonly NoteSignature[] } | { failure: QuorumFailure } {
  try {
    return openNote(noteText, [policy.logKey, ...policy.witnessKeys]);
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    return { failure: noteFailure(error, policy.logKey) };
  }
}

function noteFailure(error: NoteError, logKey: NoteVerifier): QuorumFailure {
  switch (error.code) {
    case 'malformed':
      return { kind: 'malformed', detail: error.message };
    case 'unverified':
      return { kind: 'log-signature-missing' };
    case 'invalid-signature':
      return error.key && sameKey(error.key, logKey)
        ? { kind: 'log-signature-invalid' }
        : { kind: 'witness-signature-invalid', witness: error.key?.name ?? 'unknown' };
    case 'ambiguous-key':
      throw new RangeError(error.message); // assertPolicy rules this out; reaching it is a bug
  }
}

function parseBody(text: string): Checkpoint | { failure: QuorumFailure } {
  try {
    return parseCheckpoint(text);
  } catch (error) {
    if (!(error instanceof CheckpointFormatError)) throw error;
    return { failure: { kind: 'malformed', detail: error.message } };
  }
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
