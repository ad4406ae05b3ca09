import { leafHash, type LogRecord } from '../merkle';
import { DecodedPage, entryPages } from './entry-pages';
import { type EntriesPageJson, type LedgerClient } from './ledger-client';

type Row = EntriesPageJson['entries'][number];

const HASH = leafHash(Buffer.from('an entry'));
const canonical = HASH.toString('base64');

/** Rows as a dishonest or broken server could serve them: every oddity the verifier must survive. */
const ODD_ROWS: unknown[] = [
  { index: 0, leafHash: canonical, entry: Buffer.from('{"v": 1}').toString('base64') },
  { index: 1, leafHash: `${canonical.slice(0, 42)}B=`, entry: '' },
  { index: 2, leafHash: canonical.replace('=', 'A'), entry: Buffer.from([0, 1, 2, 255]).toString('base64') },
  { index: 3, leafHash: `${canonical.slice(0, 40)}*!?=`, entry: 'not base64 at all!' },
  { index: 4, leafHash: `${canonical.slice(0, 42)}==`, entry: 'QQ' },
  { index: 5, leafHash: `A=${canonical.slice(2)}`, entry: 'QUJD\nREVG' },
  { index: 6, leafHash: canonical.slice(1), entry: 12 },
  { index: 7, leafHash: 42, entry: null },
  { index: 8, entry: Buffer.alloc(5000, 7).toString('base64') },
  { index: 'nine', leafHash: canonical, entry: Buffer.from('é ✓ 😀').toString('base64url') },
  { index: 10.5, leafHash: canonical, entry: '=' },
];

/** What the verifier read from a row before pages were decoded into flat buffers. */
function referenceRecord(row: Row): { index: unknown; leafHash: Buffer; entry: Buffer } {
  const storedHash = typeof row.leafHash === 'string' && row.leafHash.length === 44 ? Buffer.from(row.leafHash, 'base64') : Buffer.alloc(0);
  const entry = typeof row.entry === 'string' ? Buffer.from(row.entry, 'base64') : Buffer.alloc(0);
  return { index: row.index, leafHash: storedHash, entry };
}

function page(rows: unknown[], start = 0): EntriesPageJson {
  return { start, end: start + rows.length, treeSize: 1000, entries: rows as Row[] };
}

describe('DecodedPage', () => {
  it('yields, row for row, the index, stored leaf hash and entry bytes the JSON page held', () => {
    const records = [...DecodedPage.from(page(ODD_ROWS), ODD_ROWS.length)];
    expect(records.map((record) => ({ index: record.index, leafHash: Buffer.from(record.leafHash as Uint8Array), entry: Buffer.from(record.entry) }))).toEqual(
      (ODD_ROWS as Row[]).map(referenceRecord),
    );
  });

  it('gives each entry with text a leaf input of 0x00 and the entry itself, in the same memory', () => {
    const records = [...DecodedPage.from(page(ODD_ROWS), ODD_ROWS.length)];
    expect(records).toHaveLength(ODD_ROWS.length);
    // An entry without text has no leaf input, and nothing else.
    expect(records.filter((record) => record.leafInput === undefined && record.entry.length > 0)).toEqual([]);
    const withText = records.filter((record) => record.leafInput !== undefined);
    expect(withText.length).toBeGreaterThan(0);
    for (const record of withText) {
      const leafInput = record.leafInput as Uint8Array;
      expect(leafInput[0]).toBe(0);
      expect(leafInput.buffer).toBe(record.entry.buffer);
      expect(leafInput.byteOffset + 1).toBe(record.entry.byteOffset);
      expect(leafInput.byteLength).toBe(record.entry.byteLength + 1);
    }
  });

  it('keeps only the rows asked for, and iterates again from the start', () => {
    const decoded = DecodedPage.from(page(ODD_ROWS), 3);
    expect(decoded.length).toBe(3);
    expect([...decoded].map((record) => record.index)).toEqual([0, 1, 2]);
    expect([...decoded].map((record) => record.index)).toEqual([0, 1, 2]);
    expect(DecodedPage.from(page(ODD_ROWS), -1).length).toBe(0);
  });
});

describe('entryPages', () => {
  const entries = Array.from({ length: 25 }, (_, index) => ({ index, leafHash: canonical, entry: Buffer.from(`{"n": ${index}}`).toString('base64') }));

  function client(served: number, asked: [number, number][]): LedgerClient {
    return {
      entries: (start: number, end: number) => {
        asked.push([start, end]);
        const capped = Math.min(end, served);
        return Promise.resolve({ start, end: capped, treeSize: served, entries: entries.slice(start, capped) });
      },
    } as unknown as LedgerClient;
  }

  async function collect(pages: AsyncIterable<Iterable<LogRecord>>): Promise<unknown[][]> {
    const seen: unknown[][] = [];
    for await (const decoded of pages) seen.push([...decoded].map((record) => record.index));
    return seen;
  }

  it('serves every entry in pages, in order', async () => {
    const asked: [number, number][] = [];
    expect(await collect(entryPages(client(25, asked), 25, 10))).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
      [20, 21, 22, 23, 24],
    ]);
    expect(asked).toEqual([
      [0, 10],
      [10, 20],
      [20, 25],
    ]);
  });

  it('stops at a short page (the server has fewer entries than the checkpoint)', async () => {
    expect(await collect(entryPages(client(14, []), 25, 10))).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 11, 12, 13],
    ]);
  });
});
