import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface LoginRow {
  principalId: string;
  opaqueRecord: string;
  totpSecret: string;
  totpLastStep: number;
}

export interface EnrolmentCodeRow {
  id: string;
  principalId: string;
  issuedBy: string | null;
  pendingTotpSecret: string | null;
}

export interface LoginAttemptRow {
  principalId: string | null;
  username: string;
  serverState: string;
}

/**
 * Login records, enrolment codes and OPAQUE sign-in state. A person signs in before any agency is
 * known, so these are looked up by principal id, code hash or attempt id — never listed.
 */
@Injectable()
export class PeopleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findLogin(principalId: string, manager: EntityManager = this.dataSource.manager): Promise<LoginRow | null> {
    const rows = await manager.query<LoginRow[]>(
      `SELECT principal_id AS "principalId", opaque_record AS "opaqueRecord", totp_secret AS "totpSecret", totp_last_step::float8 AS "totpLastStep"
         FROM person_logins WHERE principal_id = $1`,
      [principalId],
    );
    return rows[0] ?? null;
  }

  async isEnrolled(principalId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM person_logins WHERE principal_id = $1`, [principalId]);
    return rows.length > 0;
  }

  /** Inserts or replaces (re-enrolment) the person's login; true if one existed before. */
  async saveLogin(manager: EntityManager, login: { principalId: string; opaqueRecord: string; ksf: number; totpSecret: string; totpStep: number }): Promise<boolean> {
    const rows = await manager.query<{ existed: boolean }[]>(
      `INSERT INTO person_logins AS l (principal_id, opaque_record, ksf, totp_secret, totp_last_step, enrolled_at, secret_changed_at)
       VALUES ($1, $2, $3, $4, $5, now(), now())
       ON CONFLICT (principal_id) DO UPDATE SET opaque_record = excluded.opaque_record, ksf = excluded.ksf, totp_secret = excluded.totp_secret,
         totp_last_step = excluded.totp_last_step, enrolled_at = now(), secret_changed_at = now()
       RETURNING (xmax <> 0) AS existed`,
      [login.principalId, login.opaqueRecord, login.ksf, login.totpSecret, login.totpStep],
    );
    return rows[0]?.existed ?? false;
  }

  /**
   * One statement: with `envelope`, the person keys' envelope changes with the secret or not at all;
   * without it, the secret changes only while the person has no keys (the old envelope would never
   * open again). False when nothing changed for that reason.
   */
  async replaceSecret(principalId: string, opaqueRecord: string, ksf: number, envelope?: Buffer): Promise<boolean> {
    if (!envelope) {
      const [, count] = await this.dataSource.query<[unknown[], number]>(
        `UPDATE person_logins SET opaque_record = $2, ksf = $3, secret_changed_at = now()
          WHERE principal_id = $1 AND NOT EXISTS (SELECT 1 FROM person_keys WHERE principal_id = $1)`,
        [principalId, opaqueRecord, ksf],
      );
      return count > 0;
    }
    await this.dataSource.query(
      `WITH login AS (UPDATE person_logins SET opaque_record = $2, ksf = $3, secret_changed_at = now() WHERE principal_id = $1 RETURNING principal_id)
       UPDATE person_keys SET envelope = $4 WHERE principal_id IN (SELECT principal_id FROM login)`,
      [principalId, opaqueRecord, ksf, envelope],
    );
    return true;
  }

  async hasPersonKeys(principalId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM person_keys WHERE principal_id = $1`, [principalId]);
    return rows.length > 0;
  }

  /** Accepts a TOTP step only if it is newer than the last one accepted (atomically: two racing requests cannot both use a code). */
  async consumeTotpStep(principalId: string, step: number): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, count].
    const [, count] = await this.dataSource.query<[unknown[], number]>(`UPDATE person_logins SET totp_last_step = $2 WHERE principal_id = $1 AND totp_last_step < $2`, [principalId, step]);
    return count === 1;
  }

  /** A new code replaces the person's unused ones: only the latest hand-over is good. */
  async issueCode(code: { id: string; principalId: string; codeHash: Buffer; issuedBy: string | null; expiresAt: Date }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM enrolment_codes WHERE principal_id = $1 AND used_at IS NULL`, [code.principalId]);
      await manager.query(`INSERT INTO enrolment_codes (id, principal_id, code_hash, issued_by, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
        code.id,
        code.principalId,
        code.codeHash,
        code.issuedBy,
        code.expiresAt,
      ]);
    });
  }

  /** The unused, unexpired code with this hash; locked with `manager` in a transaction (its use is being decided). */
  async findUsableCode(codeHash: Buffer, manager: EntityManager = this.dataSource.manager, lock = false): Promise<EnrolmentCodeRow | null> {
    const rows = await manager.query<EnrolmentCodeRow[]>(
      `SELECT id, principal_id AS "principalId", issued_by AS "issuedBy", pending_totp_secret AS "pendingTotpSecret"
         FROM enrolment_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()${lock ? ' FOR UPDATE' : ''}`,
      [codeHash],
    );
    return rows[0] ?? null;
  }

  async setPendingTotp(codeId: string, totpSecret: string): Promise<void> {
    await this.dataSource.query(`UPDATE enrolment_codes SET pending_totp_secret = $2 WHERE id = $1`, [codeId, totpSecret]);
  }

  async markCodeUsed(manager: EntityManager, codeId: string): Promise<void> {
    await manager.query(`UPDATE enrolment_codes SET used_at = now(), pending_totp_secret = NULL WHERE id = $1`, [codeId]);
  }

  async insertAttempt(attempt: { id: string; principalId: string | null; username: string; serverState: string; expiresAt: Date }): Promise<void> {
    if (Math.random() < 0.01) await this.dataSource.query(`DELETE FROM opaque_login_attempts WHERE expires_at < now()`);
    await this.dataSource.query(`INSERT INTO opaque_login_attempts (id, principal_id, username, server_state, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      attempt.id,
      attempt.principalId,
      attempt.username,
      attempt.serverState,
      attempt.expiresAt,
    ]);
  }

  /** Takes the attempt (it is good once) if it has not expired. */
  async takeAttempt(id: string): Promise<LoginAttemptRow | null> {
    // TypeORM answers a DELETE with [rows, count].
    const [rows] = await this.dataSource.query<[(LoginAttemptRow & { live: boolean })[], number]>(
      `DELETE FROM opaque_login_attempts WHERE id = $1
       RETURNING principal_id AS "principalId", username, server_state AS "serverState", expires_at > now() AS live`,
      [id],
    );
    const row = rows[0];
    return row?.live ? { principalId: row.principalId, username: row.username, serverState: row.serverState } : null;
  }
}
