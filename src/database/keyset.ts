/**
 * The SQL half of keyset paging on (created_at, id), used by every listing that pages by time
 * (the cursor half is src/platform/paging/cursor.ts). Both halves keep created_at to the
 * microsecond: pg would hand back a JS Date, which keeps milliseconds, and a cursor built from it
 * skipped every row that shared the last row's millisecond (decision 0051).
 */

/** A timestamptz column as text to the microsecond, in UTC ("2026-03-01T12:00:00.123456Z"). */
export function exactTime(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export type ListingOrder = 'newest_first' | 'oldest_first';

/** A position in a listing: the exactTime() text and the id of the last row of the page before. */
export interface ListingPosition {
  time: string;
  id: string;
}

/**
 * A listing's WHERE clause made of only the conditions this request has, each with its own
 * parameter. A condition that may be absent is left out of the text rather than written as
 * "$n IS NULL OR …": a named statement's cached generic plan cannot see through that, and on
 * PostgreSQL 15 it read every row of the agency and sorted them instead of walking the listing's
 * index for one page (decision 0169). Each shape of request is then its own prepared statement.
 */
export class ListingConditions {
  private readonly clauses: string[] = [];
  readonly values: unknown[] = [];

  /** The placeholder ($n) of a new parameter. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  where(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  /** The rows strictly past `after` in the listing's order; every row on the first page (no `after`). */
  pastPosition(timeColumn: string, idColumn: string, order: ListingOrder, after: ListingPosition | null | undefined): this {
    if (!after) return this;
    const past = order === 'newest_first' ? '<' : '>';
    return this.where(`(${timeColumn}, ${idColumn}) ${past} (${this.param(after.time)}::timestamptz, ${this.param(after.id)}::uuid)`);
  }

  toSql(): string {
    return this.clauses.length === 0 ? '' : `WHERE ${this.clauses.join(' AND ')}`;
  }
}

export function orderBy(timeColumn: string, idColumn: string, order: ListingOrder): string {
  const direction = order === 'newest_first' ? 'DESC' : 'ASC';
  return `ORDER BY ${timeColumn} ${direction}, ${idColumn} ${direction}`;
}
