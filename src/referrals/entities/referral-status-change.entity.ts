import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReferralEntity } from './referral.entity';

/** Every status change of a referral, in order (never updated or deleted). */
@Entity({ name: 'referral_status_changes' })
export class ReferralStatusChangeEntity {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  /** Equals the referral's version after this change. */
  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => ReferralEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id' })
  referral?: ReferralEntity;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  /** sender | receiver | system */
  @Column({ type: 'text' })
  side!: string;

  /** Null when the system made the change (a consent ended). */
  @Column({ name: 'principal_id', type: 'uuid', nullable: true })
  principalId!: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;
}
