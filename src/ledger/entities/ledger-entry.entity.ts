import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One leaf of the disclosure log. `entry` is the exact leaf input (UTF-8 JSON, see
 * docs/ledger-format.md); the other columns repeat some of its fields for auditors' queries.
 * Written only by ccr_ledger_fold(), from the queue (decision 0036); never updated or deleted.
 */
@Entity({ name: 'ledger_entries' })
@Index('ledger_entries_case', ['caseId', 'idx'])
@Index('ledger_entries_actor_agency', ['actorAgencyId', 'recordedAt'])
@Index('ledger_entries_recipient', ['recipientAgencyId', 'recordedAt'])
@Index('ledger_entries_consent', ['consentId'])
@Index('ledger_entries_kind', ['kind', 'recordedAt'])
@Index('ledger_entries_queue_ticket', ['queueTicket'], { unique: true, where: '"queue_ticket" IS NOT NULL' })
export class LedgerEntryEntity {
  @PrimaryColumn({ type: 'bigint' })
  idx!: string;

  @Column({ name: 'leaf_hash', type: 'bytea' })
  leafHash!: Buffer;

  @Column({ type: 'bytea' })
  entry!: Buffer;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'actor_agency_id', type: 'uuid', nullable: true })
  actorAgencyId!: string | null;

  @Column({ name: 'recipient_agency_id', type: 'uuid', nullable: true })
  recipientAgencyId!: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  /** Position of this entry in its case's chain (1-based), when it concerns a case. */
  @Column({ name: 'case_seq', type: 'integer', nullable: true })
  caseSeq!: number | null;

  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: 'permitted' | 'denied' | null;

  /** The queue ticket it was folded from, so the act's session can learn its index; null before the sequencer. */
  @Column({ name: 'queue_ticket', type: 'bigint', nullable: true })
  queueTicket!: string | null;
}
