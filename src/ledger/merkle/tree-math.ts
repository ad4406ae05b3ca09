/**
 * Integer helpers for tree sizes and indices.
 *
 * Sizes are JS numbers (exact up to 2^53 - 1). JS bitwise operators truncate to
 * 32 bits, so everything here uses arithmetic (`% 2`, `Math.floor(x / 2)`) instead.
 */

/** Throws unless `value` is a non-negative safe integer (a valid size or index). */
export function assertIndex(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
}

/** True when `value` is a non-negative safe integer. */
export function isIndex(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Least significant bit of a non-negative integer, as in RFC 9162 "LSB(x)". */
export function lsb(value: number): boolean {
  return value % 2 === 1;
}

/** Right shift by one bit, safe beyond 32 bits. */
export function shiftRight(value: number): number {
  return Math.floor(value / 2);
}

/** 2^level as a number. */
export function pow2(level: number): number {
  return 2 ** level;
}

/** True for 1, 2, 4, 8, ... */
export function isPowerOfTwo(value: number): boolean {
  if (value < 1) return false;
  let rest = value;
  while (rest % 2 === 0) rest /= 2;
  return rest === 1;
}

/** RFC 9162 §2.1.1: the largest power of two k with k < n (so k < n <= 2k). Requires n > 1. */
export function largestPowerOfTwoBelow(n: number): number {
  if (!(n > 1)) throw new RangeError(`largestPowerOfTwoBelow needs n > 1, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Number of set bits: the number of perfect subtrees (frontier entries) of a tree of this size. */
export function popCount(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest = shiftRight(rest)) {
    if (lsb(rest)) count++;
  }
  return count;
}
