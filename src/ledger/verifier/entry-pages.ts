import { type LogRecord } from '../merkle';
import { type EntriesPageJson, type LedgerClient } from './ledger-client';

const NO_HASH = Buffer.alloc(0);

/**
 * Entries [0, treeSize) as pages of log records, the next page requested while the current one
 * is being hashed. Stops early if the server has fewer entries than asked (the caller's root
 * checks then report the truncation).
 */
export async function* entryPages(client: LedgerClient, treeSize: number, pageSize: number): AsyncGenerator<LogRecord[]> {
  let start = 0;
  let next = start < treeSize ? prefetch(client, start, Math.min(start + pageSize, treeSize)) : null;
  while (next !== null) {
    const { page, end } = await next;
    const records = toRecords(page, end - start);
    const advanced = Math.min(page.end, end);
    next = advanced > start && advanced < treeSize && advanced === end ? prefetch(client, advanced, Math.min(advanced + pageSize, treeSize)) : null;
    if (records.length > 0) yield records;
    start = advanced;
  }
}

function prefetch(client: LedgerClient, start: number, end: number): Promise<{ page: EntriesPageJson; end: number }> {
  const pending = client.entries(start, end).then((page) => ({ page, end }));
  pending.catch(() => undefined); // awaited later; never an unhandled rejection if the consumer stops first
  return pending;
}

function toRecords(page: EntriesPageJson, expected: number): LogRecord[] {
  return page.entries.slice(0, Math.max(expected, 0)).map((row) => ({
    index: row.index,
    leafHash: storedLeafHash(row.leafHash),
    entry: typeof row.entry === 'string' ? Buffer.from(row.entry, 'base64') : NO_HASH,
  }));
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
