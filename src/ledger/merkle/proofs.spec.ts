/**
 * Exhaustive cross-check for every tree size 1..70: the storage-planned proofs
 * (plan + assemble from perfect-subtree nodes) equal the RFC 9162 reference
 * proofs, both verify, and every tampering is rejected.
 */
import {
  appendToFrontier,
  assembleProof,
  consistencyProof,
  Frontier,
  inclusionProof,
  leafHash,
  nodeKey,
  planConsistencyProof,
  planInclusionProof,
  planRoot,
  rootFromInclusionProof,
  subtreeRoot,
  verifyConsistency,
  verifyInclusion,
} from './index';

const MAX_SIZE = 70;
const LEAVES = Array.from({ length: MAX_SIZE }, (_, i) => leafHash(Buffer.from(`disclosure ${i}`)));
const ROOTS = Array.from({ length: MAX_SIZE + 1 }, (_, size) => subtreeRoot(LEAVES, 0, size));
const STORE = storeOf(LEAVES);
const SIZES = Array.from({ length: MAX_SIZE }, (_, i) => i + 1);
const OTHER_HASH = leafHash(Buffer.from('not in the tree'));

function storeOf(leaves: readonly Buffer[]): Map<string, Buffer> {
  const store = new Map<string, Buffer>();
  let frontier: Frontier = [];
  leaves.forEach((leaf, size) => {
    const appended = appendToFrontier(frontier, size, leaf);
    for (const node of appended.newNodes) store.set(nodeKey(node), node.hash);
    frontier = appended.frontier;
  });
  return store;
}

// Sizes (or indices) to try as "the wrong one": all of them for small trees, a neighbourhood plus
// the doubling/halving probes of transparency-dev's verify_test.go beyond that (keeps the run short).
function otherSizes(actual: number, from: number): number[] {
  const all = Array.from({ length: MAX_SIZE + 1 - from }, (_, i) => from + i);
  const probed = (other: number): boolean =>
    actual <= 16 || Math.abs(other - actual) <= 3 || other === 2 * actual || other === Math.floor(actual / 2) || other === (actual ^ 2);
  return all.filter((other) => other !== actual && probed(other));
}

// Hex strings compare much faster in Jest than Buffers and print better on failure.
function hexes(hashes: readonly Buffer[]): string[] {
  return hashes.map((hash) => hash.toString('hex'));
}

function flipped(proof: readonly Buffer[], element: number): Buffer[] {
  return proof.map((hash, i) => (i === element ? Buffer.from(hash.map((byte, b) => (b === 31 ? byte ^ 1 : byte))) : hash));
}

describe('inclusion proofs, every size 1..70 and every index', () => {
  it.each(SIZES)('size %i: planned equals reference, verifies, and tampering fails', (size) => {
    const tree = LEAVES.slice(0, size);
    const root = ROOTS[size];
    const forgeries: string[] = [];
    expect(size).toBeGreaterThan(0);
    for (let index = 0; index < size; index++) {
      const plan = planInclusionProof(index, size);
      const proof = assembleProof(plan, STORE);
      expect(hexes(proof)).toEqual(hexes(inclusionProof(tree, index)));
      expect(plan.nodes.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size)));
      expect(verifyInclusion(LEAVES[index], index, size, proof, root)).toBe(true);
      expect(rootFromInclusionProof(LEAVES[index], index, size, proof)).toEqual(root);
      forgeries.push(...acceptedInclusionForgeries(index, size, proof));
    }
    expect(forgeries).toEqual([]);
  });

  // Returns the probes that wrongly verified (collected so one size is one assertion, not thousands).
  function acceptedInclusionForgeries(index: number, size: number, proof: Buffer[]): string[] {
    const leaf = LEAVES[index];
    const root = ROOTS[size];
    const probes: [string, Buffer, number, number, Buffer[], Buffer][] = [
      ['truncated', leaf, index, size, proof.slice(0, -1), root],
      ['extended', leaf, index, size, [...proof, OTHER_HASH], root],
      ['prepended', leaf, index, size, [OTHER_HASH, ...proof], root],
      ['wrong leaf', OTHER_HASH, index, size, proof, root],
      ['index == size', leaf, size, size, proof, root],
    ];
    if (proof.length === 0) probes.shift(); // nothing to truncate: the empty proof is the real one
    proof.forEach((_, element) => probes.push([`flipped ${element}`, leaf, index, size, flipped(proof, element), root]));
    for (const other of otherSizes(index, 0).filter((wrong) => wrong < size)) {
      probes.push([`index ${other}`, leaf, other, size, proof, root]);
    }
    // A proof only means something against a signed (size, root) pair; no other real tree head accepts it.
    for (const other of otherSizes(size, index + 1)) {
      probes.push([`tree head ${other}`, leaf, index, other, proof, ROOTS[other]]);
    }
    for (const other of otherSizes(size, 0)) probes.push([`root of ${other}`, leaf, index, size, proof, ROOTS[other]]);
    return probes.filter(([, ...args]) => verifyInclusion(...args)).map(([label]) => `${index}/${size}: ${label}`);
  }
});

describe('consistency proofs, every pair 0 <= m <= n <= 70', () => {
  it.each(SIZES)('new size %i: planned equals reference, verifies, and tampering fails', (newSize) => {
    const tree = LEAVES.slice(0, newSize);
    const forgeries: string[] = [];
    expect(newSize).toBeGreaterThanOrEqual(0);
    for (let oldSize = 0; oldSize <= newSize; oldSize++) {
      const plan = planConsistencyProof(oldSize, newSize);
      const proof = assembleProof(plan, STORE);
      expect(hexes(proof)).toEqual(hexes(consistencyProof(tree, oldSize)));
      expect(plan.nodes.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(newSize)) + 1);
      expect(verifyConsistency(oldSize, newSize, proof, ROOTS[oldSize], ROOTS[newSize])).toBe(true);
      if (oldSize > 0 && oldSize < newSize) forgeries.push(...acceptedConsistencyForgeries(oldSize, newSize, proof));
    }
    expect(forgeries).toEqual([]);
  });

  it('treats m == n and m == 0 as the RFC boundary cases', () => {
    expect(verifyConsistency(5, 5, [], ROOTS[5], ROOTS[5])).toBe(true);
    expect(verifyConsistency(5, 5, [], ROOTS[5], ROOTS[6])).toBe(false);
    expect(verifyConsistency(5, 5, [OTHER_HASH], ROOTS[5], ROOTS[5])).toBe(false);
    expect(verifyConsistency(0, 9, [], ROOTS[0], ROOTS[9])).toBe(true);
    expect(verifyConsistency(0, 9, [ROOTS[9]], ROOTS[0], ROOTS[9])).toBe(false);
    expect(verifyConsistency(9, 5, [], ROOTS[9], ROOTS[5])).toBe(false);
  });

  // Returns the probes that wrongly verified.
  function acceptedConsistencyForgeries(oldSize: number, newSize: number, proof: Buffer[]): string[] {
    const [oldRoot, newRoot] = [ROOTS[oldSize], ROOTS[newSize]];
    const probes: [string, number, number, Buffer[], Buffer, Buffer][] = [
      ['truncated', oldSize, newSize, proof.slice(0, -1), oldRoot, newRoot],
      ['extended', oldSize, newSize, [...proof, OTHER_HASH], oldRoot, newRoot],
      ['prepended', oldSize, newSize, [OTHER_HASH, ...proof], oldRoot, newRoot],
      ['empty', oldSize, newSize, [], oldRoot, newRoot],
      ['swapped roots', oldSize, newSize, proof, newRoot, oldRoot],
      ['wrong old root', oldSize, newSize, proof, OTHER_HASH, newRoot],
      ['wrong new root', oldSize, newSize, proof, oldRoot, OTHER_HASH],
    ];
    proof.forEach((_, element) => probes.push([`flipped ${element}`, oldSize, newSize, flipped(proof, element), oldRoot, newRoot]));
    for (const other of otherSizes(oldSize, 1).filter((size) => size < newSize)) {
      probes.push([`old head ${other}`, other, newSize, proof, ROOTS[other], newRoot]);
    }
    for (const other of otherSizes(newSize, oldSize + 1)) {
      probes.push([`new head ${other}`, oldSize, other, proof, oldRoot, ROOTS[other]]);
    }
    return probes.filter(([, ...args]) => verifyConsistency(...args)).map(([label]) => `${oldSize}->${newSize}: ${label}`);
  }
});

describe('planRoot', () => {
  it.each([0, ...SIZES])('rebuilds the root of size %i from stored nodes alone', (size) => {
    const plan = planRoot(size);
    const root = size === 0 ? ROOTS[0] : assembleProof(plan, STORE)[0];
    expect(root).toEqual(ROOTS[size]);
  });
});

describe('plan and assembly errors', () => {
  it('refuses impossible requests instead of planning garbage', () => {
    expect(() => planInclusionProof(5, 5)).toThrow(RangeError);
    expect(() => planInclusionProof(-1, 5)).toThrow(RangeError);
    expect(() => planInclusionProof(0.5, 5)).toThrow(RangeError);
    expect(() => planConsistencyProof(6, 5)).toThrow(RangeError);
    expect(() => planConsistencyProof(1, 2 ** 53)).toThrow(RangeError);
  });

  it('names the missing or malformed node when assembling', () => {
    const plan = planInclusionProof(3, 7);
    const missing = new Map(STORE);
    missing.delete(nodeKey(plan.nodes[0]));
    expect(() => assembleProof(plan, missing)).toThrow(`node ${nodeKey(plan.nodes[0])} was planned but not fetched`);
    const short = new Map(STORE).set(nodeKey(plan.nodes[0]), Buffer.alloc(31));
    expect(() => assembleProof(plan, short)).toThrow('is not a 32-byte hash');
  });
});
