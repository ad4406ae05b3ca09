import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What changed for an agency (ids only, never content), for agency systems that poll
 * `GET /events`. `position` is the disclosure log's size when the event was written, read under
 * the log's lock (held until commit): positions follow commit order, so a cursor over
 * (position, id) never skips an event that commits late.
 */
@Entity({ name: 'agency_events' })
@Index('agency_events_feed', ['agencyId', 'position', 'id'])
export class AgencyEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId!: string | null;

  @Column({ name: 'record_id', type: 'uuid', nullable: true })
  recordId!: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  /** Size of the disclosure log when the event was written (see ccr_publish_event). */
  @Column({ type: 'bigint' })
  position!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
