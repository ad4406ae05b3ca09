import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RecordRecipientEntity } from './record-recipient.entity';

/**
 * The DEK wrap (crypto_box_seal) for one recipient agency. Deleting the row is how revocation
 * stops delivery; the API role can delete but never read it except through ccr_open_record().
 */
@Entity({ name: 'record_wraps' })
export class RecordWrapEntity {
  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId!: string;

  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => RecordRecipientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'record_id', referencedColumnName: 'recordId' },
    { name: 'agency_id', referencedColumnName: 'agencyId' },
  ])
  recipient?: RecordRecipientEntity;

  @Column({ type: 'bytea', select: false })
  wrap!: Buffer;
}
