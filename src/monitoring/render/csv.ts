import { type ReleasedFigures } from '../figures/report';

const HEADER = ['figure', 'bucket', 'row', 'column', 'count', 'n', 'median_minutes', 'p90_minutes'];

/**
 * The figures as one long CSV (RFC 4180, CRLF): a line per cell and per total of each count table
 * (`count` empty where suppressed), and a line per time summary. Cells a spreadsheet would run as
 * a formula (= + - @) are prefixed with ' as in the audit export.
 */
export function figuresCsv(figures: ReleasedFigures): string {
  const lines: string[][] = [HEADER];
  for (const table of figures.counts) {
    table.rows.forEach((row, i) => {
      table.columns.forEach((column, j) => lines.push([table.figure, table.bucket, row, column, count(table.cells[i][j]), '', '', '']));
      lines.push([table.figure, table.bucket, row, 'total', count(table.rowTotals[i]), '', '', '']);
    });
    table.columns.forEach((column, j) => lines.push([table.figure, table.bucket, 'total', column, count(table.columnTotals[j]), '', '', '']));
    lines.push([table.figure, table.bucket, 'total', 'total', count(table.total), '', '', '']);
  }
  for (const table of figures.times) {
    table.rows.forEach((row, i) =>
      table.columns.forEach((column, j) => {
        const summary = table.cells[i][j];
        lines.push([table.figure, table.bucket, row, column, '', summary ? String(summary.n) : '', summary ? String(summary.median) : '', summary ? String(summary.p90) : '']);
      }),
    );
  }
  return lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

function count(value: number | null): string {
  return value === null ? '' : String(value);
}

function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
