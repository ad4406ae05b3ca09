import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { PrincipalEntity } from '../../principals/principal.entity';

/**
 * How an enrolled person signs in: their OPAQUE registration record (which lets the server run the
 * protocol, never learn or test the secret without the client) and their TOTP second factor. A
 * person with a row here is "enrolled": the password grant refuses them.
 */
@Entity({ name: 'person_logins' })
export class PersonLoginEntity {
  @PrimaryColumn({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @OneToOne(() => PrincipalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'principal_id' })
  principal?: PrincipalEntity;

  /** RFC 9807 registration record (base64url), bound to the server setup. */
  @Column({ name: 'opaque_record', type: 'text' })
  opaqueRecord!: string;

  /** Version of the client-side key stretching the record was made with (people.vocabulary.ts). */
  @Column({ type: 'smallint' })
  ksf!: number;

  /** RFC 6238 shared secret, base32. A server gate: it guards delivery, not cryptography. */
  @Column({ name: 'totp_secret', type: 'text' })
  totpSecret!: string;

  /** The last TOTP time step accepted: a code is good once (RFC 6238 §5.2). */
  @Column({ name: 'totp_last_step', type: 'bigint', default: 0 })
  totpLastStep!: string;

  @Column({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt!: Date;

  @Column({ name: 'secret_changed_at', type: 'timestamptz' })
  secretChangedAt!: Date;
}
