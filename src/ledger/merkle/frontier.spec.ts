import {
  appendToFrontier,
  emptyRoot,
  Frontier,
  frontierCoordinates,
  leafHash,
  nodeHash,
  nodeKey,
  nodeLeafRange,
  rootFromFrontier,
  rootFromLeafHashes,
  StoredNode,
  subtreeRoot,
} from './index';

const MAX_SIZE = 70;
const LEAVES = Array.from({ length: MAX_SIZE }, (_, i) => leafHash(Buffer.from(`entry-${i}`)));

/**
 * Literal transcription of audit.append from the research file (Appendix A.1), with
 * the same bit operations (fine below 2^31). Returns the rows it would insert:
 * the leaf (level 0) and every audit.node row, plus the new frontier.
 */
function plpgsqlAppend(fr: Buffer[], n: number, entryHash: Buffer): { rows: StoredNode[]; fr: Buffer[] } {
  let h = entryHash;
  let lvl = 0;
  const rows: StoredNode[] = [{ level: 0, index: n, hash: h }];
  let frontier = fr;
  while (((n >> lvl) & 1) === 1) {
    const top = frontier[frontier.length - 1];
    frontier = frontier.slice(0, frontier.length - 1);
    h = nodeHash(top, h);
    lvl = lvl + 1;
    rows.push({ level: lvl, index: ((n + 1) >> lvl) - 1, hash: h });
  }
  return { rows, fr: [...frontier, h] };
}

// Independently derived: appending leaf n completes exactly the subtrees ending at n + 1.
function subtreesCompletedBy(n: number): { level: number; index: number }[] {
  const completed = [];
  for (let level = 0; 2 ** level <= n + 1; level++) {
    if ((n + 1) % 2 ** level === 0) completed.push({ level, index: (n + 1) / 2 ** level - 1 });
  }
  return completed;
}

describe('appendToFrontier over 1..70 leaves', () => {
  let frontier: Frontier = [];
  let sqlFrontier: Buffer[] = [];
  const stored = new Map<string, Buffer>();

  it.each(LEAVES.map((leaf, size) => [size + 1, size, leaf] as const))(
    'after %i appends: root, new nodes and frontier are exactly right',
    (newSize, size, leaf) => {
      const appended = appendToFrontier(frontier, size, leaf);
      const sql = plpgsqlAppend(sqlFrontier, size, leaf);

      expect(appended.newNodes).toEqual(sql.rows);
      expect(appended.frontier).toEqual(sql.fr);
      expect(appended.newNodes.map(({ level, index }) => ({ level, index }))).toEqual(subtreesCompletedBy(size));
      for (const node of appended.newNodes) {
        const { start, end } = nodeLeafRange(node);
        expect(node.hash).toEqual(subtreeRoot(LEAVES, start, end));
        stored.set(nodeKey(node), node.hash);
      }
      expect(rootFromFrontier(appended.frontier)).toEqual(rootFromLeafHashes(LEAVES.slice(0, newSize)));
      expect(rootFromFrontier(appended.frontier)).toEqual(subtreeRoot(LEAVES, 0, newSize));
      expect(frontierCoordinates(newSize).map((node) => stored.get(nodeKey(node)))).toEqual(appended.frontier);

      let expectedStoredCount = 0;
      for (let level = 0; 2 ** level <= newSize; level++) expectedStoredCount += Math.floor(newSize / 2 ** level);
      expect(stored.size).toBe(expectedStoredCount);

      frontier = appended.frontier;
      sqlFrontier = sql.fr;
    },
  );

  it('does not modify the frontier it was given', () => {
    const start = appendToFrontier([], 0, LEAVES[0]).frontier;
    const snapshot = [...start];
    appendToFrontier(start, 1, LEAVES[1]);
    expect(start).toEqual(snapshot);
  });
});

describe('frontier validation', () => {
  it('rejects a frontier whose length does not match the tree size', () => {
    expect(() => appendToFrontier([], 1, LEAVES[0])).toThrow('frontier of a size-1 tree has 1 entries, got 0');
    expect(() => appendToFrontier([LEAVES[0]], 3, LEAVES[1])).toThrow(RangeError);
  });

  it('rejects hashes that are not 32 bytes', () => {
    expect(() => appendToFrontier([], 0, Buffer.alloc(31))).toThrow('leaf hash must be 32 bytes');
    expect(() => appendToFrontier([Buffer.alloc(8)], 1, LEAVES[1])).toThrow('frontier hashes must be 32 bytes');
    expect(() => rootFromLeafHashes([LEAVES[0], Buffer.alloc(33)])).toThrow('leaf hash 1 must be 32 bytes');
  });

  it('gives the empty-tree root for an empty frontier or no leaves', () => {
    expect(rootFromFrontier([])).toEqual(emptyRoot());
    expect(rootFromLeafHashes([])).toEqual(emptyRoot());
  });

  it('consumes any iterable lazily, e.g. a generator', () => {
    function* generated(): Generator<Buffer> {
      for (const leaf of LEAVES) yield leaf;
    }
    expect(rootFromLeafHashes(generated())).toEqual(subtreeRoot(LEAVES, 0, LEAVES.length));
  });

  it('handles node indices beyond 32 bits (no truncating bit operators)', () => {
    const size = 2 ** 40 - 1; // all 40 low bits set: appending merges 40 levels
    const fakeFrontier = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from([i])));
    const appended = appendToFrontier(fakeFrontier, size, LEAVES[0]);
    expect(appended.frontier).toHaveLength(1);
    expect(appended.newNodes.map(({ level, index }) => [level, index])).toEqual(
      Array.from({ length: 41 }, (_, level) => [level, 2 ** (40 - level) - 1]),
    );
    expect(frontierCoordinates(2 ** 40 + 5)).toEqual([
      { level: 40, index: 0 },
      { level: 2, index: 2 ** 38 },
      { level: 0, index: 2 ** 40 + 4 },
    ]);
  });
});
