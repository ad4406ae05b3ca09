/**
 * Nearest-rank percentile (docs/monitoring.md §1): the value at rank ⌈p·n⌉ of the sorted values.
 * Integers in, integer out: no interpolation, so two implementations cannot disagree by rounding.
 */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[rank - 1];
}

export interface TimeSummary {
  n: number;
  median: number;
  p90: number;
}

export function summarize(values: readonly number[]): TimeSummary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, median: nearestRank(sorted, 0.5), p90: nearestRank(sorted, 0.9) };
}

/** Whole minutes of elapsed time between two ISO instants, rounded down. */
export function minutesBetween(start: string, end: string): number {
  return Math.floor((Date.parse(end) - Date.parse(start)) / 60_000);
}
