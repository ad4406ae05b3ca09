import { randomBytes } from 'node:crypto';

/** A uniform number in (0, 1] from 53 bits of the operating system's randomness. */
export function cryptoUniform(): number {
  const bytes = randomBytes(7);
  let bits = 0;
  for (const byte of bytes) bits = bits * 256 + byte;
  // 56 bits read, 53 kept: exact in a double.
  return (Math.floor(bits / 8) + 1) / 2 ** 53;
}

/**
 * One draw of the discrete Laplace distribution P(x) ∝ exp(−ε|x|) (sensitivity 1), as the
 * difference of two geometric variables with success probability 1 − e^(−ε), each by inversion
 * (decision 0130). `uniform` is injectable for tests of the arithmetic; reports use crypto.
 */
export function sampleDiscreteLaplace(epsilon: number, uniform: () => number = cryptoUniform): number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError('epsilon must be a positive number');
  return geometric(epsilon, uniform) - geometric(epsilon, uniform);
}

/** Failures before the first success: floor(ln U / −ε) for U uniform in (0, 1]. */
function geometric(epsilon: number, uniform: () => number): number {
  return Math.floor(Math.log(uniform()) / -epsilon);
}

/** The variance of the discrete Laplace distribution of parameter ε: 2e^(−ε) / (1 − e^(−ε))². */
export function discreteLaplaceVariance(epsilon: number): number {
  const q = Math.exp(-epsilon);
  return (2 * q) / (1 - q) ** 2;
}

/** P(X = 0) = (1 − e^(−ε)) / (1 + e^(−ε)). */
export function discreteLaplaceZero(epsilon: number): number {
  const q = Math.exp(-epsilon);
  return (1 - q) / (1 + q);
}
