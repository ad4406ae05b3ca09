import { periodText, type PrintableReport, sectionsOf, type TextGrid, withheldText } from './printable';

/**
 * A printable report the coordinating body can publish (quarterly or annual), built from the same
 * figures: no scripts, no external resources, every value escaped. Suppressed cells print as "—".
 */
export function renderReportHtml(input: PrintableReport): string {
  const { figures, noise, title } = input;
  const sections = sectionsOf(figures).map((section) => `<section><h2>${escape(section.title)}</h2><p>${escape(section.caption)}</p>
${section.tables.map(table).join('\n')}</section>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{border:1px solid #999;padding:0.2rem 0.5rem;text-align:right}th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:bold}p.note{color:#333}</style>
</head><body>
<h1>${escape(title)}</h1>
<p>${escape(periodText(figures))}</p>
<p class="note">${escape(withheldText(figures, noise))}</p>
${sections.join('\n')}
</body></html>
`;
}

function table(grid: TextGrid): string {
  const head = `<tr>${grid.head.map((cell) => `<th>${escape(cell)}</th>`).join('')}</tr>`;
  return `<table>${head}${grid.rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('')}</table>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
