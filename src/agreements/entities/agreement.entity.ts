import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../../agencies/agency.entity';
import { PrincipalEntity } from '../../principals/principal.entity';

/**
 * A working agreement between agencies (decision 0068). Its terms live in versions; the agreement
 * row serializes proposals and signatures (row lock) and names the version in force, if any.
 */
@Entity({ name: 'agreements' })
@Check('agreements_in_force_version', 'in_force_version IS NULL OR (in_force_version >= 1 AND in_force_version <= latest_version)')
export class AgreementEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'latest_version', type: 'integer' })
  latestVersion!: number;

  @Column({ name: 'in_force_version', type: 'integer', nullable: true })
  inForceVersion!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One version's terms (AgreementTermsV1, as signed) and its life: proposed, in force, superseded. */
@Entity({ name: 'agreement_versions' })
// A GIN index on parties (created by the migration): TypeORM cannot declare one, so it leaves it alone.
@Index('agreement_versions_parties', { synchronize: false })
@Check('agreement_versions_version', 'version >= 1')
export class AgreementVersionEntity {
  @PrimaryColumn({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: AgreementEntity;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  /** The signed terms, stored as given to the signature (canonical JSON is rebuilt from it). */
  @Column({ type: 'jsonb' })
  terms!: object;

  /** terms.parties, for visibility ("is my agency a party") by index. */
  @Column({ type: 'uuid', array: true })
  parties!: string[];

  @Column({ name: 'proposed_by_agency_id', type: 'uuid' })
  proposedByAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposed_by_agency_id' })
  proposedByAgency?: AgencyEntity;

  @CreateDateColumn({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt!: Date;

  @Column({ name: 'in_force_at', type: 'timestamptz', nullable: true })
  inForceAt!: Date | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}

/** One party's detached Ed25519 signature over a version, checked against its key directory entry. */
@Entity({ name: 'agreement_signatures' })
@Check('agreement_signatures_length', 'octet_length(signature) = 64')
export class AgreementSignatureEntity {
  @PrimaryColumn({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Column({ name: 'signer_epoch', type: 'integer' })
  signerEpoch!: number;

  @Column({ type: 'bytea' })
  signature!: Buffer;

  @Column({ name: 'signed_by_principal_id', type: 'uuid' })
  signedByPrincipalId!: string;

  @ManyToOne(() => PrincipalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by_principal_id' })
  signedBy?: PrincipalEntity;

  @CreateDateColumn({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;
}
