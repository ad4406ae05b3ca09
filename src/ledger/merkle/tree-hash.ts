import { emptyRoot, isHash, nodeHash } from './hash';
import { pushLeaf, rootFromFrontier } from './frontier';
import { largestPowerOfTwoBelow } from './tree-math';

/**
 * Root of the tree over `leafHashes`, computed left to right with a frontier so
 * extra memory is O(log n) however many leaves there are (any iterable works,
 * including a generator that never holds the whole log).
 */
export function rootFromLeafHashes(leafHashes: Iterable<Buffer>): Buffer {
  const stack: Buffer[] = [];
  let size = 0;
  for (const leaf of leafHashes) {
    if (!isHash(leaf)) throw new RangeError(`leaf hash ${size} must be 32 bytes`);
    pushLeaf(stack, size++, leaf);
  }
  return rootFromFrontier(stack);
}

/**
 * Merkle Tree Hash of leaves [start, end) exactly as RFC 9162 §2.1.1 defines it
 * (recursive split at the largest power of two below the size). The reference
 * that everything else is tested against; not meant for big trees.
 */
export function subtreeRoot(leafHashes: readonly Buffer[], start: number, end: number): Buffer {
  const size = end - start;
  if (size === 0) return emptyRoot();
  if (size === 1) return leafHashes[start];
  const k = largestPowerOfTwoBelow(size);
  return nodeHash(subtreeRoot(leafHashes, start, start + k), subtreeRoot(leafHashes, start + k, end));
}
