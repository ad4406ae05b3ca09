import {
  type Checkpoint,
  type Cosigner,
  createNoteVerifier,
  formatSignatureLine,
  LogKeyHistory,
  type NoteVerifier,
  parseCheckpoint,
  parseNote,
  type WitnessFailure,
  type WitnessLogState,
  verifyCheckpointWithQuorum,
  witnessAddCheckpoint,
} from '../checkpoint';
import { servedTransitions } from '../verifier/key-checks';
import { decodeProof, type LedgerClient } from '../verifier/ledger-client';
import { loadWitnessState, saveWitnessState, type WitnessState } from './witness-files';

export type WitnessRefusal = 'split-view' | 'inconsistent' | 'rollback' | 'bad-signature' | 'bad-key-transition' | 'unknown-log' | 'bad-checkpoint';

export type WitnessOutcome =
  | { status: 'cosigned'; treeSize: number; previousSize: number; line: string }
  | { status: 'up-to-date'; treeSize: number }
  | { status: 'refused'; reason: WitnessRefusal; message: string; treeSize: number | null };

export interface WitnessRun {
  client: LedgerClient;
  cosigner: Cosigner;
  statePath: string;
  /** Unix seconds for the cosignature timestamp. */
  now?: () => number;
}

/**
 * One round of a CCR witness (c2sp.org/tlog-witness semantics, run from the witness's side):
 * fetch the latest checkpoint and a consistency proof from the size this witness last cosigned,
 * decide with witnessAddCheckpoint against the log key in force for the checkpoint's size — the key
 * pinned in the state file, or one its signed key transitions lead to (the same rule as the
 * verifier) — remember the new tree head (atomically, BEFORE anything is published), then post the
 * cosignature. A fork, a rewritten history or an unknown key is refused and said plainly; nothing
 * is signed.
 */
export async function runWitnessOnce(run: WitnessRun): Promise<WitnessOutcome> {
  const state = await loadWitnessState(run.statePath);
  const pinned = await createNoteVerifier(state.logKey);
  const latest = await run.client.latestCheckpoint();
  const checkpoint = peek(latest.note);
  if (!checkpoint) return refused('bad-checkpoint', 'the latest checkpoint is not a well-formed signed checkpoint', null);
  if (checkpoint.treeSize < state.treeSize) {
    return refused('rollback', `the log now shows ${checkpoint.treeSize} entries, but this witness already cosigned ${state.treeSize}: the log went backwards`, checkpoint.treeSize);
  }
  if (checkpoint.treeSize === state.treeSize && checkpoint.rootHash.toString('base64') === state.rootHash) return upToDate(run, state);
  const logKey = await keyInForce(run.client, pinned, latest.note, checkpoint.treeSize);
  if ('status' in logKey) return logKey;
  const proof = await proofFrom(run.client, state.treeSize, checkpoint.treeSize);
  if (proof === null) return refused('inconsistent', `the server sent no valid consistency proof from size ${state.treeSize} to ${checkpoint.treeSize}`, checkpoint.treeSize);
  const known: WitnessLogState | null = state.treeSize === 0 ? null : { origin: logKey.name, treeSize: state.treeSize, rootHash: Buffer.from(state.rootHash, 'base64') };
  const decision = witnessAddCheckpoint(known, { oldSize: state.treeSize, consistencyProof: proof, checkpointNote: latest.note }, logKey, {
    cosigner: run.cosigner,
    timestamp: (run.now ?? (() => Math.floor(Date.now() / 1000)))(),
  });
  if (!decision.ok) return refusal(decision.failure, state, checkpoint.treeSize);
  const line = formatSignatureLine(decision.cosignature);
  await saveWitnessState(run.statePath, { ...state, treeSize: decision.state.treeSize, rootHash: decision.state.rootHash.toString('base64'), lastCosignature: line });
  await run.client.postCosignature(decision.state.treeSize, line);
  return { status: 'cosigned', treeSize: decision.state.treeSize, previousSize: state.treeSize, line };
}

/**
 * The log key that must have signed a checkpoint of `treeSize`: followed from the pinned key
 * through the transitions the log serves, each checked like the verifier checks it.
 */
async function keyInForce(client: LedgerClient, pinned: NoteVerifier, note: string, treeSize: number): Promise<NoteVerifier | WitnessOutcome> {
  const { history, failure } = await LogKeyHistory.rootedAt(pinned).follow(servedTransitions(await client.logKeys()), pinned.name);
  if (failure) return refused('bad-key-transition', `a log key transition does not verify: ${failure.message}`, treeSize);
  const signed = verifyCheckpointWithQuorum(note, { logKey: pinned, witnessKeys: [], quorum: 0 }, history);
  if (!signed.ok && signed.failure.kind.startsWith('log-')) return refused('bad-signature', signed.message, treeSize);
  return history.inForce(treeSize).verifier;
}

/** Nothing new; makes sure the server holds this witness's cosignature of the current head. */
async function upToDate(run: WitnessRun, state: WitnessState): Promise<WitnessOutcome> {
  if (state.lastCosignature !== null && state.treeSize > 0) await run.client.postCosignature(state.treeSize, state.lastCosignature);
  return { status: 'up-to-date', treeSize: state.treeSize };
}

async function proofFrom(client: LedgerClient, from: number, to: number): Promise<Buffer[] | null> {
  if (from === 0 || from === to) return [];
  const served = await client.consistency(from, to);
  return served.from === from && served.to === to ? decodeProof(served.proof) : null;
}

/** Size and root before any signature is checked, only to choose the proof to ask for. */
function peek(note: string): Checkpoint | null {
  try {
    return parseCheckpoint(parseNote(note).text);
  } catch {
    return null;
  }
}

function refusal(failure: WitnessFailure, state: WitnessState, treeSize: number): WitnessOutcome {
  switch (failure.kind) {
    case 'split-view':
      return refused('split-view', `SPLIT VIEW: the log shows a different tree of size ${failure.treeSize} than the one this witness cosigned`, treeSize);
    case 'inconsistent':
      return refused('inconsistent', `the checkpoint of size ${treeSize} is not consistent with size ${state.treeSize}, which this witness cosigned: history was rewritten`, treeSize);
    case 'bad-signature':
      return refused('bad-signature', `the checkpoint is not validly signed by the log key in force: ${failure.detail}`, treeSize);
    case 'unknown-log':
      return refused('unknown-log', `the checkpoint is for origin ${JSON.stringify(failure.origin)}, not the log this witness serves`, treeSize);
    case 'conflict':
      return refused('inconsistent', `the witness state (size ${failure.latestSize}) does not match the request`, treeSize);
    case 'bad-request':
      return refused('bad-checkpoint', failure.detail, treeSize);
  }
}

function refused(reason: WitnessRefusal, message: string, treeSize: number | null): WitnessOutcome {
  return { status: 'refused', reason, message: `REFUSED to cosign: ${message}`, treeSize };
}

export interface WitnessLoop extends WitnessRun {
  intervalMs: number;
  signal: AbortSignal;
  onOutcome: (outcome: WitnessOutcome) => void;
  /** Errors reaching the server (the witness keeps trying); refusals end the loop. */
  onError: (error: unknown) => void;
}

/** Runs rounds until aborted, or until the witness refuses (a fork needs people, not retries). */
export async function runWitnessLoop(loop: WitnessLoop): Promise<WitnessOutcome | null> {
  while (!loop.signal.aborted) {
    try {
      const outcome = await runWitnessOnce(loop);
      loop.onOutcome(outcome);
      if (outcome.status === 'refused') return outcome;
    } catch (error) {
      loop.onError(error);
    }
    await sleep(loop.intervalMs, loop.signal);
  }
  return null;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
