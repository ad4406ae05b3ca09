/**
 * Property-based checks beyond the exhaustive range of proofs.spec.ts:
 * - sizes 71..1024 against the in-memory RFC reference;
 * - sizes up to 2^53 - 1 against a "virtual" tree, to exercise index arithmetic far
 *   beyond 32 bits (where a stray `>>` would silently break proofs).
 */
import fc from 'fast-check';
import {
  appendToFrontier,
  assembleProof,
  consistencyProof,
  Frontier,
  inclusionProof,
  largestPowerOfTwoBelow,
  leafHash,
  NodeCoord,
  nodeHash,
  nodeKey,
  nodeLeafRange,
  planConsistencyProof,
  planInclusionProof,
  ProofPlan,
  subtreeRoot,
  verifyConsistency,
  verifyInclusion,
} from './index';

const MAX_SIZE = 1024;
const LEAVES = Array.from({ length: MAX_SIZE }, (_, i) => leafHash(Buffer.from(`property ${i}`)));
const STORE = (() => {
  const store = new Map<string, Buffer>();
  let frontier: Frontier = [];
  LEAVES.forEach((leaf, size) => {
    const appended = appendToFrontier(frontier, size, leaf);
    for (const node of appended.newNodes) store.set(nodeKey(node), node.hash);
    frontier = appended.frontier;
  });
  return store;
})();
const rootCache = new Map<number, Buffer>();
const rootOf = (size: number): Buffer => rootCache.get(size) ?? rootCache.set(size, subtreeRoot(LEAVES, 0, size)).get(size)!;

const hexes = (hashes: readonly Buffer[]): string[] => hashes.map((hash) => hash.toString('hex'));

function mutate(proof: readonly Buffer[], element: number, bit: number): Buffer[] {
  return proof.map((hash, i) => {
    if (i !== element) return hash;
    const copy = Buffer.from(hash);
    copy[bit >> 3] ^= 1 << (bit & 7);
    return copy;
  });
}

const sizeAndIndex = (min: number, max: number) =>
  fc.integer({ min, max }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));
const sizePair = (min: number, max: number) =>
  fc.integer({ min, max }).chain((newSize) => fc.tuple(fc.integer({ min: 1, max: newSize - 1 }), fc.constant(newSize)));

describe('sizes 71..1024 against the RFC reference', () => {
  it('inclusion: planned proof equals reference, verifies; any flipped bit fails', () => {
    fc.assert(
      fc.property(sizeAndIndex(71, MAX_SIZE), fc.nat(), fc.integer({ min: 0, max: 255 }), ([size, index], pick, bit) => {
        const proof = assembleProof(planInclusionProof(index, size), STORE);
        expect(hexes(proof)).toEqual(hexes(inclusionProof(LEAVES.slice(0, size), index)));
        expect(verifyInclusion(LEAVES[index], index, size, proof, rootOf(size))).toBe(true);
        expect(verifyInclusion(LEAVES[index], index, size, mutate(proof, pick % proof.length, bit), rootOf(size))).toBe(false);
        expect(verifyInclusion(LEAVES[index], index, size, proof.slice(1), rootOf(size))).toBe(false);
        expect(verifyInclusion(LEAVES[index], (index + 1) % size, size, proof, rootOf(size))).toBe(false);
        expect(verifyInclusion(LEAVES[index], index, size - 1, proof, rootOf(size - 1))).toBe(false);
        expect(verifyInclusion(LEAVES[index], index, size, proof, rootOf(size - 1))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('consistency: planned proof equals reference, verifies; any flipped bit fails', () => {
    fc.assert(
      fc.property(sizePair(71, MAX_SIZE), fc.nat(), fc.integer({ min: 0, max: 255 }), ([oldSize, newSize], pick, bit) => {
        const proof = assembleProof(planConsistencyProof(oldSize, newSize), STORE);
        expect(hexes(proof)).toEqual(hexes(consistencyProof(LEAVES.slice(0, newSize), oldSize)));
        const [oldRoot, newRoot] = [rootOf(oldSize), rootOf(newSize)];
        expect(verifyConsistency(oldSize, newSize, proof, oldRoot, newRoot)).toBe(true);
        expect(verifyConsistency(oldSize, newSize, mutate(proof, pick % proof.length, bit), oldRoot, newRoot)).toBe(false);
        expect(verifyConsistency(oldSize, newSize, proof.slice(0, -1), oldRoot, newRoot)).toBe(false);
        expect(verifyConsistency(oldSize + 1, newSize, proof, rootOf(oldSize + 1), newRoot)).toBe(false);
        expect(verifyConsistency(oldSize, newSize - 1, proof, oldRoot, rootOf(newSize - 1))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * A tree of any size where every leaf is the same filler except one: subtree hashes
 * cost O(log^2 n) to compute, so sizes near 2^53 are testable.
 */
class VirtualTree {
  private readonly uniform = new Map<number, Buffer>();

  constructor(
    private readonly special: number,
    readonly specialLeaf = leafHash(Buffer.from('special')),
    private readonly filler = leafHash(Buffer.from('filler')),
  ) {}

  rangeHash(start: number, end: number): Buffer {
    if (this.special < start || this.special >= end) return this.uniformHash(end - start);
    if (end - start === 1) return this.specialLeaf;
    const middle = start + largestPowerOfTwoBelow(end - start);
    return nodeHash(this.rangeHash(start, middle), this.rangeHash(middle, end));
  }

  fetch(plan: ProofPlan): Map<string, Buffer> {
    return new Map(plan.nodes.map((node) => [nodeKey(node), this.nodeHashAt(node)]));
  }

  private nodeHashAt(node: NodeCoord): Buffer {
    const { start, end } = nodeLeafRange(node);
    return this.rangeHash(start, end);
  }

  private uniformHash(size: number): Buffer {
    const cached = this.uniform.get(size);
    if (cached) return cached;
    const hash = size === 1 ? this.filler : nodeHash(this.uniformHash(largestPowerOfTwoBelow(size)), this.uniformHash(size - largestPowerOfTwoBelow(size)));
    this.uniform.set(size, hash);
    return hash;
  }
}

const HUGE = Number.MAX_SAFE_INTEGER;
const hugeSizeAndIndex = fc.tuple(fc.integer({ min: 1, max: 52 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([bits, a, b]) => {
    const size = Math.max(1, Math.min(HUGE, Math.floor(2 ** bits * (1 + a))));
    return [size, Math.min(size - 1, Math.floor(size * b))] as const;
  });

function bitLength(value: number): number {
  return value === 0 ? 0 : Math.floor(Math.log2(value)) + 1;
}

function expectWellFormedPlan(plan: ProofPlan, size: number): void {
  expect(plan.nodes.length).toBeLessThanOrEqual(2 * bitLength(size));
  const ranges = plan.nodes.map(nodeLeafRange).sort((x, y) => x.start - y.start);
  // Only complete subtrees (they exist in storage), and disjoint.
  expect(ranges.filter((range) => range.end > size)).toEqual([]);
  expect(ranges.filter((range, i) => i > 0 && range.start < ranges[i - 1].end)).toEqual([]);
}

describe('sizes up to 2^53 - 1 (virtual tree)', () => {
  it('inclusion proofs plan few complete nodes, verify, and reject a flipped bit', () => {
    fc.assert(
      fc.property(hugeSizeAndIndex, fc.nat(), ([size, index], pick) => {
        const tree = new VirtualTree(index);
        const plan = planInclusionProof(index, size);
        expectWellFormedPlan(plan, size);
        const proof = assembleProof(plan, tree.fetch(plan));
        const root = tree.rangeHash(0, size);
        expect(verifyInclusion(tree.specialLeaf, index, size, proof, root)).toBe(true);
        // A one-leaf tree has an empty proof: nothing to flip.
        const forged = proof.length > 0 && verifyInclusion(tree.specialLeaf, index, size, mutate(proof, pick % proof.length, 0), root);
        expect(forged).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('consistency proofs plan few complete nodes, verify, and reject a flipped bit', () => {
    fc.assert(
      fc.property(hugeSizeAndIndex, fc.nat(), ([newSize, pivot], pick) => {
        const oldSize = Math.max(1, pivot);
        const tree = new VirtualTree(Math.max(0, oldSize - 1));
        const plan = planConsistencyProof(oldSize, newSize);
        expectWellFormedPlan(plan, newSize);
        const proof = assembleProof(plan, tree.fetch(plan));
        const [oldRoot, newRoot] = [tree.rangeHash(0, oldSize), tree.rangeHash(0, newSize)];
        expect(verifyConsistency(oldSize, newSize, proof, oldRoot, newRoot)).toBe(true);
        const forged = proof.length > 0 && verifyConsistency(oldSize, newSize, mutate(proof, pick % proof.length, 0), oldRoot, newRoot);
        expect(forged).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
