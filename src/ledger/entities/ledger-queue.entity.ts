import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An entry an act committed and the log has not yet folded into its tree (decision 0036): written
 * by ccr_ledger_append_internal() in the act's transaction, deleted by ccr_ledger_fold() in the
 * transaction that puts it in the tree. Holds the entry's fields only; the API role has no access.
 */
@Entity({ name: 'ledger_queue' })
export class LedgerQueueEntity {
  /** Orders the queue; never an index of the log (a rolled-back act takes one too). */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'ledger_queue_pkey' })
  ticket!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'jsonb' })
  fields!: Record<string, unknown>;

  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  queuedAt!: Date;
}
