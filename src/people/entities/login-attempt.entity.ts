import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The server's OPAQUE state between a sign-in's two messages; used once, gone after a few minutes.
 * An unknown username gets an attempt too (with a dummy answer), so attempts do not tell who exists.
 */
@Entity({ name: 'opaque_login_attempts' })
@Index('opaque_login_attempts_expiry', ['expiresAt'])
export class LoginAttemptEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Null when the username names no enrolled person. */
  @Column({ name: 'principal_id', type: 'uuid', nullable: true })
  principalId!: string | null;

  /** As the client sent it, for the per-name back-off. */
  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'server_state', type: 'text' })
  serverState!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
