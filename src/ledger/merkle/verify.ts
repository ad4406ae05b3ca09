import { emptyRoot, hashesEqual, isHash, nodeHash } from './hash';
import { isIndex, isPowerOfTwo, lsb, shiftRight } from './tree-math';

/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 write it. Beyond the
 * RFC text, every hash (leaf, roots, proof elements) must be 32 bytes and sizes must
 * be non-negative safe integers; anything else is rejected rather than coerced.
 */

/**
 * RFC 9162 §2.1.3.2 steps 1-4: the root implied by an inclusion proof, or null when
 * the proof cannot be valid for this index and size (index >= size, proof too long
 * or too short, malformed hashes).
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
): Buffer | null {
  if (!isIndex(index) || !isIndex(treeSize) || index >= treeSize) return null;
  if (!isHash(leafHash) || !proof.every(isHash)) return null;
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) return null; // more elements than levels: proof too long
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      // Skip levels where this node is the lone right-edge child (no sibling, no element).
      while (!lsb(fn) && fn !== 0) {
        fn = shiftRight(fn);
        sn = shiftRight(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = shiftRight(fn);
    sn = shiftRight(sn);
  }
  return sn === 0 ? r : null; // sn > 0: levels left over, proof too short
}

/** RFC 9162 §2.1.3.2: true iff `proof` proves `leafHash` is leaf `index` of the tree (`treeSize`, `rootHash`). */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(leafHash, index, treeSize, proof);
  return computed !== null && isHash(rootHash) && hashesEqual(computed, rootHash);
}

/**
 * RFC 9162 §2.1.4.2: true iff `proof` shows the tree (`oldSize`, `oldRoot`) is a
 * prefix of (`newSize`, `newRoot`). The RFC algorithm covers 0 < oldSize < newSize;
 * the boundary cases follow RFC 9162 §2.1.4 / C2SP merkle-tree and the
 * transparency-dev/merkle vectors:
 * - equal sizes: consistent iff the proof is empty and the two roots are the same
 *   bytes (nothing is hashed, so the roots are compared, not checked as hashes);
 * - an empty old tree: its root must be the empty tree's (SHA-256 of nothing) and the
 *   proof empty; a tree extends the empty one only if its root is a hash at all.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): boolean {
  if (!isIndex(oldSize) || !isIndex(newSize) || oldSize > newSize) return false;
  if (oldSize === 0 && !hashesEqual(oldRoot, emptyRoot())) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot.length > 0 && hashesEqual(oldRoot, newRoot);
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  if (oldSize === 0) return proof.length === 0;
  const roots = rootsFromConsistencyProof(oldSize, newSize, proof, oldRoot);
  return roots !== null && hashesEqual(roots.oldRoot, oldRoot) && hashesEqual(roots.newRoot, newRoot);
}

/**
 * RFC 9162 §2.1.4.2 steps 1-6 for 0 < oldSize < newSize: the old and new roots the proof implies
 * (the old tree's root is taken as given when the proof omits it); null if the proof has the wrong
 * length. A proof whose new root is a signed root proves what the signed tree's prefix of
 * `oldSize` leaves hashed to — the tamper locator's evidence that a prefix differs.
 */
export function rootsFromConsistencyProof(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
): { oldRoot: Buffer; newRoot: Buffer } | null {
  if (!isIndex(oldSize) || !isIndex(newSize) || oldSize === 0 || oldSize >= newSize) return null;
  if (!isHash(oldRoot) || !proof.every(isHash)) return null;
  if (proof.length === 0) return null; // step 1
  // Step 2: when the old tree is a perfect subtree, its root is the first element but is not sent.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1; // step 3
  let sn = newSize - 1;
  while (lsb(fn)) {
    // step 4
    fn = shiftRight(fn);
    sn = shiftRight(sn);
  }
  let fr: Buffer = Buffer.from(path[0]); // step 5
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    // step 6
    if (sn === 0) return null; // proof too long
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!lsb(fn) && fn !== 0) {
        fn = shiftRight(fn);
        sn = shiftRight(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = shiftRight(fn);
    sn = shiftRight(sn);
  }
  return sn === 0 ? { oldRoot: fr, newRoot: sr } : null; // step 7 (sn must reach 0)
}
