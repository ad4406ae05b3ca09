import type { MonitoringCountTable, MonitoringFigures, MonitoringReport } from '../../../src/sdk/browser';
import { AGENCY_KINDS } from '../../../src/sdk/browser-plain';

/** A released count, or null where suppression hid it (never to be shown as a number). */
export type Cell = number | null;

export interface TrendPoint {
  bucket: string;
  value: Cell;
}

/** The figures the console shows: the published copy (noised when the report asked for noise; otherwise the suppressed figures). */
export function shownFigures(report: MonitoringReport): MonitoringFigures {
  return report.published;
}

/** Every bucket of the report, in time order (`2026-Q3` < `2026-Q4`, `2026-11` < `2026-12`). */
export function bucketsOf(figures: MonitoringFigures): string[] {
  return [...new Set([...figures.counts, ...figures.times].map((table) => table.bucket))].sort();
}

export function countTable(figures: MonitoringFigures, figure: string, bucket: string): MonitoringCountTable | null {
  return figures.counts.find((table) => table.figure === figure && table.bucket === bucket) ?? null;
}

/** Every calendar bucket (UTC) of the report's period, whether or not anything happened in it: a trend's x axis. */
export function periodBuckets(figures: MonitoringFigures): string[] {
  const { from, to, bucket } = figures.parameters;
  const end = Date.parse(to);
  const buckets = new Set(bucketsOf(figures));
  const at = new Date(Date.parse(from));
  at.setUTCDate(1);
  at.setUTCHours(0, 0, 0, 0);
  // At most ten years of months (the API's longest period): a bad parameter cannot loop for long.
  for (let guard = 0; at.getTime() < end && guard < 121; guard++) {
    const month = at.getUTCMonth();
    buckets.add(bucket === 'month' ? `${at.getUTCFullYear()}-${String(month + 1).padStart(2, '0')}` : `${at.getUTCFullYear()}-Q${Math.floor(month / 3) + 1}`);
    at.setUTCMonth(month + 1);
  }
  return [...buckets].sort();
}

/** A figure's total per bucket of the period: a bucket with no table had nothing to count (0). */
export function totalTrend(figures: MonitoringFigures, figure: string): TrendPoint[] {
  return periodBuckets(figures).map((bucket) => {
    const table = countTable(figures, figure, bucket);
    // A hidden total stays hidden (null); only a bucket with no table at all counted nothing.
    return { bucket, value: table ? table.total : 0 };
  });
}

/** From this many periods on, a trend is drawn as a line (decision 0164): bars for a few quarters, a line for years of months. */
export const LINE_FROM_POINTS = 9;

/** How a trend of `points` periods is drawn: a line for a long trend, else bars. The table beside it is the same either way. */
export function trendChartKind(points: number): 'line' | 'bars' {
  return points >= LINE_FROM_POINTS ? 'line' : 'bars';
}

/** A long trend in words: its first and last released counts and its highest (hidden counts are never read). */
export interface TrendSummary {
  first: { bucket: string; value: number };
  last: { bucket: string; value: number };
  highest: { bucket: string; value: number };
  hidden: number;
}

export function trendSummary(points: readonly TrendPoint[]): TrendSummary | null {
  const released = points.filter((point): point is { bucket: string; value: number } => point.value !== null);
  if (released.length === 0) return null;
  const highest = released.reduce((best, point) => (point.value > best.value ? point : best));
  return { first: released[0], last: released[released.length - 1], highest, hidden: points.length - released.length };
}

/** The latest bucket that has any count table, or null for an empty report. */
export function latestBucket(figures: MonitoringFigures): string | null {
  const buckets = [...new Set(figures.counts.map((table) => table.bucket))].sort();
  return buckets[buckets.length - 1] ?? null;
}

function cellOf(table: MonitoringCountTable, row: number, column: string): Cell {
  const index = table.columns.indexOf(column);
  return index < 0 ? 0 : table.cells[row][index];
}

/** The sum of the counts that were released, for ordering only (never shown: hidden counts may add to it). */
function knownSum(cells: readonly Cell[]): number {
  return cells.reduce<number>((sum, cell) => sum + (cell ?? 0), 0);
}

/** One handoff step between two agencies under an agreement (handoff rows: `<agreement>@<version>|<from>><to>|<step>`). */
export interface HandoffCrack {
  agreementId: string;
  version: string;
  fromAgencyId: string;
  toAgencyId: string;
  step: string;
  inTime: Cell;
  late: Cell;
  missed: Cell;
  endedBeforeDue: Cell;
  pending: Cell;
}

export function parseHandoffRow(label: string): Pick<HandoffCrack, 'agreementId' | 'version' | 'fromAgencyId' | 'toAgencyId' | 'step'> | null {
  const match = /^([^@|]+)@([^|]+)\|([^>|]+)>([^|]+)\|(\w+)$/.exec(label);
  if (!match) return null;
  return { agreementId: match[1], version: match[2], fromAgencyId: match[3], toAgencyId: match[4], step: match[5] };
}

/** Most falling through first, by what was released (a row's hidden counts cannot rank it). */
function byCracks<T>(key: (row: T) => number): (a: T, b: T) => number {
  return (a, b) => key(b) - key(a);
}

/** One bar per kind of crack of each row: a hidden count stays hidden (summing it with others would need its value). */
export function crackBars<Row>(rows: readonly Row[], head: (row: Row) => string, kinds: readonly { label: string; value: (row: Row) => Cell }[]): { label: string; value: Cell }[] {
  return rows.flatMap((row) => kinds.map((kind) => ({ label: `${head(row)}: ${kind.label}`, value: kind.value(row) })));
}

/** A handoff's steps in the order a referral goes through them (decision 0068). */
const STEP_ORDER = ['received', 'answered', 'first_contact'];

/** Where handoffs under working agreements were missed, late or ended before they were due, per agency pair and step. */
export function handoffCracks(figures: MonitoringFigures, bucket: string): HandoffCrack[] {
  const table = countTable(figures, 'handoffs', bucket);
  if (!table) return [];
  const rows = table.rows.flatMap((label, row) => {
    const parsed = parseHandoffRow(label);
    if (!parsed) return [];
    const cell = (column: string) => cellOf(table, row, column);
    return [{ ...parsed, inTime: cell('in_time'), late: cell('late'), missed: cell('missed'), endedBeforeDue: cell('ended_before_due'), pending: cell('pending') }];
  });
  const stepOrder = (row: HandoffCrack) => STEP_ORDER.indexOf(row.step);
  return rows.sort((a, b) => byCracks((row: HandoffCrack) => knownSum([row.missed, row.late, row.endedBeforeDue]))(a, b) || `${a.fromAgencyId}>${a.toAgencyId}`.localeCompare(`${b.fromAgencyId}>${b.toAgencyId}`) || stepOrder(a) - stepOrder(b));
}

/** How referrals between two kinds of agency ended without help (kind pair rows `law_enforcement>advocacy`). */
export interface ReferralCrack {
  fromGroup: string;
  toGroup: string;
  sent: Cell;
  accepted: Cell;
  expired: Cell;
  /** Cancelled by the system because the survivor revoked the release. */
  revoked: Cell;
  /** Cancelled by the system because the release ran out. */
  releaseExpired: Cell;
  openPastDeadline: Cell;
}

/** Referrals not accepted in time, expired, or cancelled because the release was revoked or ran out: worst first. */
export function referralCracks(figures: MonitoringFigures, bucket: string): ReferralCrack[] {
  const table = countTable(figures, 'referrals', bucket);
  if (!table) return [];
  const rows = table.rows.map((label, row) => {
    const [fromGroup, toGroup] = label.split('>');
    const cell = (column: string) => cellOf(table, row, column);
    return {
      fromGroup,
      toGroup: toGroup ?? '',
      sent: table.rowTotals[row],
      accepted: cell('accepted'),
      expired: cell('expired_no_response'),
      revoked: cell('cancelled:consent_revoked'),
      releaseExpired: cell('cancelled:consent_expired'),
      openPastDeadline: cell('open_past_deadline'),
    };
  });
  return rows.sort(byCracks((row) => knownSum([row.expired, row.revoked, row.releaseExpired, row.openPastDeadline])));
}

/** A group label: an agency kind (`advocacy`), or one agency (`agency:<id>`) in an agency's own figures. */
export function groupAgencyId(group: string): string | null {
  return group.startsWith('agency:') ? group.slice('agency:'.length) : null;
}

/** The default period: the last four calendar quarters up to the end of the current one (UTC). */
export function defaultPeriod(now: Date = new Date()): { from: string; to: string } {
  const quarterStart = Math.floor(now.getUTCMonth() / 3) * 3;
  const to = new Date(Date.UTC(now.getUTCFullYear(), quarterStart + 3, 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), quarterStart - 9, 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

const KINDS = [...AGENCY_KINDS, 'unknown'] as const;
export type GroupKind = (typeof KINDS)[number];

/** An agency kind as the figures name it (docs/monitoring.md §1; `unknown` where the log states none). */
export function isAgencyKind(part: string): part is GroupKind {
  return (KINDS as readonly string[]).includes(part);
}

/** The sides of a group label: `law_enforcement>advocacy` → both kinds; a single group stays one part. */
export function groupParts(group: string): string[] {
  return group.split('>');
}
