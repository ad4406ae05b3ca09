import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../../agencies/agency.entity';
import { CaseEntity } from '../../cases/case.entity';
import { sqlIn } from '../../database/sql-checks';
import { REVOCATION_CHANNELS, type RevocationChannel } from '../consent.vocabulary';

/**
 * A release: the survivor's consent for ONE recipient agency, recorded by the custodian. Its terms
 * live in versions (amendments supersede, history is kept); revocation is on the consent itself
 * and takes effect at once.
 */
@Entity({ name: 'consents' })
@Index('consents_case', ['caseId'])
@Index('consents_recipient', ['recipientAgencyId'])
@Check('consents_revocation_channel', `revocation_channel IS NULL OR ${sqlIn('revocation_channel', REVOCATION_CHANNELS)}`)
@Check('consents_revocation_complete', '(revoked_at IS NULL) = (revoked_by_principal_id IS NULL) AND (revoked_at IS NULL) = (revocation_channel IS NULL)')
@Check('consents_distinct_parties', 'custodian_agency_id <> recipient_agency_id')
@Check('consents_revocation_signature', '(revocation_signature IS NULL) = (revocation_signer_epoch IS NULL) AND (revocation_signature IS NULL OR revoked_at IS NOT NULL)')
export class ConsentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'custodian_agency_id', type: 'uuid' })
  custodianAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'custodian_agency_id' })
  custodian?: AgencyEntity;

  @Column({ name: 'recipient_agency_id', type: 'uuid' })
  recipientAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_agency_id' })
  recipient?: AgencyEntity;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion!: number;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** The staff member who received the survivor's revocation. */
  @Column({ name: 'revoked_by_principal_id', type: 'uuid', nullable: true })
  revokedByPrincipalId!: string | null;

  @Column({ name: 'revocation_channel', type: 'text', nullable: true })
  revocationChannel!: RevocationChannel | null;

  /** Optional: the custodian agency's signature over the revocation statement (key epoch below). */
  @Column({ name: 'revocation_signer_epoch', type: 'integer', nullable: true })
  revocationSignerEpoch!: number | null;

  @Column({ name: 'revocation_signature', type: 'bytea', nullable: true })
  revocationSignature!: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
