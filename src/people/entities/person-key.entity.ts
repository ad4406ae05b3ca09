import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { PrincipalEntity } from '../../principals/principal.entity';

/**
 * A person's public keys and their password envelope (research §3.1): the private halves sealed
 * under a key only the person's secret derives (OPAQUE export key). The server cannot open it.
 */
@Entity({ name: 'person_keys' })
export class PersonKeyEntity {
  @PrimaryColumn({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @OneToOne(() => PrincipalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'principal_id' })
  principal?: PrincipalEntity;

  @Column({ name: 'sign_public_key', type: 'bytea' })
  signPublicKey!: Buffer;

  @Column({ name: 'box_public_key', type: 'bytea' })
  boxPublicKey!: Buffer;

  /** Version of the envelope's key (bound in its AAD); a re-enrolment starts again at 1 with new keys. */
  @Column({ name: 'key_version', type: 'integer' })
  keyVersion!: number;

  @Column({ type: 'bytea' })
  envelope!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
