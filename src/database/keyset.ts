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

/**
 * The rows strictly past a position in the listing's order, or every row when the position
 * parameters are null (the first page). `time` and `id` are parameter numbers ($n) carrying an
 * exactTime() text and a uuid. Pair it with orderBy() on the same columns.
 */
export function pastPosition(timeColumn: string, idColumn: string, order: ListingOrder, time: number, id: number): string {
  const past = order === 'newest_first' ? '<' : '>';
  return `($${time}::timestamptz IS NULL OR (${timeColumn}, ${idColumn}) ${past} ($${time}::timestamptz, $${id}::uuid))`;
}

export function orderBy(timeColumn: string, idColumn: string, order: ListingOrder): string {
  const direction = order === 'newest_first' ? 'DESC' : 'ASC';
  return `ORDER BY ${timeColumn} ${direction}, ${idColumn} ${direction}`;
}
