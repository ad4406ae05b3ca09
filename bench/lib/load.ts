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

/** What one drive recorded, raw: slices of one measurement are merged before percentiles. */
export interface Recorded {
  latencies: number[];
  statuses: Record<string, number>;
  /** Connection errors and timeouts (non-2xx answers are counted from `statuses`). */
  failures: number;
  seconds: number;
}

/** One figure from one or more recorded slices: rates over their total time, exact percentiles over all their latencies. */
export function summarize(parts: readonly Recorded[]): LoadResult {
  const sorted = parts.flatMap((part) => part.latencies).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const part of parts) for (const [status, count] of Object.entries(part.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
  const non2xx = Object.entries(statuses).filter(([status]) => !status.startsWith('2')).reduce((sum, [, count]) => sum + count, 0);
  return {
    requests: sorted.length,
    requestsPerSecond: Math.round(sorted.length / seconds),
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
    errors: parts.reduce((sum, part) => sum + part.failures, 0) + non2xx,
    statuses,
    seconds,
  };
}

export async function drive(url: string, options: { connections: number; seconds: number; next: () => LoadRequest }): Promise<LoadResult> {
  return summarize([await record(url, options)]);
}

/**
 * Drives the API with autocannon from this process (the API runs in another): `connections`
 * keep-alive connections for `seconds`; each request comes from `next()`. Latencies are recorded
 * per response, so percentiles are exact.
 */
export function record(url: string, options: { connections: number; seconds: number; next: () => LoadRequest }): Promise<Recorded> {
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
        resolve({ latencies, statuses, failures: result.errors + result.timeouts, seconds: options.seconds });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[String(statusCode)] = (statuses[String(statusCode)] ?? 0) + 1;
    });
  });
}
