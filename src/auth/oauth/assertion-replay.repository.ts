import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class AssertionReplayRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Remembers the jti until the assertion expires; false if it was already used (a replay). */
  async remember(principalId: string, jti: string, expiresAt: Date): Promise<boolean> {
    await this.dataSource.query(`DELETE FROM client_assertion_jtis WHERE expires_at < now()`);
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO client_assertion_jtis (principal_id, jti, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [principalId, jti, expiresAt],
    );
    return rows.length === 1;
  }
}
