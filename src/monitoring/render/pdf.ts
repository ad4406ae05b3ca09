import PDFDocument from 'pdfkit';
import { periodText, type PrintableReport, sectionsOf, type TextGrid, withheldText } from './printable';

const MARGIN = 40;
const LABEL_WIDTH = 150;
const CELL_WIDTH = 64;
const CELL_PADDING = 2;
const TABLE_FONT_SIZE = 7.5;
const RULE_COLOUR = '#999999';

/**
 * The report as a PDF (US Letter, landscape) the coordinating body can publish: the same title,
 * paragraphs, captions and tables as the HTML page, from the same figures; suppressed cells print
 * as "—". pdfkit with its built-in Helvetica, so nothing is downloaded or embedded; that font
 * covers Latin-1 (English and Spanish), so other characters print as "?" and ε as "epsilon". A
 * table wider than the page continues in blocks of columns, each repeating the row labels.
 */
export function renderReportPdf(input: PrintableReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: latin1(input.title), Subject: `CCR monitoring figures, definitions ${input.figures.definitions}`, Creator: 'CCR Exchange (ccrx monitoring)' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(latin1(input.title));
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(9).text(latin1(periodText(input.figures)));
  doc.moveDown(0.3);
  doc.fillColor('#333333').text(latin1(withheldText(input.figures, input.noise))).fillColor('black');
  for (const section of sectionsOf(input.figures)) {
    roomFor(doc, 80);
    doc.moveDown(1);
    doc.font('Helvetica-Bold').fontSize(12).text(latin1(section.title));
    doc.font('Helvetica').fontSize(9).text(latin1(section.caption));
    doc.moveDown(0.4);
    for (const grid of section.tables) drawTable(doc, grid);
  }
  doc.end();
  return done;
}

/** Each block of columns that fits across the page, with the row labels first; the header again on each new page. */
function drawTable(doc: PDFKit.PDFDocument, grid: TextGrid): void {
  const usable = doc.page.width - 2 * MARGIN;
  const perBlock = Math.max(1, Math.floor((usable - LABEL_WIDTH) / CELL_WIDTH));
  for (let start = 1; start < grid.head.length; start += perBlock) {
    const columns = [0, ...grid.head.slice(start, start + perBlock).map((_, offset) => start + offset)];
    const pick = (line: string[]) => columns.map((column) => latin1(words(line[column] ?? '')));
    const head = pick(grid.head);
    grid.rows.forEach((line, i) => {
      const row = pick(line);
      const headHeight = rowHeight(doc, head, true);
      if (roomFor(doc, rowHeight(doc, row, false) + (i === 0 ? headHeight : 0)) || i === 0) drawRow(doc, head, true);
      drawRow(doc, row, false);
    });
    doc.moveDown(0.8);
  }
}

function rowHeight(doc: PDFKit.PDFDocument, cells: string[], header: boolean): number {
  doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(TABLE_FONT_SIZE);
  return Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widthOf(i) - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
}

const widthOf = (column: number): number => (column === 0 ? LABEL_WIDTH : CELL_WIDTH);

/** One row of cells, the label left and the numbers right, with a rule under it. */
function drawRow(doc: PDFKit.PDFDocument, cells: string[], header: boolean): void {
  const height = rowHeight(doc, cells, header);
  const top = doc.y;
  let x = MARGIN;
  cells.forEach((cell, i) => {
    doc.text(cell, x + CELL_PADDING, top + CELL_PADDING, { width: widthOf(i) - 2 * CELL_PADDING, align: i === 0 ? 'left' : 'right' });
    x += widthOf(i);
  });
  doc.moveTo(MARGIN, top + height).lineTo(x, top + height).lineWidth(0.5).strokeColor(RULE_COLOUR).stroke();
  doc.x = MARGIN;
  doc.y = top + height;
}

/** Starts a new page unless `height` fits above the bottom margin; true when it did. */
function roomFor(doc: PDFKit.PDFDocument, height: number): boolean {
  if (doc.y + height <= doc.page.height - MARGIN) return false;
  doc.addPage();
  return true;
}

/**
 * Codes as words (rejected:conflict_of_interest → "rejected: conflict of interest"), so a narrow
 * column wraps between words: the PDF is read by the public, the CSV keeps the codes.
 */
function words(code: string): string {
  return code.replace(/_/g, ' ').replace(/:/g, ': ').replace(/>/g, ' > ');
}

/** What Helvetica's WinAnsi encoding can print: ε spelled out, anything else outside Latin-1 and the dash as "?". */
export function latin1(text: string): string {
  return text.replace(/ε/g, 'epsilon').replace(/[^\u0020-\u007e\u00a0-\u00ff\u2014\n]/g, '?');
}
