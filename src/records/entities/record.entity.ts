import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from '../../cases/case.entity';

/**
 * A sealed record (envelope v1): clear, authenticated metadata plus ciphertext the server cannot
 * read. The API role may list the metadata columns; the envelope columns (nonce, ciphertext,
 * commitment, signature) it can read only through ccr_open_record(), which checks the basis and
 * writes the disclosure-log entry in the same transaction.
 */
@Entity({ name: 'records' })
@Index('records_case', ['caseId', 'storedAt'])
export class RecordEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  category!: string;

  @Column({ name: 'author_agency_id', type: 'uuid' })
  authorAgencyId!: string;

  @Column({ name: 'signer_epoch', type: 'integer' })
  signerEpoch!: number;

  /** The envelope's createdAt, verbatim: it is part of the signed header. */
  @Column({ name: 'created_at', type: 'text' })
  createdAt!: string;

  @Column({ type: 'uuid', nullable: true })
  supersedes!: string | null;

  @Column({ name: 'stored_at', type: 'timestamptz', default: () => 'now()' })
  storedAt!: Date;

  @Column({ type: 'bytea', select: false })
  nonce!: Buffer;

  @Column({ type: 'bytea', select: false })
  ciphertext!: Buffer;

  @Column({ name: 'ciphertext_sha256', type: 'bytea', select: false })
  ciphertextSha256!: Buffer;

  @Column({ name: 'key_commitment', type: 'bytea', select: false })
  keyCommitment!: Buffer;

  @Column({ type: 'bytea', select: false })
  signature!: Buffer;
}
