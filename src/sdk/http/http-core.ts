import { CcrNetworkError, CcrProtocolError } from '../errors';
import { newUuid } from '../ids';
import { resolveUrl } from './api-path';
import { errorFromResponse } from './error-mapping';
import type { Authorizer, HttpCoreOptions, HttpRequest, HttpResponse, RetryOptions } from './http-types';
import { DEFAULT_RETRY, isRepeatable, parseRetryAfter, retryDelayMs } from './retry-policy';

export const SDK_USER_AGENT = 'ccr-exchange-sdk/0.1';
const DEFAULT_TIMEOUT_MS = 30_000;

type Attempt =
  | { kind: 'response'; status: number; headers: Headers; text: string; authorization: Record<string, string> | undefined }
  | { kind: 'network'; reason: 'unreachable' | 'timeout'; cause: string | undefined };

/**
 * The one HTTP path every SDK area shares: base URL, JSON or form bodies, an X-Request-Id per
 * call (kept across its retries so server logs line up), bearer tokens with one renewal on 401,
 * timeouts, and retries only where repeating the request cannot act twice.
 */
export class HttpCore {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retry: RetryOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly newRequestId: () => string;
  private readonly userAgent: string;
  private authorizer: Authorizer | undefined;

  constructor(options: HttpCoreOptions) {
    this.baseUrl = checkBaseUrl(options.baseUrl);
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.newRequestId = options.newRequestId ?? newUuid;
    this.userAgent = options.userAgent ?? SDK_USER_AGENT;
    this.authorizer = options.authorizer;
  }

  /** Set once the token manager (which itself calls through this core, unauthenticated) exists. */
  useAuthorizer(authorizer: Authorizer): void {
    this.authorizer = authorizer;
  }

  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    const requestId = this.newRequestId();
    const repeatable = isRepeatable(request);
    let renewedToken = false;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const outcome = await this.attempt(request, requestId);
      if (outcome.kind === 'response' && outcome.status === 401 && outcome.authorization && !renewedToken) {
        // A 401 is answered before any handler runs, so sending again with a new token is safe.
        renewedToken = true;
        if (this.authorizer?.rejected(outcome.authorization)) {
          attempt -= 1;
          continue;
        }
      }
      if (outcome.kind === 'response' && outcome.status < 400) return this.success<T>(outcome, requestId);
      const delay = retryDelayMs(
        outcome.kind === 'network'
          ? { kind: 'network' }
          : { kind: 'status', status: outcome.status, retryAfterMs: parseRetryAfter(outcome.headers.get('retry-after')) },
        { attempt, repeatable, options: this.retry, random: this.random },
      );
      if (delay === undefined) throw this.failure(outcome, request, requestId, attempt);
      await this.sleep(delay);
    }
  }

  private async attempt(request: HttpRequest, requestId: string): Promise<Attempt> {
    request.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    // Built outside the try: a failure here (e.g. obtaining a token) is not this request's network error.
    const { headers, authorization } = await this.headers(request, requestId);
    const body = await requestBody(request);
    try {
      const response = await this.fetchImpl(resolveUrl(this.baseUrl, request.path, request.query), {
        method: request.method,
        headers,
        body,
        signal,
        redirect: 'error',
      });
      const text = await response.text();
      return { kind: 'response', status: response.status, headers: response.headers, text, authorization };
    } catch (error) {
      // The caller's own abort is not a network failure: hand it back untouched.
      if (request.signal?.aborted) throw error;
      return { kind: 'network', reason: timeout.aborted ? 'timeout' : 'unreachable', cause: networkCause(error) };
    }
  }

  private async headers(request: HttpRequest, requestId: string): Promise<{ headers: Record<string, string>; authorization: Record<string, string> | undefined }> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'User-Agent': this.userAgent,
      'X-Request-Id': requestId,
      ...request.headers,
    };
    if (request.json !== undefined) headers['Content-Type'] = 'application/json';
    if (request.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (request.idempotencyKey !== undefined) headers['Idempotency-Key'] = request.idempotencyKey;
    const authorization = (request.authenticated ?? true) && this.authorizer ? await this.authorizer.headers() : undefined;
    return { headers: { ...headers, ...authorization }, authorization };
  }

  private success<T>(outcome: Extract<Attempt, { kind: 'response' }>, requestId: string): HttpResponse<T> {
    const answeredId = outcome.headers.get('x-request-id') ?? requestId;
    let body: unknown = undefined;
    if (outcome.text.length > 0 && isJson(outcome.headers)) {
      try {
        body = JSON.parse(outcome.text);
      } catch {
        throw new CcrProtocolError(answeredId, 'the response body is not valid JSON');
      }
    }
    return { status: outcome.status, headers: outcome.headers, body: body as T, requestId: answeredId };
  }

  private failure(outcome: Attempt, request: HttpRequest, requestId: string, attempts: number): Error {
    if (outcome.kind === 'network') return new CcrNetworkError(request.method, request.path, requestId, attempts, outcome.reason, outcome.cause);
    const retryAfterMs = parseRetryAfter(outcome.headers.get('retry-after'));
    return errorFromResponse({
      status: outcome.status,
      contentType: outcome.headers.get('content-type') ?? '',
      body: parseQuietly(outcome.text),
      requestId: outcome.headers.get('x-request-id') ?? requestId,
      retryAfterSeconds: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
    });
  }
}

async function requestBody(request: HttpRequest): Promise<string | undefined> {
  if (request.json !== undefined) return JSON.stringify(request.json);
  if (request.form === undefined) return undefined;
  const fields = typeof request.form === 'function' ? await request.form() : request.form;
  return new URLSearchParams(fields).toString();
}

function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('baseUrl must be an absolute http(s) URL');
  if (url.username || url.password) throw new TypeError('baseUrl must not carry credentials');
  return url.toString();
}

function isJson(headers: Headers): boolean {
  return /json/i.test(headers.get('content-type') ?? '');
}

function parseQuietly(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short, secret-free reason (an errno code such as ECONNREFUSED), never a whole message. */
function networkCause(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error && error.name !== 'Error' && error.name !== 'TypeError' ? error.name : undefined;
}
