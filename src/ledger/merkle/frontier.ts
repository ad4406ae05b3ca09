import { emptyRoot, isHash, nodeHash } from './hash';
import { foldSubtrees, NodeCoord, perfectSubtreesOfRange, StoredNode } from './node';
import { assertIndex, lsb, popCount, pow2, shiftRight } from './tree-math';

/**
 * The frontier (compact range [0, size)): hashes of the perfect subtrees along the
 * right edge, left to right, largest first. Its length is popCount(size).
 */
export type Frontier = readonly Buffer[];

export interface FrontierAppend {
  readonly frontier: Buffer[];
  /**
   * Every perfect subtree completed by this append, bottom-up: the leaf itself at
   * (0, size) first, then each merged parent. In the schema of the research file
   * (Appendix A.1) level 0 goes to audit.leaf.leaf_hash and levels >= 1 to audit.node.
   */
  readonly newNodes: StoredNode[];
}

/**
 * Appends one leaf hash to the frontier of a tree of `size` leaves. Pure: returns
 * a new frontier. Mirrors the PL/pgSQL `audit.append` exactly: while bit `level`
 * of `size` is set, pop the top, merge, and record node
 * (level + 1, ((size + 1) >> (level + 1)) - 1).
 */
export function appendToFrontier(frontier: Frontier, size: number, leafHash: Buffer): FrontierAppend {
  assertFrontierShape(frontier, size);
  if (!isHash(leafHash)) throw new RangeError('leaf hash must be 32 bytes');
  const next = frontier.slice();
  const newNodes: StoredNode[] = [];
  pushLeaf(next, size, leafHash, (node) => newNodes.push(node));
  return { frontier: next, newNodes };
}

/**
 * In-place append used by the hot loops (root recomputation, streaming verifier).
 * `stack` must be the frontier for `size`; afterwards it is the frontier for size + 1.
 */
export function pushLeaf(stack: Buffer[], size: number, leafHash: Buffer, onNode?: (node: StoredNode) => void): void {
  onNode?.({ level: 0, index: size, hash: leafHash });
  let hash = leafHash;
  let level = 0;
  // Each trailing 1-bit of `size` is a complete subtree of the same height waiting on the left.
  for (let rest = size; lsb(rest); rest = shiftRight(rest)) {
    const left = stack.pop() as Buffer;
    hash = nodeHash(left, hash);
    level++;
    onNode?.({ level, index: (size + 1) / pow2(level) - 1, hash });
  }
  stack.push(hash);
}

/** Root of the tree the frontier describes: a right-to-left fold (empty tree: SHA-256("")). */
export function rootFromFrontier(frontier: Frontier): Buffer {
  return frontier.length === 0 ? emptyRoot() : foldSubtrees(frontier);
}

/** Coordinates of the frontier entries of a tree of `size` leaves, left to right. */
export function frontierCoordinates(size: number): NodeCoord[] {
  return perfectSubtreesOfRange(0, size);
}

function assertFrontierShape(frontier: Frontier, size: number): void {
  assertIndex(size, 'tree size');
  if (frontier.length !== popCount(size)) {
    throw new RangeError(`frontier of a size-${size} tree has ${popCount(size)} entries, got ${frontier.length}`);
  }
  if (!frontier.every(isHash)) throw new RangeError('frontier hashes must be 32 bytes');
}
