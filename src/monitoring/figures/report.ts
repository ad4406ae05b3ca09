import { type FigureParameters } from './catalogue';
import { type ExactFigures } from './compute';
import { sampleDiscreteLaplace } from '../privacy/noise';
import { type ReleasedCountTable, suppressTable } from '../privacy/suppression';
import { type TimeSummary } from './stats';
import { type TimeTable } from './tables';

export interface ReleasedTimeTable extends Omit<TimeTable, 'cells'> {
  cells: (TimeSummary | null)[][];
}

/** The figures of a report after suppression, before noise: what `verify` recomputes. */
export interface ReleasedFigures {
  definitions: string;
  treeSize: number;
  asOf: string | null;
  parameters: FigureParameters;
  counts: ReleasedCountTable[];
  times: ReleasedTimeTable[];
}

export interface NoiseRecord {
  mechanism: 'discrete_laplace';
  sensitivity: 1;
  epsilonPerTable: number;
  tables: number;
  /** The privacy budget the report spends: ε per table times the tables (basic composition). */
  totalEpsilon: number;
}

/** A report body (the API stores and answers it, with an id and who asked). */
export interface MonitoringReportBody {
  figures: ReleasedFigures;
  noise: NoiseRecord | null;
  /** The figures to publish: `figures` with noise added to every released count, if asked. */
  published: ReleasedFigures;
}

/** Suppresses every table (decision 0129): deterministic, so a recomputation gives the same. */
export function releaseFigures(exact: ExactFigures): ReleasedFigures {
  const k = exact.parameters.k;
  return {
    definitions: exact.definitions,
    treeSize: exact.treeSize,
    asOf: exact.asOf,
    parameters: exact.parameters,
    counts: exact.counts.map((table) => suppressTable(table, k)),
    // A median or 90th percentile of fewer than k values is not released.
    times: exact.times.map((table) => ({ ...table, cells: table.cells.map((row) => row.map((summary) => (summary !== null && summary.n >= k ? summary : null))) })),
  };
}

export function buildReport(exact: ExactFigures, epsilon: number | null, sample: (epsilon: number) => number = sampleDiscreteLaplace): MonitoringReportBody {
  const figures = releaseFigures(exact);
  if (epsilon === null) return { figures, noise: null, published: figures };
  const noisy = (value: number | null) => (value === null ? null : Math.max(0, value + sample(epsilon)));
  const counts = figures.counts.map((table) => ({
    ...table,
    cells: table.cells.map((row) => row.map(noisy)),
    rowTotals: table.rowTotals.map(noisy),
    columnTotals: table.columnTotals.map(noisy),
    total: noisy(table.total),
  }));
  const tables = counts.length;
  return {
    figures,
    noise: { mechanism: 'discrete_laplace', sensitivity: 1, epsilonPerTable: epsilon, tables, totalEpsilon: epsilon * tables },
    published: { ...figures, counts },
  };
}

/** Canonical JSON (keys sorted) of released figures: what two parties compare. */
export function canonicalFigures(figures: ReleasedFigures): string {
  return canonicalJson(figures);
}

/** JSON with every object's keys sorted: stored reports come back from jsonb in its own key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}
