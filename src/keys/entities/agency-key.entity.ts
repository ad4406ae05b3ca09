import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../../agencies/agency.entity';
import { PrincipalEntity } from '../../principals/principal.entity';

/**
 * One epoch of an agency's published keys (envelope.md §7). Rows are never deleted: recipients
 * still verify and open records sealed under retired epochs. The only change a row ever sees is
 * `retired_at`, set once when the next epoch is registered; at most one epoch per agency is
 * current (not retired), which the database enforces. Each public key belongs to one epoch of one
 * agency: a key reused across epochs would make rotation meaningless.
 */
@Entity({ name: 'agency_keys' })
@Index('agency_keys_one_current', ['agencyId'], { unique: true, where: '"retired_at" IS NULL' })
@Index('agency_keys_sign_public_key', ['signPublicKey'], { unique: true })
@Index('agency_keys_box_public_key', ['boxPublicKey'], { unique: true })
@Check('agency_keys_epoch', 'epoch >= 1')
@Check('agency_keys_key_lengths', 'octet_length(sign_public_key) = 32 AND octet_length(box_public_key) = 32')
@Check('agency_keys_retired_after_registered', 'retired_at IS NULL OR retired_at >= registered_at')
export class AgencyKeyEntity {
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  /** Ed25519 public key (32 bytes). */
  @Column({ name: 'sign_public_key', type: 'bytea' })
  signPublicKey!: Buffer;

  /** X25519 public key (32 bytes). */
  @Column({ name: 'box_public_key', type: 'bytea' })
  boxPublicKey!: Buffer;

  /** The registration's createdAt, verbatim: it is covered by the registration's signatures. */
  @Column({ name: 'created_at', type: 'text' })
  createdAt!: string;

  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt!: Date;

  /** When the next epoch replaced this one: no new wraps or signatures under it from then on. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** The signed KeyRegistrationV1 as uploaded, so any client can re-verify the chain itself. */
  @Column({ type: 'jsonb' })
  registration!: Record<string, unknown>;

  @Column({ name: 'registered_by_principal_id', type: 'uuid' })
  registeredByPrincipalId!: string;

  @ManyToOne(() => PrincipalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'registered_by_principal_id' })
  registeredBy?: PrincipalEntity;
}
