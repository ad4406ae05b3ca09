import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { formatCheckpoint, signNote } from '../checkpoint';
import { LogKeyUnavailableError } from '../ledger.errors';
import { LedgerWriter } from '../ledger-writer';
import { hashesEqual, planConsistencyProof, planRoot, rootFromFrontier, verifyConsistency } from '../merkle';
import { type CheckpointRow, CheckpointsRepository } from './checkpoints.repository';
import { LogKeysService } from './log-keys.service';
import { LogTreeRepository } from './log-tree.repository';
import { ProofsService } from './proofs.service';

export interface PublishOutcome {
  checkpoint: CheckpointRow;
  /** False when the log had not grown since the latest checkpoint (nothing new was signed). */
  published: boolean;
}

/** The stored tree disagrees with itself: the publisher refuses to sign anything. */
export class TreeInconsistentError extends Error {
  override readonly name = 'TreeInconsistentError';
}

/**
 * Signs a C2SP checkpoint of the log every LEDGER_CHECKPOINT_INTERVAL_MS when it has grown, and on
 * demand. Never signs a tree head inconsistent with the previous checkpoint, checked with a real
 * consistency proof from the stored nodes. Safe with many API processes: the insert is idempotent.
 * Outside tests the schedule starts with the application; tests call startSchedule() themselves.
 */
@Injectable()
export class CheckpointPublisher implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<unknown> = Promise.resolve();
  private running = false;
  /** The publication under way in this process, which concurrent requests for one share. */
  private inFlight: Promise<PublishOutcome | null> | null = null;

  constructor(
    private readonly logger: PinoLogger,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly keys: LogKeysService,
    private readonly tree: LogTreeRepository,
    private readonly checkpoints: CheckpointsRepository,
    private readonly proofs: ProofsService,
    private readonly ledger: LedgerWriter,
    private readonly dataSource: DataSource,
  ) {
    this.logger.setContext(CheckpointPublisher.name);
  }

  onApplicationBootstrap(): void {
    if (this.config.env !== 'test') this.startSchedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopSchedule();
    await this.tick; // let a signature in progress finish before the pool closes
  }

  startSchedule(intervalMs = this.config.ledger.checkpointIntervalMs): void {
    this.stopSchedule();
    this.timer = setInterval(() => this.runScheduled(), intervalMs);
    this.timer.unref();
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * A signed checkpoint covering the first `size` entries (an accounting's receipt, decision 0045):
   * the latest if it does, else one signed now. Concurrent requests share one publication, and a new
   * checkpoint is signed only if the tree grew. Null only if the log has fewer entries than asked.
   */
  async covering(size: number): Promise<CheckpointRow | null> {
    const latest = await this.checkpoints.latest();
    if (latest && latest.treeSize >= size) return latest;
    // The tree already holds the entries (they are read from it); one publication that started
    // before they were folded may not cover them: the second one, after it, does.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const outcome = await this.publishShared();
      if (outcome && outcome.checkpoint.treeSize >= size) return outcome.checkpoint;
    }
    return null;
  }

  /** publish(), shared by every caller while one is under way in this process. */
  private publishShared(): Promise<PublishOutcome | null> {
    this.inFlight ??= this.publish().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Signs and stores a checkpoint of the current tree if it grew; null while the log is empty. */
  async publish(): Promise<PublishOutcome | null> {
    // Entries an API process committed but did not live to integrate are signed in, not left out.
    await this.ledger.integrateCommitted(this.dataSource.manager);
    const state = await this.tree.state();
    if (state.treeSize === 0) return null;
    const latest = await this.checkpoints.latest();
    if (latest && latest.treeSize >= state.treeSize) return { checkpoint: latest, published: false };
    const root = rootFromFrontier(state.frontier);
    await this.assertSignable(state.treeSize, root, latest);
    // Read after the state: a key transition inside this tree is already visible here.
    const signer = await this.keys.signerFor(state.treeSize, latest);
    const text = formatCheckpoint({ origin: this.config.ledger.origin, treeSize: state.treeSize, rootHash: root, extensions: [] });
    await this.checkpoints.insert({ treeSize: state.treeSize, root, note: signNote(text, [signer]) });
    const stored = await this.checkpoints.bySize(state.treeSize);
    if (!stored) throw new Error('a checkpoint just inserted is missing');
    return { checkpoint: stored, published: true };
  }

  /**
   * The frontier's root must equal the root rebuilt from stored nodes (proofs are built from
   * those), and the new tree must extend the previous checkpoint's: both from one node query.
   */
  private async assertSignable(treeSize: number, root: Buffer, previous: CheckpointRow | null): Promise<void> {
    const consistency = planConsistencyProof(previous?.treeSize ?? 0, treeSize);
    const [[fromNodes, proof]] = await this.proofs.build([planRoot(treeSize), consistency]);
    if (!hashesEqual(fromNodes[0], root)) throw new TreeInconsistentError(`stored nodes do not rebuild the root of size ${treeSize}`);
    if (previous && !verifyConsistency(previous.treeSize, treeSize, proof, previous.root, root)) {
      throw new TreeInconsistentError(`the tree of size ${treeSize} is not consistent with checkpoint ${previous.treeSize}`);
    }
  }

  /** One publication at a time per process: a slow one is not stacked upon. */
  private runScheduled(): void {
    if (this.running) return;
    this.running = true;
    this.tick = this.publish()
      .catch((error: unknown) => this.logger.error(`checkpoint publication failed: ${describe(error)}`))
      .finally(() => (this.running = false));
  }
}

// The error's name, and our own messages; driver messages can carry query parameters.
function describe(error: unknown): string {
  if (error instanceof TreeInconsistentError) return error.message;
  if (error instanceof LogKeyUnavailableError) return `${error.name}: ${error.reason}`;
  return error instanceof Error ? error.name : 'unknown error';
}
