import {
  appendToFrontier,
  Frontier,
  leafHash,
  leafHashOf,
  LogRecord,
  rootFromLeafHashes,
  StoredNode,
  subtreeRoot,
  verifyLogStream,
} from './index';

const ENTRIES = Array.from({ length: 200 }, (_, i) => Buffer.from(JSON.stringify({ seq: i, recipientOrg: `org-${i % 7}` })));
const LEAF_HASHES = ENTRIES.map(leafHash);
const ROOT = rootFromLeafHashes(LEAF_HASHES);

// Stored rows as the database holds them: (idx, leaf_hash, entry).
const rowsOf = (entries: readonly Buffer[], hashes = entries.map(leafHash)): LogRecord[] =>
  entries.map((entry, index) => ({ index, entry, leafHash: hashes[index] }));

async function* slowly(records: readonly LogRecord[]): AsyncGenerator<LogRecord> {
  for (const record of records) {
    await Promise.resolve();
    yield record;
  }
}

describe('verifyLogStream on an honest log', () => {
  it('recomputes the root, finds no divergence and checks every expected root', async () => {
    const result = await verifyLogStream(slowly(rowsOf(ENTRIES)), {
      expectedRoots: [
        { treeSize: 0, rootHash: subtreeRoot(LEAF_HASHES, 0, 0) },
        { treeSize: 57, rootHash: subtreeRoot(LEAF_HASHES, 0, 57) },
        { treeSize: 100, rootHash: subtreeRoot(LEAF_HASHES, 0, 99) },
        { treeSize: 200, rootHash: ROOT },
        { treeSize: 300, rootHash: ROOT },
      ],
    });
    expect(result.treeSize).toBe(200);
    expect(result.root).toEqual(ROOT);
    expect(result.firstDivergence).toBeNull();
    expect(result.rootChecks.map(({ treeSize, status }) => ({ treeSize, status }))).toEqual([
      { treeSize: 0, status: 'match' },
      { treeSize: 57, status: 'match' },
      { treeSize: 100, status: 'mismatch' },
      { treeSize: 200, status: 'match' },
      { treeSize: 300, status: 'beyond-log' },
    ]);
  });

  it('reports every completed perfect subtree, identical to appendToFrontier', async () => {
    const streamed: StoredNode[] = [];
    await verifyLogStream(ENTRIES.map((entry) => ({ entry })), { onNode: (node) => streamed.push(node) });
    const appended: StoredNode[] = [];
    let frontier: Frontier = [];
    LEAF_HASHES.forEach((leaf, size) => {
      const step = appendToFrontier(frontier, size, leaf);
      appended.push(...step.newNodes);
      frontier = step.frontier;
    });
    expect(streamed).toEqual(appended);
  });

  it('hands every record to onLeaf with its recomputed leaf hash, in order, even where the stored one differs', async () => {
    const rows = rowsOf(ENTRIES);
    rows[7] = { ...rows[7], leafHash: LEAF_HASHES[6] };
    const leaves: { position: number; hash: Buffer; record: LogRecord }[] = [];
    const result = await verifyLogStream([rows.slice(0, 50), ...rows.slice(50)], { onLeaf: (position, hash, record) => leaves.push({ position, hash, record }) });
    expect(leaves.map((leaf) => leaf.position)).toEqual(ENTRIES.map((_, index) => index));
    expect(leaves.map((leaf) => leaf.hash)).toEqual(LEAF_HASHES);
    expect(leaves.every((leaf, index) => leaf.record === rows[index])).toBe(true);
    expect(result.firstDivergence).toEqual({ index: 7, reason: 'leaf-hash-mismatch' });
  });

  it('accepts async batches (database cursor pages) and spots a bad row inside a batch', async () => {
    const rows = rowsOf(ENTRIES);
    rows[123] = { ...rows[123], leafHash: LEAF_HASHES[122] };
    async function* pages(): AsyncGenerator<LogRecord[]> {
      for (let start = 0; start < rows.length; start += 64) {
        await Promise.resolve(); // a page arrives from the database
        yield rows.slice(start, start + 64);
      }
    }
    const result = await verifyLogStream(pages());
    expect(result.treeSize).toBe(200);
    expect(result.root).toEqual(ROOT);
    expect(result.firstDivergence).toEqual({ index: 123, reason: 'leaf-hash-mismatch' });
  });

  it('returns the empty-tree root for an empty log', async () => {
    const result = await verifyLogStream([]);
    expect(result).toEqual({ treeSize: 0, root: subtreeRoot([], 0, 0), firstDivergence: null, rootChecks: [] });
  });
});

describe('verifyLogStream on tampered logs', () => {
  it('points at a changed entry', async () => {
    const rows = rowsOf(ENTRIES, LEAF_HASHES);
    rows[73] = { ...rows[73], entry: Buffer.from('{"seq":73,"recipientOrg":"routine check-in"}') };
    const result = await verifyLogStream(rows);
    expect(result.firstDivergence).toEqual({ index: 73, reason: 'leaf-hash-mismatch' });
    expect(result.root).not.toEqual(ROOT);
  });

  it('points at a deleted row that left a gap in the indices', async () => {
    const rows = rowsOf(ENTRIES).filter((row) => row.index !== 40);
    const result = await verifyLogStream(rows);
    expect(result.firstDivergence).toEqual({ index: 40, reason: 'index-mismatch' });
  });

  it('points at the deletion when entries shifted down under the original leaf hashes', async () => {
    const shifted = ENTRIES.filter((_, i) => i !== 40).map((entry, index) => ({ index, entry, leafHash: LEAF_HASHES[index] }));
    const result = await verifyLogStream(shifted);
    expect(result.firstDivergence).toEqual({ index: 40, reason: 'leaf-hash-mismatch' });
  });

  it('passes a deleted-and-rebuilt log internally but fails every checkpoint after the deletion', async () => {
    const rebuilt = rowsOf(ENTRIES.filter((_, i) => i !== 40));
    const result = await verifyLogStream(rebuilt, {
      expectedRoots: [
        { treeSize: 40, rootHash: subtreeRoot(LEAF_HASHES, 0, 40) },
        { treeSize: 41, rootHash: subtreeRoot(LEAF_HASHES, 0, 41) },
        { treeSize: 199, rootHash: subtreeRoot(LEAF_HASHES, 0, 199) },
      ],
    });
    expect(result.firstDivergence).toBeNull();
    expect(result.rootChecks.map((check) => check.status)).toEqual(['match', 'mismatch', 'mismatch']);
  });

  it('points at the first of two swapped entries', async () => {
    const swapped = [...ENTRIES];
    [swapped[10], swapped[11]] = [swapped[11], swapped[10]];
    const result = await verifyLogStream(swapped.map((entry, index) => ({ index, entry, leafHash: LEAF_HASHES[index] })));
    expect(result.firstDivergence).toEqual({ index: 10, reason: 'leaf-hash-mismatch' });
  });

  it('points at the first row delivered out of index order', async () => {
    const rows = rowsOf(ENTRIES);
    [rows[10], rows[11]] = [rows[11], rows[10]];
    const result = await verifyLogStream(rows);
    expect(result.firstDivergence).toEqual({ index: 10, reason: 'index-mismatch' });
  });

  it('keeps the first divergence when later rows are also bad', async () => {
    const rows = rowsOf(ENTRIES);
    rows[5] = { ...rows[5], leafHash: Buffer.alloc(32) };
    rows[9] = { ...rows[9], leafHash: Buffer.alloc(5) };
    const result = await verifyLogStream(rows);
    expect(result.firstDivergence).toEqual({ index: 5, reason: 'leaf-hash-mismatch' });
    expect(result.root).toEqual(ROOT); // the root comes from the entries, never from stored hashes
  });
});

describe('hashing a leaf in place (leafInput)', () => {
  const entry = ENTRIES[5];

  it('decodes base64 behind a 0x00 byte and hashes it to the same leaf hash', () => {
    const input = leafInputFromBase64(entry.toString('base64'));
    expect(input[0]).toBe(0);
    expect(input.subarray(1)).toEqual(entry);
    expect(leafHashOf(input.subarray(1), input)).toEqual(leafHash(entry));
  });

  it('ignores a leafInput that is not the entry\'s own memory, or lacks the 0x00 prefix', () => {
    const unrelated = Buffer.concat([Buffer.from([0]), ENTRIES[6]]);
    expect(leafHashOf(entry, unrelated)).toEqual(leafHash(entry));
    const wrongPrefix = leafInputFromBase64(entry.toString('base64'));
    wrongPrefix[0] = 1;
    expect(leafHashOf(wrongPrefix.subarray(1), wrongPrefix)).toEqual(leafHash(entry));
  });

  it('still points at a changed entry when rows come with a leafInput', async () => {
    const rows = ENTRIES.map((bytes, index) => {
      const input = leafInputFromBase64((index === 41 ? Buffer.from('{"seq":41,"recipientOrg":"x"}') : bytes).toString('base64'));
      return { index, entry: input.subarray(1), leafInput: input, leafHash: LEAF_HASHES[index] };
    });
    const result = await verifyLogStream(rows);
    expect(result.firstDivergence).toEqual({ index: 41, reason: 'leaf-hash-mismatch' });
    expect(rows[40].leafInput.buffer).toBe(rows[40].entry.buffer);
  });
});

/** 0x00 || the decoded entry in one buffer, as the verifier's page decoding lays it out. */
function leafInputFromBase64(text: string): Buffer {
  return Buffer.concat([Buffer.from([0x00]), Buffer.from(text, 'base64')]);
}
