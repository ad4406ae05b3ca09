import { type Recorded, summarize } from '../../bench/lib/load';

describe('benchmark slices (decision 0038)', () => {
  const slice = (latencies: number[], statuses: Record<string, number>, failures: number, seconds: number): Recorded => ({ latencies, statuses, failures, seconds });

  it('rates slices over their total time and takes percentiles over all their latencies', () => {
    const fast = slice(Array.from({ length: 90 }, () => 10), { '201': 90 }, 0, 5);
    const slow = slice(Array.from({ length: 10 }, () => 100), { '201': 10 }, 0, 5);
    const result = summarize([fast, slow]);
    expect(result.requests).toBe(100);
    expect(result.requestsPerSecond).toBe(10);
    expect(result.seconds).toBe(10);
    expect(result.latencyMs).toEqual({ p50: 10, p95: 100, p99: 100, max: 100 });
    expect(result.statuses).toEqual({ '201': 100 });
  });

  it('counts connection failures and every non-2xx answer of every slice as errors', () => {
    const result = summarize([slice([1, 2], { '200': 1, '500': 1 }, 2, 1), slice([3], { '404': 1 }, 1, 1)]);
    expect(result.errors).toBe(5);
    expect(result.statuses).toEqual({ '200': 1, '500': 1, '404': 1 });
  });
});
