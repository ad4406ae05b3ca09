import { hash } from 'node:crypto';

/** RFC 9162 §2.1.1 hashing with SHA-256: every hash in the log is 32 bytes. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// One-shot crypto.hash is about twice as fast as createHash().update().digest()
// for small inputs, which matters when an auditor recomputes a million-entry tree.
// Its 'buffer' output makes a new ArrayBuffer per digest, which cost more than hashing a
// 600-byte entry (and then garbage collection): the digest as a latin1 string (one character per
// byte, exact; Node's types spell it 'binary') copied into Node's buffer pool is about twice as
// fast per hash.
function sha256(data: Uint8Array): Buffer {
  return Buffer.from(hash('sha256', data, 'binary'), 'latin1');
}

/** Leaf hash: SHA-256(0x00 || entry). The prefix keeps leaves and nodes apart (second preimages). */
export function leafHash(entry: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(entry.length + 1);
  input[0] = LEAF_PREFIX;
  input.set(entry, 1);
  return sha256(input);
}

/**
 * Leaf hash of `entry`, hashing `leafInput` in place when it is provably 0x00 followed by the very
 * same bytes (same memory, one byte earlier); otherwise the copying leafHash().
 */
export function leafHashOf(entry: Uint8Array, leafInput: Uint8Array | undefined): Buffer {
  const sharesEntry =
    leafInput !== undefined &&
    leafInput.buffer === entry.buffer &&
    leafInput.byteOffset + 1 === entry.byteOffset &&
    leafInput.byteLength === entry.byteLength + 1 &&
    leafInput[0] === LEAF_PREFIX;
  return sharesEntry ? sha256(leafInput) : leafHash(entry);
}

/**
 * One input buffer for every node hash of two 32-byte children: a million-entry tree hashes a
 * million nodes, and a fresh 65-byte buffer each was garbage. Safe to share: hashing is synchronous.
 */
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE);

/** Interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const shared = left.length === HASH_SIZE && right.length === HASH_SIZE;
  const input = shared ? NODE_INPUT : Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** Root of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(): Buffer {
  return sha256(new Uint8Array(0));
}

/** True when `value` has the length of a SHA-256 hash. */
export function isHash(value: Uint8Array): boolean {
  return value.length === HASH_SIZE;
}

/** Byte equality of two hashes (not secret, so a plain comparison is fine). */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
