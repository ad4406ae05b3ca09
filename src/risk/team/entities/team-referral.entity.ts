import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../../../agencies/agency.entity';
import { CaseEntity } from '../../../cases/case.entity';
import { RiskTeamEntity } from './risk-team.entity';

/**
 * A case referred to a high-risk team by its custodian (decision 0123). Codes, ids and times only:
 * the case's information stays sealed and reaches a member only through wraps decide() allows.
 */
@Entity({ name: 'risk_team_referrals' })
@Index('risk_team_referrals_case', ['caseId', 'referredAt'])
@Index('risk_team_referrals_team', ['teamId', 'referredAt'])
export class TeamReferralEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => RiskTeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: RiskTeamEntity;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'referring_agency_id', type: 'uuid' })
  referringAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referring_agency_id' })
  referringAgency?: AgencyEntity;

  @Column({ type: 'text' })
  reason!: string;

  /** A further referral of the custodian's own case within 12 months of its last one. */
  @Column({ type: 'boolean' })
  repeat!: boolean;

  @Column({ name: 'survivor_informed', type: 'boolean' })
  survivorInformed!: boolean;

  /** written | verbal | none: what the sharing with the team rests on. */
  @Column({ name: 'consent_state', type: 'text' })
  consentState!: string;

  /** Some member receives the case under a mandate, not consent (logged loud). */
  @Column({ name: 'without_consent', type: 'boolean' })
  withoutConsent!: boolean;

  /** The member agencies a basis covered when the case was referred (the custodian included). */
  @Column({ name: 'shared_with', type: 'uuid', array: true })
  sharedWith!: string[];

  @Column({ type: 'text', default: 'referred' })
  status!: string;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason!: string | null;

  @CreateDateColumn({ name: 'referred_at', type: 'timestamptz' })
  referredAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}

/** A decision of the team on a referral, with every member agency's vote or absence. */
@Entity({ name: 'risk_team_decisions' })
@Index('risk_team_decisions_referral', ['referralId'])
export class TeamDecisionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => TeamReferralEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id' })
  referral?: TeamReferralEntity;

  @Column({ type: 'text' })
  motion!: string;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason!: string | null;

  @Column({ type: 'boolean' })
  carried!: boolean;

  /** [{agencyId, vote}] for every member: for, against, abstain or absent. */
  @Column({ type: 'jsonb' })
  votes!: unknown;

  @Column({ name: 'recorded_by_agency_id', type: 'uuid' })
  recordedByAgencyId!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
