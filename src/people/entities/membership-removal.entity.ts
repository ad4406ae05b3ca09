import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A member removed from an agency (research §3.4): their wraps, sessions and login went at once;
 * the agency's keys are due for rotation until an epoch registered after the latest removal.
 */
@Entity({ name: 'membership_removals' })
@Index('membership_removals_agency', ['agencyId', 'removedAt'])
export class MembershipRemovalEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  /** Not a foreign key: the record outlives the principal. */
  @Column({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @Column({ name: 'removed_by', type: 'uuid' })
  removedBy!: string;

  @Column({ name: 'removed_at', type: 'timestamptz', default: () => 'now()' })
  removedAt!: Date;
}
