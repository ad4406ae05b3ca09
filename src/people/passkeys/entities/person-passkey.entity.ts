import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PrincipalEntity } from '../../../principals/principal.entity';

/**
 * A person's WebAuthn passkey (decision 0111): what verifies its assertions (the COSE public key
 * and the signature counter) and, when the passkey has the PRF extension, the passkey envelope
 * (decision 0112) — the person's keys under a key only that passkey's PRF output derives.
 */
@Entity({ name: 'person_passkeys' })
@Index('person_passkeys_principal', ['principalId'])
export class PersonPasskeyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @ManyToOne(() => PrincipalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'principal_id' })
  principal?: PrincipalEntity;

  /** The authenticator's credential id, base64url as WebAuthn names it; unique across people. */
  @Index('person_passkeys_credential', { unique: true })
  @Column({ name: 'credential_id', type: 'text' })
  credentialId!: string;

  /** COSE_Key of the credential. */
  @Column({ name: 'public_key', type: 'bytea' })
  publicKey!: Buffer;

  /** The authenticator's signature counter: an assertion must raise it (when it counts at all). */
  @Column({ type: 'bigint', default: 0 })
  counter!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  transports!: string[];

  /** Passkey envelope (decision 0112), or null while the passkey unlocks nothing. */
  @Column({ type: 'bytea', nullable: true })
  envelope!: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
