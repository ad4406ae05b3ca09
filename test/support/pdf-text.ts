import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFRef } from 'pdf-lib';

export interface ParsedPdf {
  pages: number;
  title: string | undefined;
  /** Every string each page shows (one per text operator, kerned pieces joined), in order. */
  texts: string[];
}

/**
 * Parses a PDF with pdf-lib (an independent parser) and reads back the strings its pages show:
 * enough to check what a report prints, for PDFs whose text is drawn with a standard font (each
 * string a hex string of WinAnsi codes in a TJ array, as pdfkit writes it).
 */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const texts: string[] = [];
  for (const page of pdf.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => pdf.context.lookup(ref as PDFRef)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      texts.push(...shownStrings(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')));
    }
  }
  return { pages: pdf.getPageCount(), title: pdf.getTitle(), texts };
}

function shownStrings(content: string): string[] {
  return [...content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)].map((match) => winAnsi([...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => hex[1]).join('')));
}

/** WinAnsi to text: Latin-1, with the em dash (0x97) the reports print for a withheld number. */
function winAnsi(hex: string): string {
  return [...Buffer.from(hex, 'hex')].map((code) => (code === 0x97 ? '—' : String.fromCharCode(code))).join('');
}
