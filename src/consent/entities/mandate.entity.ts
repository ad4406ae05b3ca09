import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../../agencies/agency.entity';
import { CaseEntity } from '../../cases/case.entity';
import { sqlIn, sqlSubsetOf } from '../../database/sql-checks';
import {
  MANDATE_BASES,
  type MandateBasis,
  NOTIFICATION_DELAY_REASONS,
  type NotificationDelayReason,
  RECORD_CATEGORIES,
  type RecordCategory,
  SURVIVOR_NOTIFICATION_STATUSES,
  type SurvivorNotificationStatus,
} from '../consent.vocabulary';

/**
 * A compelled disclosure (court order or statute): the only path around consent. Citations,
 * docket numbers and courts can identify the survivor, so they live in a sealed record.
 */
@Entity({ name: 'mandates' })
@Index('mandates_case', ['caseId'])
@Check('mandates_basis', sqlIn('basis', MANDATE_BASES))
@Check('mandates_categories', `cardinality(categories) > 0 AND ${sqlSubsetOf('categories', RECORD_CATEGORIES)}`)
@Check('mandates_notification', sqlIn('survivor_notification', SURVIVOR_NOTIFICATION_STATUSES))
@Check('mandates_notification_reason', `notification_reason IS NULL OR ${sqlIn('notification_reason', NOTIFICATION_DELAY_REASONS)}`)
@Check('mandates_window', 'valid_until IS NULL OR valid_from < valid_until')
@Check('mandates_distinct_parties', 'custodian_agency_id <> recipient_agency_id')
@Check('mandates_withdrawal_complete', '(withdrawn_at IS NULL) = (withdrawn_by_principal_id IS NULL)')
@Check(
  'mandates_notification_complete',
  `(survivor_notification = 'notified') = (survivor_notified_at IS NOT NULL) AND (survivor_notification IN ('delayed', 'withheld')) = (notification_reason IS NOT NULL)`,
)
export class MandateEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'custodian_agency_id', type: 'uuid' })
  custodianAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_agency_id' })
  custodian?: AgencyEntity;

  @Column({ name: 'recipient_agency_id', type: 'uuid' })
  recipientAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_agency_id' })
  recipient?: AgencyEntity;

  @Column({ type: 'text' })
  basis!: MandateBasis;

  @Column({ type: 'text', array: true })
  categories!: RecordCategory[];

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  validUntil!: Date | null;

  /** Legal review: who reviewed the order and when. */
  @Column({ name: 'reviewed_by_principal_id', type: 'uuid' })
  reviewedByPrincipalId!: string;

  @Column({ name: 'reviewed_at', type: 'timestamptz' })
  reviewedAt!: Date;

  @Column({ name: 'survivor_notification', type: 'text' })
  survivorNotification!: SurvivorNotificationStatus;

  @Column({ name: 'survivor_notified_at', type: 'timestamptz', nullable: true })
  survivorNotifiedAt!: Date | null;

  @Column({ name: 'notification_reason', type: 'text', nullable: true })
  notificationReason!: NotificationDelayReason | null;

  /** Sealed record (custodian only): citation, docket, issuing court, scope in words. */
  @Column({ name: 'details_record_id', type: 'uuid', nullable: true })
  detailsRecordId!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawn_by_principal_id', type: 'uuid', nullable: true })
  withdrawnByPrincipalId!: string | null;

  @Column({ name: 'recorded_by_principal_id', type: 'uuid' })
  recordedByPrincipalId!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
