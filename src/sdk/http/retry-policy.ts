import type { HttpRequest, RetryOptions } from './http-types';

export const DEFAULT_RETRY: RetryOptions = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
});

// RFC 9110 §9.2.2: repeating these has the same effect as sending them once.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** Gateway answers that say "not processed, try again", unlike a 500 (a bug a retry will not fix). */
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

/**
 * A request may be sent again after a lost answer only if a repeat cannot act twice: an
 * idempotent method, or a POST carrying an Idempotency-Key the server deduplicates on.
 */
export function isRepeatable(request: Pick<HttpRequest, 'method' | 'idempotencyKey' | 'safeToRepeat'>): boolean {
  return request.safeToRepeat ?? (IDEMPOTENT_METHODS.has(request.method) || request.idempotencyKey !== undefined);
}

export type AttemptFailure = { kind: 'network' } | { kind: 'status'; status: number; retryAfterMs: number | undefined };

export interface RetryContext {
  attempt: number;
  repeatable: boolean;
  options: RetryOptions;
  random: () => number;
}

/** How long to wait before the next attempt, or undefined when the failure must be returned. */
export function retryDelayMs(failure: AttemptFailure, context: RetryContext): number | undefined {
  if (context.attempt >= context.options.maxAttempts) return undefined;
  if (failure.kind === 'network') return context.repeatable ? backoffMs(context) : undefined;
  // 429 means the server refused before acting, so any method may try again once it has waited.
  const allowed = failure.status === 429 || (TRANSIENT_STATUSES.has(failure.status) && context.repeatable);
  if (!allowed) return undefined;
  const delay = failure.retryAfterMs ?? backoffMs(context);
  return delay <= context.options.maxRetryAfterMs ? delay : undefined;
}

/** Exponential back-off with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffMs({ attempt, options, random }: RetryContext): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds from now. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
