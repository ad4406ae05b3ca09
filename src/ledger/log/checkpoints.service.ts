import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { type EntityManager } from 'typeorm';
import { CheckpointNotFoundError, LedgerIntegrityError, LogEmptyError, LogKeyUnavailableError } from '../ledger.errors';
import { CheckpointPublisher, TreeInconsistentError } from './checkpoint-publisher';
import { type CheckpointRow, CheckpointsRepository, type CosignatureRow } from './checkpoints.repository';

/** A checkpoint as served: the log's signed note plus every stored witness cosignature. */
export interface CosignedCheckpoint {
  checkpoint: CheckpointRow;
  cosignatures: CosignatureRow[];
  /** The signed note with the cosignature lines appended: one valid C2SP signed note. */
  note: string;
}

@Injectable()
export class CheckpointsService {
  constructor(
    private readonly logger: PinoLogger,
    private readonly checkpoints: CheckpointsRepository,
    private readonly publisher: CheckpointPublisher,
  ) {
    this.logger.setContext(CheckpointsService.name);
  }

  async latest(manager?: EntityManager): Promise<CosignedCheckpoint> {
    const row = await this.checkpoints.latest(manager);
    if (!row) throw new CheckpointNotFoundError();
    return this.withCosignatures(row, manager);
  }

  async bySize(treeSize: number): Promise<CosignedCheckpoint> {
    const row = await this.checkpoints.bySize(treeSize);
    if (!row) throw new CheckpointNotFoundError();
    return this.withCosignatures(row);
  }

  async list(after: number, limit: number): Promise<CosignedCheckpoint[]> {
    const rows = await this.checkpoints.list(after, limit);
    const cosignatures = await this.checkpoints.cosignatures(rows.map((row) => row.treeSize));
    return rows.map((row) => cosigned(row, cosignatures.filter((each) => each.treeSize === row.treeSize)));
  }

  /** A checkpoint covering the first `size` entries, signed now if none does yet (CheckpointPublisher.covering). */
  async covering(size: number): Promise<CosignedCheckpoint> {
    const row = await this.publisher.covering(size).catch((error: unknown) => {
      if (error instanceof LogKeyUnavailableError) this.logger.error(`checkpoint refused: ${error.reason}`);
      if (!(error instanceof TreeInconsistentError)) throw error;
      this.logger.error(`checkpoint refused: ${error.name}: ${error.message}`);
      throw new LedgerIntegrityError(null);
    });
    if (!row) throw new CheckpointNotFoundError();
    return this.withCosignatures(row);
  }

  /** The newest checkpoint with at least one witness cosignature, if any. */
  async latestWitnessed(): Promise<CosignedCheckpoint | null> {
    const row = await this.checkpoints.latestCosigned();
    return row ? this.withCosignatures(row) : null;
  }

  /** Signs now if the log grew (administrators, auditors, demos); the latest checkpoint either way. */
  async publishNow(): Promise<{ checkpoint: CosignedCheckpoint; published: boolean }> {
    const outcome = await this.publisher.publish().catch((error: unknown) => {
      if (error instanceof LogKeyUnavailableError) this.logger.error(`checkpoint refused: ${error.reason}`);
      if (!(error instanceof TreeInconsistentError)) throw error;
      this.logger.error(`checkpoint refused: ${error.name}: ${error.message}`);
      throw new LedgerIntegrityError(null);
    });
    if (!outcome) throw new LogEmptyError();
    return { checkpoint: await this.withCosignatures(outcome.checkpoint), published: outcome.published };
  }

  private async withCosignatures(row: CheckpointRow, manager?: EntityManager): Promise<CosignedCheckpoint> {
    return cosigned(row, await this.checkpoints.cosignatures([row.treeSize], manager));
  }
}

function cosigned(checkpoint: CheckpointRow, cosignatures: CosignatureRow[]): CosignedCheckpoint {
  return { checkpoint, cosignatures, note: checkpoint.note + cosignatures.map((each) => each.signatureLine).join('') };
}
