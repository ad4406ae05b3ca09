import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface BackoffPolicy {
  freeAttempts: number;
  baseBackoffSeconds: number;
  maxBackoffSeconds: number;
  windowSeconds: number;
}

@Injectable()
export class TokenFailuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Seconds until the longest block among `keys` ends, or 0 if none is blocked. */
  async secondsBlocked(keys: readonly string[]): Promise<number> {
    const rows = await this.dataSource.query<{ seconds: number | null }[]>(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS seconds
         FROM token_failures WHERE key = ANY($1) AND blocked_until > now()`,
      [keys],
    );
    return Math.max(0, rows[0]?.seconds ?? 0);
  }

  /**
   * Counts a failure for each key (a new window once the old one has passed) and blocks a key for
   * base·2^(n−free−1) seconds, capped, once it has more than `freeAttempts` failures in the window.
   */
  async recordFailure(keys: readonly string[], policy: BackoffPolicy): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO token_failures AS f (key, failures, first_failure_at, blocked_until)
         SELECT key, 1, now(), NULL FROM unnest($1::text[]) AS key
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.first_failure_at < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
         first_failure_at = CASE WHEN f.first_failure_at < now() - make_interval(secs => $2) THEN now() ELSE f.first_failure_at END`,
      [keys, policy.windowSeconds],
    );
    await this.dataSource.query(
      `UPDATE token_failures
          SET blocked_until = now() + make_interval(secs => least($3::float8, $2::float8 * power(2, failures - $4 - 1)))
        WHERE key = ANY($1) AND failures > $4`,
      [keys, policy.baseBackoffSeconds, policy.maxBackoffSeconds, policy.freeAttempts],
    );
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM token_failures WHERE key = $1`, [key]);
  }

  /** Forgets windows that ended and blocks that expired. */
  async prune(windowSeconds: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM token_failures
        WHERE first_failure_at < now() - make_interval(secs => $1) AND (blocked_until IS NULL OR blocked_until < now())`,
      [windowSeconds],
    );
  }
}
