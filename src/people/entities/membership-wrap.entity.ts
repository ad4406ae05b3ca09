import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PrincipalEntity } from '../../principals/principal.entity';

/**
 * One agency epoch sealed to one member (research §3.1), signed by the agency's key of that epoch
 * over the member's public keys and the wrap's hash. Only a member's client can make one; the
 * server checks the signature before storing and hands each person only their own.
 */
@Entity({ name: 'membership_wraps' })
@Index('membership_wraps_agency', ['agencyId', 'epoch'])
export class MembershipWrapEntity {
  @PrimaryColumn({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @ManyToOne(() => PrincipalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'principal_id' })
  principal?: PrincipalEntity;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'bytea' })
  wrap!: Buffer;

  @Column({ type: 'bytea' })
  signature!: Buffer;

  /** The member whose client made the wrap. */
  @Column({ name: 'issued_by', type: 'uuid' })
  issuedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
