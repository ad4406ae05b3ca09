import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface CheckpointRow {
  treeSize: number;
  root: Buffer;
  /** The signed note as the log signed it (log signature only). */
  note: string;
  signedAt: Date;
}

export interface CosignatureRow {
  treeSize: number;
  witnessName: string;
  signatureLine: string;
  cosignedAt: Date;
}

interface RawCheckpoint {
  tree_size: string;
  root: Buffer;
  note: string;
  signed_at: Date;
}

const CHECKPOINT_COLUMNS = 'tree_size, root, note, signed_at';

/** Signed checkpoints and the witnesses' cosignatures over them. Rows are only ever inserted. */
@Injectable()
export class CheckpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async latest(manager: EntityManager = this.dataSource.manager): Promise<CheckpointRow | null> {
    const rows: RawCheckpoint[] = await manager.query(`SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1`);
    return rows.length === 0 ? null : toCheckpoint(rows[0]);
  }

  /** The newest checkpoint some witness cosigned. */
  async latestCosigned(manager: EntityManager = this.dataSource.manager): Promise<CheckpointRow | null> {
    const rows: RawCheckpoint[] = await manager.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints c
        WHERE EXISTS (SELECT 1 FROM ledger_cosignatures s WHERE s.tree_size = c.tree_size) ORDER BY tree_size DESC LIMIT 1`,
    );
    return rows.length === 0 ? null : toCheckpoint(rows[0]);
  }

  async bySize(treeSize: number, manager: EntityManager = this.dataSource.manager): Promise<CheckpointRow | null> {
    const rows: RawCheckpoint[] = await manager.query(`SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints WHERE tree_size = $1`, [treeSize]);
    return rows.length === 0 ? null : toCheckpoint(rows[0]);
  }

  /** Checkpoints with a size above `after`, smallest first (keyset pages). */
  async list(after: number, limit: number): Promise<CheckpointRow[]> {
    const rows: RawCheckpoint[] = await this.dataSource.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints WHERE tree_size > $1 ORDER BY tree_size LIMIT $2`,
      [after, limit],
    );
    return rows.map(toCheckpoint);
  }

  /**
   * Several API processes may sign the same size at once: Ed25519 is deterministic, so their notes
   * are identical, and the first insert wins without an error.
   */
  async insert(checkpoint: Omit<CheckpointRow, 'signedAt'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ledger_checkpoints (tree_size, root, note, signed_at) VALUES ($1, $2, $3, now()) ON CONFLICT (tree_size) DO NOTHING`,
      [checkpoint.treeSize, checkpoint.root, checkpoint.note],
    );
  }

  async cosignatures(treeSizes: readonly number[], manager: EntityManager = this.dataSource.manager): Promise<CosignatureRow[]> {
    if (treeSizes.length === 0) return [];
    const rows: { tree_size: string; witness_name: string; signature_line: string; cosigned_at: Date }[] = await manager.query(
      `SELECT tree_size, witness_name, signature_line, cosigned_at FROM ledger_cosignatures
        WHERE tree_size = ANY($1::bigint[]) ORDER BY tree_size, cosigned_at, witness_name`,
      [treeSizes],
    );
    return rows.map((row) => ({ treeSize: Number(row.tree_size), witnessName: row.witness_name, signatureLine: row.signature_line, cosignedAt: row.cosigned_at }));
  }
}

function toCheckpoint(row: RawCheckpoint): CheckpointRow {
  return { treeSize: Number(row.tree_size), root: row.root, note: row.note, signedAt: row.signed_at };
}
