import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { sqlIn } from '../../database/sql-checks';
import { PrincipalEntity } from '../../principals/principal.entity';
import { SESSION_STAGES, type SessionStage } from '../people.vocabulary';

/**
 * A person's browser session (decision 0081). The cookie holds a random secret; only its SHA-256
 * is here, so a copy of the table signs nobody in. The CSRF value is bound to the session the
 * same way.
 */
@Entity({ name: 'person_sessions' })
@Check('person_sessions_stage', sqlIn('stage', SESSION_STAGES))
@Index('person_sessions_principal', ['principalId'])
export class PersonSessionEntity {
  /** Public id: the `tokenId` of the requests made in the session (log correlation). */
  @PrimaryColumn('uuid')
  id!: string;

  @Index('person_sessions_secret', { unique: true })
  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash!: Buffer;

  @Column({ name: 'csrf_hash', type: 'bytea' })
  csrfHash!: Buffer;

  @Column({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @ManyToOne(() => PrincipalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'principal_id' })
  principal?: PrincipalEntity;

  @Column({ type: 'text' })
  stage!: SessionStage;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The absolute end (created + PERSON_SESSION_MAX_SECONDS; a pending session: a few minutes). */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
