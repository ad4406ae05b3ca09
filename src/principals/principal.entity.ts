import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import { sqlIn, sqlSubsetOf } from '../database/sql-checks';
import { PRINCIPAL_KINDS, PRINCIPAL_STATUSES, type PrincipalKind, type PrincipalStatus, type Role, ROLES } from './principal.vocabulary';

/** A public key a service account signs its RFC 7523 client assertions with (JWK, public part only). */
export interface ClientPublicJwk {
  kty: 'OKP' | 'EC';
  crv: 'Ed25519' | 'P-256';
  x: string;
  y?: string;
}

@Entity({ name: 'principals' })
@Check('principals_kind', sqlIn('kind', PRINCIPAL_KINDS))
@Check('principals_status', sqlIn('status', PRINCIPAL_STATUSES))
@Check('principals_roles', `cardinality(roles) > 0 AND ${sqlSubsetOf('roles', ROLES)}`)
@Index('principals_agency', ['agencyId'])
export class PrincipalEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Column({ type: 'text' })
  kind!: PrincipalKind;

  /** Login name of a person, client_id of a service account. */
  @Column({ type: 'text', unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'text', default: 'active' })
  status!: PrincipalStatus;

  /** Argon2id hash (libsodium crypto_pwhash_str) of the password or client secret; never the secret. */
  @Column({ name: 'secret_hash', type: 'text', nullable: true })
  secretHash!: string | null;

  @Column({ name: 'client_jwk', type: 'jsonb', nullable: true })
  clientJwk!: ClientPublicJwk | null;

  @Column({ name: 'credentials_rotated_at', type: 'timestamptz', nullable: true })
  credentialsRotatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
