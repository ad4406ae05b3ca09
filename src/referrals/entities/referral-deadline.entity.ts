import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AGREEMENT_STEPS, type AgreementStep } from '../../agreements/agreement.vocabulary';
import { AgencyEntity } from '../../agencies/agency.entity';
import { AgreementEntity } from '../../agreements/entities/agreement.entity';
import { sqlIn } from '../../database/sql-checks';
import { ReferralEntity } from './referral.entity';

/**
 * One timed step of a referral, from the agreement in force when it was created (decision 0069):
 * metadata only, shown to both sides. Written with the referral, never changed by a person.
 */
@Entity({ name: 'referral_deadlines' })
@Index('referral_deadlines_due', ['respondBy'])
@Check('referral_deadlines_step', sqlIn('step', AGREEMENT_STEPS))
export class ReferralDeadlineEntity {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => ReferralEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id' })
  referral?: ReferralEntity;

  @PrimaryColumn({ type: 'text' })
  step!: AgreementStep;

  @Column({ name: 'respond_by', type: 'timestamptz' })
  respondBy!: Date;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: AgreementEntity;

  @Column({ name: 'agreement_version', type: 'integer' })
  agreementVersion!: number;

  /** The handoff's escalation point: a party agency and its point-of-contact role code. */
  @Column({ name: 'escalate_to_agency_id', type: 'uuid' })
  escalateToAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'escalate_to_agency_id' })
  escalateToAgency?: AgencyEntity;

  @Column({ name: 'escalate_to_role', type: 'text' })
  escalateToRole!: string;

  /** Set once by the scheduler's sweep when it announced the step as due soon (never by a person). */
  @Column({ name: 'due_soon_at', type: 'timestamptz', nullable: true })
  dueSoonAt!: Date | null;

  /** Set once by the sweep when the step ran out unmet: overdue and escalated. */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;
}
