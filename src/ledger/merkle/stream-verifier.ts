import { hashesEqual, isHash, leafHashOf } from './hash';
import { pushLeaf, rootFromFrontier } from './frontier';
import { StoredNode } from './node';
import { ExpectedRoot, RootCheck, RootChecker } from './root-checks';

/** One stored log row, read in index order. */
export interface LogRecord {
  /** The entry bytes exactly as they were hashed into the leaf. */
  readonly entry: Uint8Array;
  /**
   * Optionally, 0x00 || entry in one buffer that `entry` is a view of (the verifier's DecodedPage):
   * hashed without a copy. Ignored unless it provably holds the same bytes.
   */
  readonly leafInput?: Uint8Array;
  /** The stored leaf hash, if the source has one; compared with SHA-256(0x00 || entry). */
  readonly leafHash?: Uint8Array;
  /** The stored index, if the source has one; must equal the record's position. */
  readonly index?: number;
}

export type DivergenceReason = 'index-mismatch' | 'leaf-hash-mismatch';

export interface Divergence {
  /** The position (leaf index) where the stored log first stops matching its entries. */
  readonly index: number;
  readonly reason: DivergenceReason;
}

export interface StreamVerification {
  readonly treeSize: number;
  /** Root recomputed from the entries alone (stored hashes are never trusted for it). */
  readonly root: Buffer;
  /** First position whose stored index or leaf hash disagrees with the entry; null if none. */
  readonly firstDivergence: Divergence | null;
  /** One per expected root, in the order the stream reached their sizes; unreached sizes last. */
  readonly rootChecks: readonly RootCheck[];
}

export interface StreamOptions {
  readonly expectedRoots?: readonly ExpectedRoot[];
  /** Called with every perfect-subtree node as it completes, to cross-check stored nodes. */
  readonly onNode?: (node: StoredNode) => void;
  /**
   * Called with every record and its recomputed leaf hash, in order: what onNode gives at level 0,
   * without a node object per leaf and per parent (a million-entry verifier only needs the leaves).
   */
  readonly onLeaf?: (position: number, leafHash: Buffer, record: LogRecord) => void;
}

/** Rows one at a time or in batches (a database cursor's pages, any iterable of rows); sync or async. */
export type LogSource = Iterable<LogRecord | Iterable<LogRecord>> | AsyncIterable<LogRecord | Iterable<LogRecord>>;

/**
 * Recomputes the whole log from its entries in one pass with O(log n) memory:
 * leaf hashes, the root, and the root at every expected size. Reports the FIRST
 * position where the stored data diverges; a deleted row shows up as an index
 * gap (or, if rows were renumbered, as a leaf-hash mismatch) at the deletion point.
 */
export async function verifyLogStream(records: LogSource, options: StreamOptions = {}): Promise<StreamVerification> {
  const stream = new StreamState(options);
  // `for await` costs a promise per item; sync sources and batches keep a million rows fast.
  if (Symbol.iterator in records) {
    for (const item of records) stream.accept(item);
  } else {
    for await (const item of records) stream.accept(item);
  }
  return stream.finish();
}

class StreamState {
  private readonly stack: Buffer[] = [];
  private readonly checks: RootChecker;
  private size = 0;
  private firstDivergence: Divergence | null = null;

  constructor(private readonly options: StreamOptions) {
    this.checks = new RootChecker(options.expectedRoots ?? []);
    this.checks.atSize(0, this.stack);
  }

  accept(item: LogRecord | Iterable<LogRecord>): void {
    if (isBatch(item)) {
      for (const record of item) this.acceptRecord(record);
    } else {
      this.acceptRecord(item);
    }
  }

  finish(): StreamVerification {
    return {
      treeSize: this.size,
      root: rootFromFrontier(this.stack),
      firstDivergence: this.firstDivergence,
      rootChecks: this.checks.finish(),
    };
  }

  private acceptRecord(record: LogRecord): void {
    const recomputed = leafHashOf(record.entry, record.leafInput);
    this.firstDivergence ??= divergenceAt(this.size, record, recomputed);
    this.options.onLeaf?.(this.size, recomputed, record);
    pushLeaf(this.stack, this.size, recomputed, this.options.onNode);
    this.size++;
    this.checks.atSize(this.size, this.stack);
  }
}

/** A record is a plain object; a batch is anything iterable (an array, a decoded page). */
function isBatch(item: LogRecord | Iterable<LogRecord>): item is Iterable<LogRecord> {
  return Symbol.iterator in item;
}

function divergenceAt(position: number, record: LogRecord, recomputed: Buffer): Divergence | null {
  if (record.index !== undefined && record.index !== position) return { index: position, reason: 'index-mismatch' };
  if (record.leafHash !== undefined && !(isHash(record.leafHash) && hashesEqual(recomputed, record.leafHash))) {
    return { index: position, reason: 'leaf-hash-mismatch' };
  }
  return null;
}
