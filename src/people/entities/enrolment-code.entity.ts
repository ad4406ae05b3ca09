import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PrincipalEntity } from '../../principals/principal.entity';

/**
 * A single-use enrolment code an administrator hands a person (decision 0082). Only its SHA-256 is
 * stored; it is good once, until it expires. Between the two enrolment steps it holds the TOTP
 * secret the person is setting up.
 */
@Entity({ name: 'enrolment_codes' })
@Index('enrolment_codes_principal', ['principalId'])
export class EnrolmentCodeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @ManyToOne(() => PrincipalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'principal_id' })
  principal?: PrincipalEntity;

  @Index('enrolment_codes_hash', { unique: true })
  @Column({ name: 'code_hash', type: 'bytea' })
  codeHash!: Buffer;

  /** The administrator who issued it; null when the operator issued it on the server (npm run admin). */
  @Column({ name: 'issued_by', type: 'uuid', nullable: true })
  issuedBy!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'pending_totp_secret', type: 'text', nullable: true })
  pendingTotpSecret!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
