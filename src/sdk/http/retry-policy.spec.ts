import { DEFAULT_RETRY, isRepeatable, parseRetryAfter, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  it('treats GET, PUT, DELETE and keyed POSTs as repeatable, plain POST/PATCH not', () => {
    expect(isRepeatable({ method: 'GET' })).toBe(true);
    expect(isRepeatable({ method: 'PUT' })).toBe(true);
    expect(isRepeatable({ method: 'DELETE' })).toBe(true);
    expect(isRepeatable({ method: 'POST' })).toBe(false);
    expect(isRepeatable({ method: 'PATCH' })).toBe(false);
    expect(isRepeatable({ method: 'POST', idempotencyKey: 'k' })).toBe(true);
    expect(isRepeatable({ method: 'GET', safeToRepeat: false })).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('caps exponential back-off at maxDelayMs', () => {
    const context = (attempt: number) => ({ attempt, repeatable: true, options: { ...DEFAULT_RETRY, maxAttempts: 20 }, random: () => 1 });
    expect(retryDelayMs({ kind: 'network' }, context(1))).toBe(250);
    expect(retryDelayMs({ kind: 'network' }, context(3))).toBe(1000);
    expect(retryDelayMs({ kind: 'network' }, context(12))).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});
