import { type LogRecord } from '../merkle';
import { type EntriesPageJson, type LedgerClient } from './ledger-client';

const NO_HASH = Buffer.alloc(0);
const LEAF_PREFIX = 0x00;

/** Pages requested ahead of the one being hashed: the server prepares them on the other core. */
const PAGES_AHEAD = 2;

/**
 * Entries [0, treeSize) as pages of log records, the next pages requested while the current one
 * is being hashed. Stops early if the server has fewer entries than asked (the caller's root
 * checks then report the truncation).
 */
export async function* entryPages(client: LedgerClient, treeSize: number, pageSize: number): AsyncGenerator<Iterable<LogRecord>> {
  const ahead: Promise<{ page: DecodedPage; servedEnd: number; end: number }>[] = [];
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
    const { page, servedEnd, end } = await next;
    // A short page (the server has fewer entries) ends the stream: pages already asked for are dropped.
    if (Math.min(servedEnd, end) !== end) {
      if (page.length > 0) yield page;
      return;
    }
    requestMore();
    if (page.length > 0) yield page;
  }
}

/**
 * Requests [start, end) and decodes the page the moment it arrives, so that its JSON (10,000
 * base64 strings, about 10 MB) dies young instead of surviving scavenge after scavenge while the
 * pages before it are hashed: that copying was most of the verifier's garbage-collection time.
 */
function prefetch(client: LedgerClient, start: number, end: number): Promise<{ page: DecodedPage; servedEnd: number; end: number }> {
  const pending = client.entries(start, end).then((page) => ({ page: DecodedPage.from(page, end - start), servedEnd: page.end, end }));
  pending.catch(() => undefined); // awaited later; never an unhandled rejection if the consumer stops first
  return pending;
}

/** The most bytes a 44-character base64 text decodes to (33, unpadded); a 32-byte hash is canonical. */
const STORED_HASH_SLOT = 33;

/**
 * The rows of one page in a few flat buffers: every entry decoded behind a 0x00 byte into one
 * buffer (each leaf hash is computed in place), the stored leaf hashes into another. Records are
 * made one at a time while the page is iterated, and die young: a page waiting its turn holds a
 * handful of objects instead of tens of thousands.
 */
export class DecodedPage implements Iterable<LogRecord> {
  private constructor(
    private readonly indices: readonly number[],
    /** 0x00 || entry, for every row whose entry is a string. */
    private readonly leafInputs: Buffer,
    /** Row k's leaf input is leafInputs[starts[k], ends[k]); starts[k] is -1 if it had no entry text. */
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    /** Row k's stored leaf hash is storedHashes[k * 33, k * 33 + hashLengths[k]); -1: none. */
    private readonly storedHashes: Buffer,
    private readonly hashLengths: Int8Array,
  ) {}

  /** The first `expected` rows of a served page (a page longer than asked is cut). */
  static from(page: EntriesPageJson, expected: number): DecodedPage {
    const rows = page.entries.slice(0, Math.max(expected, 0));
    const starts = new Int32Array(rows.length);
    const ends = new Int32Array(rows.length);
    const leafInputs = Buffer.allocUnsafe(rows.reduce((total, row) => total + leafInputBound(row.entry), 0));
    let position = 0;
    rows.forEach((row, k) => {
      starts[k] = typeof row.entry === 'string' ? position : -1;
      if (typeof row.entry !== 'string') return;
      leafInputs[position] = LEAF_PREFIX;
      ends[k] = position + 1 + leafInputs.write(row.entry, position + 1, leafInputBound(row.entry) - 1, 'base64');
      position += leafInputBound(row.entry);
    });
    const storedHashes = Buffer.allocUnsafe(rows.length * STORED_HASH_SLOT);
    const hashLengths = Int8Array.from(rows, (row, k) => writeStoredLeafHash(row.leafHash, storedHashes, k * STORED_HASH_SLOT));
    return new DecodedPage(
      rows.map((row) => row.index),
      leafInputs,
      starts,
      ends,
      storedHashes,
      hashLengths,
    );
  }

  get length(): number {
    return this.indices.length;
  }

  *[Symbol.iterator](): Iterator<LogRecord> {
    for (let k = 0; k < this.indices.length; k += 1) yield this.record(k);
  }

  record(k: number): LogRecord {
    const leafHash = this.storedLeafHash(k);
    if (this.starts[k] < 0) return { index: this.indices[k], leafHash, entry: NO_HASH };
    const leafInput = this.leafInputs.subarray(this.starts[k], this.ends[k]);
    return { index: this.indices[k], leafHash, entry: leafInput.subarray(1), leafInput };
  }

  private storedLeafHash(k: number): Buffer {
    const length = this.hashLengths[k];
    return length < 0 ? NO_HASH : this.storedHashes.subarray(k * STORED_HASH_SLOT, k * STORED_HASH_SLOT + length);
  }
}

/** Room for 0x00 and the decoded entry: base64 never decodes to more than 3 bytes per 4 characters. */
function leafInputBound(entry: unknown): number {
  return typeof entry === 'string' ? 1 + Math.ceil((entry.length * 3) / 4) : 0;
}

/**
 * The served leaf hash as bytes, for comparison with the recomputed one: its length, or -1 for
 * none. Not the strict decodeHash() of proofs: a non-canonical spelling of the same 32 bytes is the
 * same stored hash, and anything else cannot equal the recomputed hash, so the stream verifier
 * reports it at its index either way — without a regular expression and a re-encoding per entry.
 * The bytes are exactly Buffer.from(text, 'base64'), which writes the same way with the same limit.
 */
function writeStoredLeafHash(text: unknown, into: Buffer, at: number): number {
  return typeof text === 'string' && text.length === 44 ? into.write(text, at, Buffer.byteLength(text, 'base64'), 'base64') : -1;
}
