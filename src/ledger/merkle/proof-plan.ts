import { isHash } from './hash';
import { foldSubtrees, LeafRange, NodeCoord, nodeKey, perfectSubtreesOfRange } from './node';
import { assertIndex, largestPowerOfTwoBelow } from './tree-math';

/**
 * What to read from storage to build a proof, and how to put it together.
 *
 * Each RFC 9162 proof element is the hash of a leaf range that is either a
 * complete perfect subtree (stored as one node) or the ragged right edge of the
 * tree (never stored; rebuilt by folding its perfect pieces). `nodes` is the
 * deduplicated list of stored nodes to fetch in one batched query (at most about
 * 2 * log2(size)); `elements` lists, per proof element, its pieces largest first.
 */
export interface ProofPlan {
  readonly nodes: readonly NodeCoord[];
  readonly elements: readonly (readonly NodeCoord[])[];
}

/** Plan of the inclusion proof for leaf `index` in a tree of `size` leaves. */
export function planInclusionProof(index: number, size: number): ProofPlan {
  assertIndex(index, 'leaf index');
  assertIndex(size, 'tree size');
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  return planFromRanges(inclusionRanges(index, 0, size));
}

/** Plan of the consistency proof from `oldSize` to `newSize` (empty when oldSize is 0 or newSize). */
export function planConsistencyProof(oldSize: number, newSize: number): ProofPlan {
  assertIndex(oldSize, 'old tree size');
  assertIndex(newSize, 'new tree size');
  if (oldSize > newSize) throw new RangeError(`old size ${oldSize} exceeds new size ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return planFromRanges([]);
  return planFromRanges(consistencyRanges(oldSize, 0, newSize, true));
}

/** Plan of the root of the tree at `size` (a single element; none for the empty tree). */
export function planRoot(size: number): ProofPlan {
  assertIndex(size, 'tree size');
  return planFromRanges(size === 0 ? [] : [{ start: 0, end: size }]);
}

/**
 * Builds the proof (one hash per element) from the fetched node hashes, keyed by
 * nodeKey(). Pure; throws if a planned node is missing or is not 32 bytes.
 */
export function assembleProof(plan: ProofPlan, fetched: ReadonlyMap<string, Uint8Array>): Buffer[] {
  return plan.elements.map((pieces) => foldSubtrees(pieces.map((node) => fetchedHash(fetched, node))));
}

/** Assembles an inclusion proof planned by planInclusionProof. */
export const assembleInclusionProof = assembleProof;
/** Assembles a consistency proof planned by planConsistencyProof. */
export const assembleConsistencyProof = assembleProof;

function fetchedHash(fetched: ReadonlyMap<string, Uint8Array>, node: NodeCoord): Uint8Array {
  const hash = fetched.get(nodeKey(node));
  if (hash === undefined) throw new Error(`node ${nodeKey(node)} was planned but not fetched`);
  if (!isHash(hash)) throw new Error(`node ${nodeKey(node)} is not a 32-byte hash`);
  return hash;
}

function planFromRanges(ranges: readonly LeafRange[]): ProofPlan {
  const elements = ranges.map((range) => perfectSubtreesOfRange(range.start, range.end));
  const unique = new Map<string, NodeCoord>();
  for (const node of elements.flat()) unique.set(nodeKey(node), node);
  return { nodes: [...unique.values()], elements };
}

// RFC 9162 §2.1.3.1 PATH, on absolute leaf ranges instead of hashes.
function inclusionRanges(index: number, start: number, end: number): LeafRange[] {
  if (end - start === 1) return [];
  const middle = start + largestPowerOfTwoBelow(end - start);
  if (index < middle) return [...inclusionRanges(index, start, middle), { start: middle, end }];
  return [...inclusionRanges(index, middle, end), { start, end: middle }];
}

// RFC 9162 §2.1.4.1 SUBPROOF, on absolute leaf ranges; `oldSize` is absolute too.
function consistencyRanges(oldSize: number, start: number, end: number, wholeTreeKnown: boolean): LeafRange[] {
  if (oldSize === end) return wholeTreeKnown ? [] : [{ start, end }];
  const middle = start + largestPowerOfTwoBelow(end - start);
  if (oldSize <= middle) return [...consistencyRanges(oldSize, start, middle, wholeTreeKnown), { start: middle, end }];
  return [...consistencyRanges(oldSize, middle, end, false), { start, end: middle }];
}
