import { leafInputFromBase64, type LogRecord } from '../merkle';
import { type EntriesPageJson, type LedgerClient } from './ledger-client';

const NO_HASH = Buffer.alloc(0);

/** Pages requested ahead of the one being hashed: the server prepares them on the other core. */
const PAGES_AHEAD = 2;

/**
 * Entries [0, treeSize) as pages of log records, the next pages requested while the current one
 * is being hashed. Stops early if the server has fewer entries than asked (the caller's root
 * checks then report the truncation).
 */
export async function* entryPages(client: LedgerClient, treeSize: number, pageSize: number): AsyncGenerator<LogRecord[]> {
  const ahead: Promise<{ page: EntriesPageJson; start: number; end: number }>[] = [];
  let requested = 0;
  const requestMore = () => {
    while (ahead.length < PAGES_AHEAD && requested < treeSize) {
      const end = Math.min(requested + pageSize, treeSize);
      ahead.push(prefetch(client, requested, end));
      requested = end;
    }
  };
  requestMore();
  for (let next = ahead.shift(); next !== undefined; next = ahead.shift()) {
    const { page, start, end } = await next;
    const records = toRecords(page, end - start);
    // A short page (the server has fewer entries) ends the stream: pages already asked for are dropped.
    if (Math.min(page.end, end) !== end) {
      if (records.length > 0) yield records;
      return;
    }
    requestMore();
    if (records.length > 0) yield records;
  }
}

function prefetch(client: LedgerClient, start: number, end: number): Promise<{ page: EntriesPageJson; start: number; end: number }> {
  const pending = client.entries(start, end).then((page) => ({ page, start, end }));
  pending.catch(() => undefined); // awaited later; never an unhandled rejection if the consumer stops first
  return pending;
}

function toRecords(page: EntriesPageJson, expected: number): LogRecord[] {
  return page.entries.slice(0, Math.max(expected, 0)).map((row) => {
    if (typeof row.entry !== 'string') return { index: row.index, leafHash: storedLeafHash(row.leafHash), entry: NO_HASH };
    const leafInput = leafInputFromBase64(row.entry);
    return { index: row.index, leafHash: storedLeafHash(row.leafHash), entry: leafInput.subarray(1), leafInput };
  });
}

/**
 * The served leaf hash as bytes, for comparison with the recomputed one. Not the strict
 * decodeHash() of proofs: a non-canonical spelling of the same 32 bytes is the same stored hash,
 * and anything else cannot equal the recomputed hash, so the stream verifier reports it at its
 * index either way — without a regular expression and a re-encoding per entry.
 */
function storedLeafHash(text: unknown): Buffer {
  return typeof text === 'string' && text.length === 44 ? Buffer.from(text, 'base64') : NO_HASH;
}
