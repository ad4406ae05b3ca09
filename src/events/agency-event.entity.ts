import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What changed for an agency (ids only, never content), for agency systems that poll
 * `GET /events`. An event is written without a position and given one by the log's next
 * integration, under the log's lock (decision 0037): positions follow the order events became
 * visible, so a cursor over (position, id) never skips an event that commits late.
 */
@Entity({ name: 'agency_events' })
@Index('agency_events_feed', ['agencyId', 'position', 'id'])
@Index('agency_events_unsequenced', ['id'], { where: '"position" IS NULL' })
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

  /** From `agency_event_position`, given by the integration that sequenced it; null until then (not in the feed). */
  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
