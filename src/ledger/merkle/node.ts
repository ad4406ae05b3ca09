import { nodeHash } from './hash';
import { assertIndex, pow2 } from './tree-math';

/**
 * Coordinates of a complete perfect subtree: level L, index i covers leaves
 * [i * 2^L, (i + 1) * 2^L). Level 0 is the leaf hashes (index = leaf index).
 * Only complete subtrees have coordinates; the ragged right edge of a tree is
 * never stored, it is recomputed from these.
 */
export interface NodeCoord {
  readonly level: number;
  readonly index: number;
}

/** A perfect-subtree hash as the storage layer keeps it. */
export interface StoredNode extends NodeCoord {
  readonly hash: Buffer;
}

/** Half-open leaf range [start, end). */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** Map key for a node coordinate, used to hand fetched hashes to the assemblers. */
export function nodeKey(node: NodeCoord): string {
  return `${node.level}/${node.index}`;
}

/** The leaves a perfect subtree covers. */
export function nodeLeafRange(node: NodeCoord): LeafRange {
  const width = pow2(node.level);
  return { start: node.index * width, end: (node.index + 1) * width };
}

/**
 * Splits [start, end) into maximal perfect subtrees, left to right (a "compact
 * range"). For the ranges an RFC 9162 proof needs (start aligned to a power of two
 * at least as large as the range) the sizes strictly decrease, so the range's
 * Merkle Tree Hash is the right-to-left fold of the pieces (see foldSubtrees).
 */
export function perfectSubtreesOfRange(start: number, end: number): NodeCoord[] {
  assertIndex(start, 'range start');
  assertIndex(end, 'range end');
  if (end < start) throw new RangeError(`empty range needs start <= end, got [${start}, ${end})`);
  const nodes: NodeCoord[] = [];
  let position = start;
  while (position < end) {
    const level = largestAlignedLevel(position, end - position);
    nodes.push({ level, index: position / pow2(level) });
    position += pow2(level);
  }
  return nodes;
}

// The biggest subtree that starts at `position` (alignment) and fits in `length`.
function largestAlignedLevel(position: number, length: number): number {
  let level = 0;
  while (position % pow2(level + 1) === 0 && pow2(level + 1) <= length) level++;
  return level;
}

/**
 * Merkle Tree Hash of a right-edge range from its perfect pieces (largest first):
 * MTH = node(piece0, node(piece1, ... pieceN)). This is how RFC 9162 §2.1.1 splits
 * at the largest power of two, applied repeatedly.
 */
export function foldSubtrees(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) throw new RangeError('cannot fold zero subtrees');
  let root: Buffer = Buffer.from(hashes[hashes.length - 1]);
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i], root);
  return root;
}
