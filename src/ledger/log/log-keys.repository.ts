import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EntryFormatError, parseEntry } from '../entry-format';

/** A key transition as the log holds it: the index of its entry and the signed statement it carries. */
export interface StoredKeyTransition {
  index: number;
  note: string;
}

export const KEY_TRANSITION_KIND = 'log_key_transition';

/** The log's key transitions (entries of kind log_key_transition) and the log's lock for a rotation. */
@Injectable()
export class LogKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every transition in the tree, in log order (a handful in a log's life: the kind index finds them). */
  async transitions(manager: EntityManager = this.dataSource.manager): Promise<StoredKeyTransition[]> {
    const rows: { idx: string; entry: Buffer }[] = await manager.query(`SELECT idx, entry FROM ledger_entries WHERE kind = $1 ORDER BY idx`, [KEY_TRANSITION_KIND]);
    return rows.map((row) => ({ index: Number(row.idx), note: transitionNote(Number(row.idx), row.entry) }));
  }

  /**
   * The log's mutex (decision 0034: the advisory lock every integration takes), held until the
   * transaction ends: no entry enters the tree meanwhile except through this transaction.
   */
  async lockLog(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('ccr:ledger', 0))`);
  }
}

function transitionNote(index: number, bytes: Buffer): string {
  try {
    const note = parseEntry(bytes).detail?.transition;
    if (typeof note === 'string') return note;
  } catch (error) {
    if (!(error instanceof EntryFormatError)) throw error;
  }
  throw new EntryFormatError(`the key transition entry ${index} carries no transition statement`);
}
