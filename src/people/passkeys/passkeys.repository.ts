import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type PasskeyCeremony } from './passkeys.vocabulary';

export interface PasskeyRow {
  id: string;
  principalId: string;
  credentialId: string;
  publicKey: Buffer;
  counter: number;
  transports: string[];
  envelope: Buffer | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface NewPasskey {
  id: string;
  principalId: string;
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: readonly string[];
}

export interface NewChallenge {
  id: string;
  ceremony: PasskeyCeremony;
  challenge: string;
  principalId: string | null;
  sessionId: string | null;
  expiresAt: Date;
}

const COLUMNS = `k.id, k.principal_id AS "principalId", k.credential_id AS "credentialId", k.public_key AS "publicKey",
  k.counter::float8 AS counter, k.transports, k.envelope, k.created_at AS "createdAt", k.last_used_at AS "lastUsedAt"`;

/**
 * People's passkeys and the WebAuthn challenges in flight. Every read of a passkey names the
 * person's agency too (joined through principals): a passkey of another agency's person is absent.
 */
@Injectable()
export class PasskeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listOf(principalId: string, agencyId: string): Promise<PasskeyRow[]> {
    return this.dataSource.query<PasskeyRow[]>(
      `SELECT ${COLUMNS} FROM person_passkeys k JOIN principals p ON p.id = k.principal_id
        WHERE k.principal_id = $1 AND p.agency_id = $2 ORDER BY k.created_at, k.id`,
      [principalId, agencyId],
    );
  }

  async findOwn(id: string, principalId: string, agencyId: string): Promise<PasskeyRow | null> {
    const rows = await this.dataSource.query<PasskeyRow[]>(
      `SELECT ${COLUMNS} FROM person_passkeys k JOIN principals p ON p.id = k.principal_id
        WHERE k.id = $1 AND k.principal_id = $2 AND p.agency_id = $3`,
      [id, principalId, agencyId],
    );
    return rows[0] ?? null;
  }

  /** By credential id, for a passkey-only sign-in (the passkey names its person): an active, enrolled person only, with their agency. */
  async findByCredential(credentialId: string): Promise<(PasskeyRow & { agencyId: string }) | null> {
    const rows = await this.dataSource.query<(PasskeyRow & { agencyId: string })[]>(
      `SELECT ${COLUMNS}, p.agency_id AS "agencyId" FROM person_passkeys k JOIN principals p ON p.id = k.principal_id
         JOIN person_logins l ON l.principal_id = k.principal_id
        WHERE k.credential_id = $1 AND p.kind = 'person' AND p.status = 'active'`,
      [credentialId],
    );
    return rows[0] ?? null;
  }

  async count(manager: EntityManager, principalId: string): Promise<number> {
    const rows = await manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM person_passkeys WHERE principal_id = $1`, [principalId]);
    return rows[0].n;
  }

  /** False when the credential is registered already (to anyone). */
  async insert(manager: EntityManager, passkey: NewPasskey): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO person_passkeys (id, principal_id, credential_id, public_key, counter, transports) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (credential_id) DO NOTHING RETURNING 1`,
      [passkey.id, passkey.principalId, passkey.credentialId, Buffer.from(passkey.publicKey), passkey.counter, [...passkey.transports]],
    );
    return rows.length === 1;
  }

  async delete(manager: EntityManager, id: string, principalId: string, agencyId: string): Promise<boolean> {
    // TypeORM answers a DELETE or UPDATE with [rows, count].
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM person_passkeys k USING principals p WHERE p.id = k.principal_id AND k.id = $1 AND k.principal_id = $2 AND p.agency_id = $3`,
      [id, principalId, agencyId],
    );
    return count === 1;
  }

  async setEnvelope(id: string, principalId: string, agencyId: string, envelope: Uint8Array | null): Promise<boolean> {
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE person_passkeys k SET envelope = $4 FROM principals p WHERE p.id = k.principal_id AND k.id = $1 AND k.principal_id = $2 AND p.agency_id = $3`,
      [id, principalId, agencyId, envelope ? Buffer.from(envelope) : null],
    );
    return count === 1;
  }

  /**
   * Records a verified assertion's counter, only if it still moves forward (or the authenticator
   * counts nothing: 0 then 0), so two racing answers cannot both pass on one counter value.
   */
  async advanceCounter(id: string, previous: number, next: number): Promise<boolean> {
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE person_passkeys SET counter = $3::bigint, last_used_at = now() WHERE id = $1 AND counter = $2::bigint AND ($3::bigint > $2::bigint OR ($3::bigint = 0 AND $2::bigint = 0))`,
      [id, previous, next],
    );
    return count === 1;
  }

  async insertChallenge(challenge: NewChallenge): Promise<void> {
    await this.dataSource.query(`DELETE FROM passkey_challenges WHERE expires_at < now()`);
    await this.dataSource.query(
      `INSERT INTO passkey_challenges (id, ceremony, challenge, principal_id, session_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [challenge.id, challenge.ceremony, challenge.challenge, challenge.principalId, challenge.sessionId, challenge.expiresAt],
    );
  }

  /**
   * Takes (deletes) every challenge of this ceremony for this id, session or person and answers the
   * live ones: a challenge answers once, right or wrong, and a retried options call leaves the
   * newest and the older ones good until the first answer.
   */
  async takeChallenges(where: { id?: string; ceremony: PasskeyCeremony; sessionId?: string; principalId?: string }): Promise<NewChallenge[]> {
    const [rows] = await this.dataSource.query<[(NewChallenge & { live: boolean })[], number]>(
      `DELETE FROM passkey_challenges
        WHERE ceremony = $1 AND ($2::uuid IS NULL OR id = $2) AND ($3::uuid IS NULL OR session_id = $3) AND ($4::uuid IS NULL OR principal_id = $4)
          AND num_nonnulls($2::uuid, $3::uuid, $4::uuid) > 0
        RETURNING id, ceremony, challenge, principal_id AS "principalId", session_id AS "sessionId", expires_at AS "expiresAt", expires_at > now() AS live`,
      [where.ceremony, where.id ?? null, where.sessionId ?? null, where.principalId ?? null],
    );
    return rows.filter((row) => row.live);
  }
}
