import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { AgencyEntity } from '../../agencies/agency.entity';
import { CaseEntity } from '../../cases/case.entity';
import { ConsentEntity } from '../../consent/entities/consent.entity';
import { PURPOSE_CODES, type PurposeCode } from '../../consent/consent.vocabulary';
import { sqlIn } from '../../database/sql-checks';
import { RecordEntity } from '../../records/entities/record.entity';
import {
  ALL_STATUS_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_PRIORITIES,
  REFERRAL_STATUSES,
  type ReferralOutcome,
  type ReferralPriority,
  type ReferralStatus,
  type StatusReason,
} from '../referral.vocabulary';

/**
 * A closed-loop referral between two agencies. Content (survivor details, reason, risk summary)
 * is a sealed record; status, reason and outcome are codes. `version` serializes status changes.
 */
@Entity({ name: 'referrals' })
@Index('referrals_inbox', ['toAgencyId', 'createdAt', 'id'])
@Index('referrals_outbox', ['fromAgencyId', 'createdAt', 'id'])
@Index('referrals_consent', ['consentId'])
@Index('referrals_idempotency', ['fromAgencyId', 'idempotencyKey'], { unique: true })
@Check('referrals_status', sqlIn('status', REFERRAL_STATUSES))
@Check('referrals_priority', sqlIn('priority', REFERRAL_PRIORITIES))
@Check('referrals_purpose', sqlIn('purpose', PURPOSE_CODES))
@Check('referrals_status_reason', `status_reason IS NULL OR ${sqlIn('status_reason', ALL_STATUS_REASONS)}`)
@Check('referrals_outcome', `outcome IS NULL OR ${sqlIn('outcome', REFERRAL_OUTCOMES)}`)
@Check('referrals_distinct_agencies', 'from_agency_id <> to_agency_id')
export class ReferralEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'from_agency_id', type: 'uuid' })
  fromAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_agency_id' })
  fromAgency?: AgencyEntity;

  @Column({ name: 'to_agency_id', type: 'uuid' })
  toAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_agency_id' })
  toAgency?: AgencyEntity;

  /** The sender's case. */
  @Column({ name: 'from_case_id', type: 'uuid' })
  fromCaseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_case_id' })
  fromCase?: CaseEntity;

  /** The receiver's own handle, linked to the sender's case, created with the referral. */
  @Column({ name: 'to_case_id', type: 'uuid' })
  toCaseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_case_id' })
  toCase?: CaseEntity;

  @Column({ name: 'consent_id', type: 'uuid' })
  consentId!: string;

  @ManyToOne(() => ConsentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id' })
  consent?: ConsentEntity;

  @Column({ type: 'text' })
  purpose!: PurposeCode;

  @Column({ type: 'text' })
  priority!: ReferralPriority;

  @Column({ name: 'content_record_id', type: 'uuid' })
  contentRecordId!: string;

  @ManyToOne(() => RecordEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'content_record_id' })
  contentRecord?: RecordEntity;

  @Column({ type: 'text' })
  status!: ReferralStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: StatusReason | null;

  @Column({ type: 'text', nullable: true })
  outcome!: ReferralOutcome | null;

  /** The receiver's sealed outcome note, shared back only where the consent grants it. */
  @Column({ name: 'outcome_record_id', type: 'uuid', nullable: true })
  outcomeRecordId!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  /** SHA-256 of the canonical request, to tell a retry from a different request with the same key. */
  @Column({ name: 'request_sha256', type: 'bytea' })
  requestSha256!: Buffer;

  @Column({ name: 'created_by_principal_id', type: 'uuid' })
  createdByPrincipalId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
