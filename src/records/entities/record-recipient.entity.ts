import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RecordEntity } from './record.entity';

export const BASIS_KINDS = ['custodian', 'consent', 'mandate'] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];

/**
 * Who a record is wrapped for and on what basis. Manifest entries are signed by the author; a
 * share (a recipient added later) carries the custodian's share signature. Rows are never
 * deleted: after revocation the wrap itself goes, the hash stays so readers can verify the
 * author's signature over the whole manifest.
 */
@Entity({ name: 'record_recipients' })
@Index('record_recipients_basis', ['basisId'])
@Index('record_recipients_agency', ['agencyId', 'createdAt'])
@Check('record_recipients_basis_kind', `(basis_kind = 'custodian') = (basis_id IS NULL) AND basis_kind IN ('custodian', 'consent', 'mandate')`)
@Check('record_recipients_share', `(via = 'share') = (share_signature IS NOT NULL) AND via IN ('manifest', 'share')`)
export class RecordRecipientEntity {
  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId!: string;

  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => RecordEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id' })
  record?: RecordEntity;

  @Column({ type: 'integer' })
  epoch!: number;

  @Column({ name: 'basis_kind', type: 'text' })
  basisKind!: BasisKind;

  /** Consent or mandate id (the envelope's consentId); null for the author's own agency. */
  @Column({ name: 'basis_id', type: 'uuid', nullable: true })
  basisId!: string | null;

  @Column({ name: 'wrap_hash', type: 'bytea' })
  wrapHash!: Buffer;

  @Column({ type: 'text' })
  via!: 'manifest' | 'share';

  @Column({ name: 'sharer_agency_id', type: 'uuid', nullable: true })
  sharerAgencyId!: string | null;

  @Column({ name: 'sharer_epoch', type: 'integer', nullable: true })
  sharerEpoch!: number | null;

  @Column({ name: 'share_signature', type: 'bytea', nullable: true })
  shareSignature!: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
