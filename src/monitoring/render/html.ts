import { type NoiseRecord, type ReleasedFigures, type ReleasedTimeTable } from '../figures/report';
import { type ReleasedCountTable } from '../privacy/suppression';
import { captionOf } from './captions';

export interface HtmlReportInput {
  /** The figures to print: the published (noised) copy when the report has noise. */
  figures: ReleasedFigures;
  noise: NoiseRecord | null;
  /** E.g. "Quarterly report, 2026-Q1" or "Annual report 2026". */
  title: string;
}

/**
 * A printable report the coordinating body can publish (quarterly or annual), built from the same
 * figures: no scripts, no external resources, every value escaped. Suppressed cells print as "—".
 */
export function renderReportHtml(input: HtmlReportInput): string {
  const { figures, noise, title } = input;
  const figuresInOrder = [...new Set([...figures.counts, ...figures.times].map((table) => table.figure))];
  const sections = figuresInOrder.map((figure) => section(figure, figures.counts.filter((t) => t.figure === figure), figures.times.filter((t) => t.figure === figure)));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{border:1px solid #999;padding:0.2rem 0.5rem;text-align:right}th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:bold}p.note{color:#333}</style>
</head><body>
<h1>${escape(title)}</h1>
<p>Period ${escape(figures.parameters.from)} to ${escape(figures.parameters.to)}, by ${escape(figures.parameters.bucket)}. Computed from the disclosure log up to entry ${figures.treeSize} (as of ${escape(figures.asOf ?? 'no entries')}) under definitions ${escape(figures.definitions)}; anyone with auditor rights can recompute it (<code>ccrx monitoring verify</code>).</p>
<p class="note">"—" marks a number withheld to protect survivors: fewer than ${figures.parameters.k} cases, or a number from which one could be worked out.${noise ? ` Counts carry random noise (discrete Laplace, ε = ${noise.epsilonPerTable} per table, ${noise.totalEpsilon} for the whole report), so small differences mean nothing.` : ''}</p>
${sections.join('\n')}
</body></html>
`;
}

function section(figure: string, counts: ReleasedCountTable[], times: ReleasedTimeTable[]): string {
  const { title, caption } = captionOf(figure);
  return `<section><h2>${escape(title)}</h2><p>${escape(caption)}</p>
${counts.map(countTable).join('\n')}${times.map(timeTable).join('\n')}</section>`;
}

function countTable(table: ReleasedCountTable): string {
  const head = `<tr><th>${escape(table.bucket)}</th>${table.columns.map((column) => `<th>${escape(column)}</th>`).join('')}<th>total</th></tr>`;
  const rows = table.rows.map((row, i) => `<tr><td>${escape(row)}</td>${table.cells[i].map(number).join('')}${number(table.rowTotals[i])}</tr>`);
  const totals = `<tr><td>total</td>${table.columnTotals.map(number).join('')}${number(table.total)}</tr>`;
  return `<table>${head}${rows.join('')}${totals}</table>`;
}

function timeTable(table: ReleasedTimeTable): string {
  const head = `<tr><th>${escape(table.bucket)}</th>${table.columns.map((column) => `<th>${escape(column)} (median / p90 min, n)</th>`).join('')}</tr>`;
  const rows = table.rows.map((row, i) => `<tr><td>${escape(row)}</td>${table.cells[i].map((summary) => `<td>${summary ? `${summary.median} / ${summary.p90} (${summary.n})` : '—'}</td>`).join('')}</tr>`);
  return `<table>${head}${rows.join('')}</table>`;
}

function number(value: number | null): string {
  return `<td>${value === null ? '—' : String(value)}</td>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
