import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import { sqlIn } from '../database/sql-checks';
import { HIGH_RISK_REASONS } from '../risk/risk.vocabulary';

/**
 * A pseudonymous case handle owned by one custodian agency. There is no survivor identifier
 * anywhere: the survivor's profile is a sealed record of the case, and a referral gives the
 * receiving agency its own linked handle.
 */
@Entity({ name: 'cases' })
@Index('cases_custodian', ['custodianAgencyId', 'createdAt'])
@Check('cases_high_risk_reason', sqlIn('high_risk_reason', HIGH_RISK_REASONS))
@Check('cases_high_risk_both', '("high_risk_reason" IS NULL) = ("high_risk_set_at" IS NULL)')
export class CaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'custodian_agency_id', type: 'uuid' })
  custodianAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_agency_id' })
  custodian?: AgencyEntity;

  /** The case this one was opened from by a referral (the sender's handle), if any. */
  @Column({ name: 'linked_from_case_id', type: 'uuid', nullable: true })
  linkedFromCaseId!: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'linked_from_case_id' })
  linkedFrom?: CaseEntity;

  /**
   * The current version of the survivor profile (a sealed, custodian-only record of this case).
   * Earlier versions stay in `records`, each superseded by the next.
   */
  @Column({ name: 'profile_record_id', type: 'uuid', nullable: true })
  profileRecordId!: string | null;

  /** The custodian's high-risk flag (decision 0097): a coded reason, null when not flagged. */
  @Column({ name: 'high_risk_reason', type: 'text', nullable: true })
  highRiskReason!: string | null;

  @Column({ name: 'high_risk_set_at', type: 'timestamptz', nullable: true })
  highRiskSetAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
