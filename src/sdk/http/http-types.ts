import type { FieldProblem } from '../errors';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Form fields, or a factory called per attempt (e.g. a fresh client assertion each time). */
export type FormBody = Record<string, string> | (() => Promise<Record<string, string>>);

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the base URL, already encoded (build it with apiPath``). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: FormBody;
  headers?: Record<string, string>;
  /** Makes a POST safe to repeat after a network error: the server deduplicates on it. */
  idempotencyKey?: string;
  /** Send the access token (default true). */
  authenticated?: boolean;
  /** Override the method-based rule for whether the request may be repeated. */
  safeToRepeat?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  requestId: string;
}

/** Supplies the Authorization header and learns when the API refused it. */
export interface Authorizer {
  authorization(): Promise<string>;
  /** The API answered 401 to this header: drop it so the next call obtains a new token. */
  rejected(authorization: string): void;
}

export interface RetryOptions {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429/503 asking to wait longer than this is returned to the caller instead of waited for. */
  maxRetryAfterMs: number;
}

export interface HttpCoreOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per attempt. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  authorizer?: Authorizer;
  userAgent?: string;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  newRequestId?: () => string;
}

export type { FieldProblem };
