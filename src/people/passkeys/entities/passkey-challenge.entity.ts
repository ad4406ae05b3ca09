import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { sqlIn } from '../../../database/sql-checks';
import { PASSKEY_CEREMONIES, type PasskeyCeremony } from '../passkeys.vocabulary';

/**
 * A WebAuthn challenge the server handed out and has not seen answered yet. Taken (deleted) by the
 * first answer, right or wrong: a challenge is good once, so a replayed assertion finds nothing.
 */
@Entity({ name: 'passkey_challenges' })
@Check('passkey_challenges_ceremony', sqlIn('ceremony', PASSKEY_CEREMONIES))
export class PasskeyChallengeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  ceremony!: PasskeyCeremony;

  /** base64url, as it travels in clientDataJSON. */
  @Column({ type: 'text' })
  challenge!: string;

  /** The person it was made for; null for a passkey-only sign-in, where the passkey names the person. */
  @Column({ name: 'principal_id', type: 'uuid', nullable: true })
  principalId!: string | null;

  /** The session it belongs to (registration: the full one; second factor: the pending one). */
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
