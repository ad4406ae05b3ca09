import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Drives the API with autocannon from this process (the API runs in another): `connections`
 * keep-alive connections for `seconds`; each request comes from `next()`. Latencies are recorded
 * per response, so p50/p95/p99 are exact.
 */
export function drive(url: string, options: { connections: number; seconds: number; next: () => LoadRequest }): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let setupFailure: Error | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            setupRequest: (request) => {
              try {
                const next = options.next();
                return { ...request, method: next.method, path: next.path, headers: next.headers, body: next.body };
              } catch (error) {
                setupFailure ??= error instanceof Error ? error : new Error(String(error));
                throw error;
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        if (setupFailure) return reject(setupFailure);
        const sorted = latencies.sort((a, b) => a - b);
        const non2xx = Object.entries(statuses).filter(([status]) => !status.startsWith('2')).reduce((sum, [, count]) => sum + count, 0);
        resolve({
          requests: sorted.length,
          requestsPerSecond: Math.round(sorted.length / options.seconds),
          latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
          errors: result.errors + result.timeouts + non2xx,
          statuses,
          seconds: options.seconds,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[String(statusCode)] = (statuses[String(statusCode)] ?? 0) + 1;
    });
  });
}
