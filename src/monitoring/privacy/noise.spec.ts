import { cryptoUniform, discreteLaplaceVariance, discreteLaplaceZero, sampleDiscreteLaplace } from './noise';

describe('discrete Laplace sampler (decision 0130)', () => {
  it.each([0.5, 1, 2])('matches its distribution at epsilon %d: mean 0, variance and P(0) within 5 standard errors', (epsilon) => {
    const draws = 40_000;
    const values = Array.from({ length: draws }, () => sampleDiscreteLaplace(epsilon));
    const variance = discreteLaplaceVariance(epsilon);
    const mean = values.reduce((sum, value) => sum + value, 0) / draws;
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / draws));
    const sampleVariance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (draws - 1);
    // The fourth moment is bounded by a few times the square of the variance for these ε: a loose, fixed tolerance.
    expect(Math.abs(sampleVariance - variance) / variance).toBeLessThan(0.1);
    const zero = discreteLaplaceZero(epsilon);
    const zeros = values.filter((value) => value === 0).length / draws;
    expect(Math.abs(zeros - zero)).toBeLessThan(5 * Math.sqrt((zero * (1 - zero)) / draws));
    expect(values.every(Number.isInteger)).toBe(true);
  });

  it('is symmetric: P(1) equals P(−1) within 5 standard errors', () => {
    const draws = 40_000;
    const values = Array.from({ length: draws }, () => sampleDiscreteLaplace(1));
    const plus = values.filter((value) => value === 1).length / draws;
    const minus = values.filter((value) => value === -1).length / draws;
    expect(Math.abs(plus - minus)).toBeLessThan(5 * Math.sqrt((plus + minus) / draws));
  });

  it('draws uniforms in (0, 1] and refuses a non-positive epsilon', () => {
    for (let i = 0; i < 1000; i++) {
      const u = cryptoUniform();
      expect(u > 0 && u <= 1).toBe(true);
    }
    expect(() => sampleDiscreteLaplace(0)).toThrow(RangeError);
    expect(sampleDiscreteLaplace(1, () => 1)).toBe(0);
  });
});
