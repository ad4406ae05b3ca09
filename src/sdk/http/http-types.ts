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

/**
 * What authorises a client's calls, whoever the client is: a service account's bearer token
 * (TokenManager, private_key_jwt or a client secret) or a person's cookie session (PersonSession:
 * the cookie, X-CCR-CSRF and Origin). The HTTP core adds these headers to every authenticated call.
 */
export interface Authorizer {
  /** The headers that authorise one attempt (secret values: never log them). */
  headers(): Promise<Record<string, string>>;
  /**
   * The API answered 401 to these headers. Returns true when the next attempt may succeed with new
   * headers (a bearer token is obtained again); false when nothing can be renewed here (a person's
   * session ended: sign in again).
   */
  rejected(headers: Record<string, string>): boolean;
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
