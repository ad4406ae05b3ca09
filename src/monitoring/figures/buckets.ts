import { type Bucket } from './catalogue';

/** The UTC calendar bucket of an instant: `2026-03` for a month, `2026-Q1` for a quarter. */
export function bucketOf(time: string, bucket: Bucket): string {
  const year = time.slice(0, 4);
  const month = Number(time.slice(5, 7));
  return bucket === 'month' ? `${year}-${time.slice(5, 7)}` : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Is the instant in the report's period [from, to)? Compared as instants, not strings. */
export function inPeriod(time: string, from: string, to: string): boolean {
  const at = Date.parse(time);
  return at >= Date.parse(from) && at < Date.parse(to);
}
