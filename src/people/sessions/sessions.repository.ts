import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type SessionStage } from '../people.vocabulary';

export interface SessionRow {
  id: string;
  principalId: string;
  agencyId: string;
  stage: SessionStage;
  csrfHash: Buffer;
  /** Whether the session is still good now (absolute end, and idle limit for a full session). */
  live: boolean;
  /** Seconds since the last request, to spare a write on every request. */
  idleSeconds: number;
}

export interface NewSession {
  id: string;
  principalId: string;
  stage: SessionStage;
  secretHash: Buffer;
  csrfHash: Buffer;
  expiresAt: Date;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(session: NewSession): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO person_sessions (id, secret_hash, csrf_hash, principal_id, stage, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, now(), $6)`,
      [session.id, session.secretHash, session.csrfHash, session.principalId, session.stage, session.expiresAt],
    );
  }

  async findBySecret(secretHash: Buffer, idleSeconds: number): Promise<SessionRow | null> {
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT s.id, s.principal_id AS "principalId", p.agency_id AS "agencyId", s.stage, s.csrf_hash AS "csrfHash",
              s.expires_at > now() AND (s.stage <> 'full' OR s.last_seen_at > now() - make_interval(secs => $2)) AS live,
              extract(epoch FROM now() - s.last_seen_at)::float8 AS "idleSeconds"
         FROM person_sessions s JOIN principals p ON p.id = s.principal_id WHERE s.secret_hash = $1`,
      [secretHash, idleSeconds],
    );
    return rows[0] ?? null;
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE person_sessions SET last_seen_at = now() WHERE id = $1`, [id]);
  }

  /**
   * The second factor passed: the pending session becomes a full one under a new secret and CSRF
   * value (the pre-authentication cookie is worth nothing after), if it is still pending.
   */
  async promote(id: string, secretHash: Buffer, csrfHash: Buffer, expiresAt: Date): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, count].
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE person_sessions SET stage = 'full', secret_hash = $2, csrf_hash = $3, expires_at = $4, last_seen_at = now()
        WHERE id = $1 AND stage = 'second_factor' AND expires_at > now()`,
      [id, secretHash, csrfHash, expiresAt],
    );
    return count === 1;
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM person_sessions WHERE id = $1`, [id]);
  }

  /** Ends every session of the person except `keep` (a secret change keeps the session that made it). */
  async deleteForPrincipal(principalId: string, keep: string | null = null, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM person_sessions WHERE principal_id = $1 AND id IS DISTINCT FROM $2`, [principalId, keep]);
  }
}
