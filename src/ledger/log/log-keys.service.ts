import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { inTransaction } from '../../database/transactions';
import {
  createNoteVerifier,
  type Ed25519NoteSigner,
  keyLabel,
  LogKeyHistory,
  type LogKeyPeriod,
  parseKeyTransition,
  parseNote,
  signKeyTransition,
  verifyCheckpointWithQuorum,
} from '../checkpoint';
import { LogKeyUnavailableError } from '../ledger.errors';
import { LedgerWriter } from '../ledger-writer';
import { type CheckpointRow, CheckpointsRepository } from './checkpoints.repository';
import { LogKeyring } from './log-keyring';
import { KEY_TRANSITION_KIND, LogKeysRepository, type StoredKeyTransition } from './log-keys.repository';
import { LogTreeRepository } from './log-tree.repository';

export interface Rotation {
  oldKey: string;
  newKey: string;
  /** The first tree size the new key signs. */
  from: number;
  /** The transition's entry (from − 1). */
  index: number;
  note: string;
  /** The hand-over to this next key was already in the log (a rotation interrupted before its last step): nothing new was written. */
  alreadyRecorded: boolean;
}

/** A rotation was not made; nothing was written. */
export class RotationRefusedError extends Error {
  override readonly name = 'RotationRefusedError';
}

/** Rare: another entry slipped into the tree between the lock and the transition; the attempt is rolled back and made again. */
class TransitionMisplaced extends Error {}

const ROTATION_ATTEMPTS = 5;

/**
 * The log's keys as data (decision 0042): its root key (the one its first checkpoints were signed
 * with), then each key a signed transition entry handed over to. Decides which held key signs a
 * checkpoint of a given size, and rotates the key by appending a transition.
 */
@Injectable()
export class LogKeysService {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly keyring: LogKeyring,
    private readonly keys: LogKeysRepository,
    private readonly tree: LogTreeRepository,
    private readonly checkpoints: CheckpointsRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  /** The stored transitions, in log order. */
  transitions(manager?: EntityManager): Promise<StoredKeyTransition[]> {
    return this.keys.transitions(manager);
  }

  /**
   * The history as the log's own entries tell it. Its root is the first transition's old key; a
   * log that never rotated has this process's key as root (if the checkpoints were signed by
   * another one, signerFor() refuses to go on).
   */
  async history(manager?: EntityManager): Promise<LogKeyHistory> {
    return this.historyOf(await this.keys.transitions(manager));
  }

  /**
   * The held key that must sign a checkpoint of `treeSize`, after checking that the latest stored
   * checkpoint was signed by the key in force for its own size — so a process that was started
   * with another key than the log's (a key changed without a transition) refuses instead of
   * signing checkpoints no verifier will accept.
   */
  async signerFor(treeSize: number, latest: CheckpointRow | null): Promise<Ed25519NoteSigner> {
    const history = await this.history();
    this.assertSignedInForce(history, latest);
    return this.heldSigner(history.inForce(treeSize), treeSize);
  }

  /**
   * Hands the log over from the key in force to the next key (LEDGER_NEXT_SIGNING_KEY, or the data
   * folder's next key): under the log's lock, a transition signed by both keys becomes the entry
   * at the current tree size T, effective from T + 1; checkpoints of size ≥ T + 1 are then signed
   * by the new key. Refused unless this process holds both keys and the old one is in force.
   */
  async rotate(): Promise<Rotation> {
    const next = this.keyring.next;
    if (!next) throw new RotationRefusedError('no next log key is configured (LEDGER_NEXT_SIGNING_KEY, or the data folder\'s next key)');
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await inTransaction(this.dataSource, (manager) => this.appendTransition(manager, next));
      } catch (error) {
        if (!(error instanceof TransitionMisplaced) || attempt >= ROTATION_ATTEMPTS) throw error;
      }
    }
  }

  private async appendTransition(manager: EntityManager, next: Ed25519NoteSigner): Promise<Rotation> {
    await this.keys.lockLog(manager);
    await this.ledger.integrateCommitted(manager);
    const treeSize = (await this.tree.state(manager)).treeSize;
    const history = await this.history(manager);
    this.assertSignedInForce(history, await this.checkpoints.latest(manager));
    const inForce = history.inForce(treeSize + 1);
    if (inForce.vkey === next.verifierKey && inForce.transition) {
      const old = history.periods[history.periods.indexOf(inForce) - 1];
      return { oldKey: old.vkey, newKey: next.verifierKey, from: inForce.from, index: inForce.from - 1, note: inForce.transition.note, alreadyRecorded: true };
    }
    const outgoing = this.keyring.signerOf(inForce.vkey);
    if (!outgoing || outgoing === next) throw new RotationRefusedError(`this process does not hold the log key in force (${keyLabel(inForce.verifier)}) apart from the next key, so it cannot sign the hand-over`);
    if (history.periods.some((period) => period.verifier.publicKey.equals(next.publicKey))) throw new RotationRefusedError('the next key is a key the log used before');
    const from = treeSize + 1;
    const note = signKeyTransition({ origin: this.config.ledger.origin, oldKey: outgoing.verifierKey, newKey: next.verifierKey, from }, outgoing, next);
    await this.ledger.record(manager, KEY_TRANSITION_KIND, { detail: { transition: note } });
    const index = await this.ledger.flush(manager);
    if (index !== treeSize) throw new TransitionMisplaced();
    return { oldKey: outgoing.verifierKey, newKey: next.verifierKey, from, index, note, alreadyRecorded: false };
  }

  private assertSignedInForce(history: LogKeyHistory, latest: CheckpointRow | null): void {
    if (!latest) return;
    const policy = { logKey: history.root.verifier, witnessKeys: [], quorum: 0, origin: this.config.ledger.origin };
    const opened = verifyCheckpointWithQuorum(latest.note, policy, history);
    if (opened.ok) return;
    throw new LogKeyUnavailableError(
      `the latest checkpoint does not verify under the log's key history (${opened.message}); a log key changes only by a signed transition (npm run admin -- rotate-log-key)`,
    );
  }

  private async historyOf(transitions: readonly StoredKeyTransition[]): Promise<LogKeyHistory> {
    const rootKey = transitions.length > 0 ? parseKeyTransition(parseNote(transitions[0].note).text).oldKey : this.keyring.current.verifierKey;
    const { history, failure } = await LogKeyHistory.rootedAt(await createNoteVerifier(rootKey)).follow(transitions, this.config.ledger.origin);
    if (failure) throw new LogKeyUnavailableError(`the log's key transition at index ${failure.index ?? '?'} does not verify: ${failure.message}`);
    return history;
  }

  private async heldSigner(period: LogKeyPeriod, treeSize: number): Promise<Ed25519NoteSigner> {
    const held = this.keyring.signerOf(period.vkey) ?? ((await this.keyring.reload()) ? this.keyring.signerOf(period.vkey) : undefined);
    if (held) return held;
    throw new LogKeyUnavailableError(
      `this process does not hold the log key in force for size ${treeSize} (${keyLabel(period.verifier)}): configure it as LEDGER_SIGNING_KEY (or LEDGER_NEXT_SIGNING_KEY during a rotation)`,
    );
  }
}
