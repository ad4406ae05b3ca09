import { subtreeRoot } from './tree-hash';
import { assertIndex, largestPowerOfTwoBelow } from './tree-math';

/**
 * In-memory proofs following the recursive definitions of RFC 9162 literally.
 * They need every leaf hash, so they serve as the oracle in tests and for small
 * in-memory trees; production proofs come from planInclusionProof/assemble.
 */

/** RFC 9162 §2.1.3.1 PATH(m, D[n]): the inclusion proof for leaf `index`. */
export function inclusionProof(leafHashes: readonly Buffer[], index: number): Buffer[] {
  assertIndex(index, 'leaf index');
  if (index >= leafHashes.length) {
    throw new RangeError(`leaf index ${index} is not below tree size ${leafHashes.length}`);
  }
  return path(leafHashes, index, 0, leafHashes.length);
}

function path(leaves: readonly Buffer[], m: number, start: number, end: number): Buffer[] {
  const n = end - start;
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  if (m < k) return [...path(leaves, m, start, start + k), subtreeRoot(leaves, start + k, end)];
  return [...path(leaves, m - k, start + k, end), subtreeRoot(leaves, start, start + k)];
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true): the consistency proof
 * from the first `oldSize` leaves to all of `leafHashes`. Empty when oldSize is 0 or n
 * (nothing to prove; the verifier handles those cases without a proof).
 */
export function consistencyProof(leafHashes: readonly Buffer[], oldSize: number): Buffer[] {
  assertIndex(oldSize, 'old tree size');
  if (oldSize > leafHashes.length) {
    throw new RangeError(`old size ${oldSize} exceeds tree size ${leafHashes.length}`);
  }
  if (oldSize === 0 || oldSize === leafHashes.length) return [];
  return subproof(leafHashes, oldSize, 0, leafHashes.length, true);
}

function subproof(leaves: readonly Buffer[], m: number, start: number, end: number, wholeTreeKnown: boolean): Buffer[] {
  const n = end - start;
  if (m === n) return wholeTreeKnown ? [] : [subtreeRoot(leaves, start, end)];
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) return [...subproof(leaves, m, start, start + k, wholeTreeKnown), subtreeRoot(leaves, start + k, end)];
  return [...subproof(leaves, m - k, start + k, end, false), subtreeRoot(leaves, start, start + k)];
}
