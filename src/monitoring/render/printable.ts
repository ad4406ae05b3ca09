import { type NoiseRecord, type ReleasedFigures, type ReleasedTimeTable } from '../figures/report';
import { type ReleasedCountTable } from '../privacy/suppression';
import { captionOf } from './captions';

/** What a printed report (HTML or PDF) is made from. */
export interface PrintableReport {
  /** The figures to print: the published (noised) copy when the report has noise. */
  figures: ReleasedFigures;
  noise: NoiseRecord | null;
  /** E.g. "Quarterly report, 2026-Q1" or "Annual report 2026". */
  title: string;
}

/** How a withheld number prints, in every format. */
export const WITHHELD = '—';

/** One table as text: a header line and rows, the row label first. */
export interface TextGrid {
  head: string[];
  rows: string[][];
}

/** A figure's heading, caption and tables, in the catalogue's order. */
export interface PrintableSection {
  title: string;
  caption: string;
  tables: TextGrid[];
}

/** The period, the checkpoint and how to recompute: the first paragraph of every printed report. */
export function periodText(figures: ReleasedFigures): string {
  return `Period ${figures.parameters.from} to ${figures.parameters.to}, by ${figures.parameters.bucket}. Computed from the disclosure log up to entry ${figures.treeSize} (as of ${figures.asOf ?? 'no entries'}) under definitions ${figures.definitions}; anyone with auditor rights can recompute it (ccrx monitoring verify).`;
}

/** What a dash means, and the noise and its budget when there is noise. */
export function withheldText(figures: ReleasedFigures, noise: NoiseRecord | null): string {
  const noted = noise ? ` Counts carry random noise (discrete Laplace, ε = ${noise.epsilonPerTable} per table, ${noise.totalEpsilon} for the whole report), so small differences mean nothing.` : '';
  return `"${WITHHELD}" marks a number withheld to protect survivors: fewer than ${figures.parameters.k} cases, or a number from which one could be worked out.${noted}`;
}

export function sectionsOf(figures: ReleasedFigures): PrintableSection[] {
  const inOrder = [...new Set([...figures.counts, ...figures.times].map((table) => table.figure))];
  return inOrder.map((figure) => ({
    ...captionOf(figure),
    tables: [...figures.counts.filter((table) => table.figure === figure).map(countGrid), ...figures.times.filter((table) => table.figure === figure).map(timeGrid)],
  }));
}

function countGrid(table: ReleasedCountTable): TextGrid {
  return {
    head: [table.bucket, ...table.columns, 'total'],
    rows: [...table.rows.map((row, i) => [row, ...table.cells[i].map(count), count(table.rowTotals[i])]), ['total', ...table.columnTotals.map(count), count(table.total)]],
  };
}

function timeGrid(table: ReleasedTimeTable): TextGrid {
  return {
    head: [table.bucket, ...table.columns.map((column) => `${column} (median / p90 min, n)`)],
    rows: table.rows.map((row, i) => [row, ...table.cells[i].map((summary) => (summary ? `${summary.median} / ${summary.p90} (${summary.n})` : WITHHELD))]),
  };
}

function count(value: number | null): string {
  return value === null ? WITHHELD : String(value);
}
