import { CcrApiError, CcrAuthError, CcrNetworkError } from '../errors';
import { connectionRefused, json, problem, scriptedFetch, type ScriptStep } from '../testing/scripted-fetch';
import { apiPath } from './api-path';
import { HttpCore } from './http-core';
import type { Authorizer, HttpCoreOptions } from './http-types';

const BASE = 'https://ccr.example.org/api/';

function core(steps: ScriptStep[], options: Partial<HttpCoreOptions> = {}) {
  const script = scriptedFetch(...steps);
  const sleeps: number[] = [];
  let ids = 0;
  const http = new HttpCore({
    baseUrl: BASE,
    fetch: script.fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    newRequestId: () => `req-${++ids}`,
    ...options,
  });
  return { http, calls: script.calls, sleeps };
}

describe('HttpCore', () => {
  describe('requests', () => {
    it('joins the base path, sends JSON with a request id, and parses the answer', async () => {
      const { http, calls } = core([json(201, { ok: true }, { 'x-request-id': 'server-id' })]);
      const response = await http.request<{ ok: boolean }>({ method: 'POST', path: '/agencies', json: { name: 'x' }, query: { page: 2 } });
      expect(response).toMatchObject({ status: 201, body: { ok: true }, requestId: 'server-id' });
      expect(calls[0].url).toBe('https://ccr.example.org/api/agencies?page=2');
      expect(calls[0].headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Request-Id': 'req-1' });
      expect(calls[0].body).toBe('{"name":"x"}');
    });

    it('encodes every interpolated path value as one segment', () => {
      expect(apiPath`/agencies/${'a/../b?c'}/keys`).toBe('/agencies/a%2F..%2Fb%3Fc/keys');
    });

    it('refuses a base URL that carries credentials', () => {
      expect(() => new HttpCore({ baseUrl: 'https://user:pw@ccr.example.org' })).toThrow('must not carry credentials');
    });
  });

  describe('error mapping', () => {
    it('turns problem+json into a typed CcrApiError with the server request id and field errors', async () => {
      const { http } = core([
        problem(422, { type: 'urn:ccr-exchange:problem:validation-failed', title: 'Validation failed', detail: 'bad', instance: '/x', requestId: 'srv-9', errors: [{ field: 'name', messages: ['too short'] }] }),
      ]);
      const error = await http.request({ method: 'POST', path: '/x', json: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CcrApiError);
      expect(error).toMatchObject({ status: 422, type: 'urn:ccr-exchange:problem:validation-failed', title: 'Validation failed', detail: 'bad', requestId: 'srv-9', errors: [{ field: 'name', messages: ['too short'] }] });
    });

    it('turns an RFC 6749 error body into CcrAuthError, without echoing the form that carried the secret', async () => {
      const { http } = core([json(401, { error: 'invalid_client', error_description: 'Client authentication failed.' })]);
      const error = await http.request({ method: 'POST', path: '/oauth/token', authenticated: false, form: { client_secret: 's3cr3t-value' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CcrAuthError);
      expect(error).toMatchObject({ status: 401, error: 'invalid_client', requestId: 'req-1' });
      expect(String((error as Error).message)).not.toContain('s3cr3t-value');
    });

    it('never copies an unknown body (a proxy page) into the error', async () => {
      const { http } = core([new Response('<html>secret internals</html>', { status: 500, headers: { 'content-type': 'text/html' } })]);
      const error = (await http.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e)) as CcrApiError;
      expect(error).toMatchObject({ status: 500, type: 'about:blank', title: 'Internal Server Error' });
      expect(error.message).not.toContain('internals');
    });
  });

  describe('retry policy', () => {
    it('retries a GET after network errors with growing back-off, keeping one request id', async () => {
      const { http, calls, sleeps } = core([connectionRefused(), connectionRefused(), json(200, [])]);
      await expect(http.request({ method: 'GET', path: '/agencies' })).resolves.toMatchObject({ status: 200 });
      expect(calls).toHaveLength(3);
      expect(new Set(calls.map((c) => c.headers['X-Request-Id']))).toEqual(new Set(['req-1']));
      expect(sleeps).toEqual([188, 375]); // 250·2^(n-1), half fixed + half jitter (random = 0.5)
    });

    it('does not repeat a POST after a network error: it may have been applied', async () => {
      const { http, calls } = core([connectionRefused(), json(201, {})]);
      const error = await http.request({ method: 'POST', path: '/agencies/a/referrals', json: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CcrNetworkError);
      expect(error).toMatchObject({ attempts: 1, reason: 'unreachable', requestId: 'req-1' });
      expect((error as Error).message).toContain('ECONNREFUSED');
      expect(calls).toHaveLength(1);
    });

    it('repeats a POST that carries an Idempotency-Key, sending the same key each time', async () => {
      const { http, calls } = core([connectionRefused(), json(201, { id: 'r1' })]);
      await expect(http.request({ method: 'POST', path: '/referrals', json: {}, idempotencyKey: 'key-1' })).resolves.toMatchObject({ status: 201 });
      expect(calls.map((c) => c.headers['Idempotency-Key'])).toEqual(['key-1', 'key-1']);
    });

    it('gives up after maxAttempts', async () => {
      const { http, calls } = core([connectionRefused(), connectionRefused(), connectionRefused()], { retry: { maxAttempts: 3 } });
      await expect(http.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ attempts: 3 });
      expect(calls).toHaveLength(3);
    });

    it('honours Retry-After on 429, for any method (the server did not act)', async () => {
      const { http, sleeps, calls } = core([problem(429, { title: 'Too Many Requests', detail: 'slow down' }, { 'retry-after': '2' }), json(201, {})]);
      await expect(http.request({ method: 'POST', path: '/x', json: {} })).resolves.toMatchObject({ status: 201 });
      expect(sleeps).toEqual([2000]);
      expect(calls).toHaveLength(2);
    });

    it('returns a 429 whose Retry-After is too long to wait, with the delay', async () => {
      const { http, calls } = core([problem(429, { title: 'Too Many Requests', detail: 'back off' }, { 'retry-after': '900' })]);
      await expect(http.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ status: 429, retryAfterSeconds: 900 });
      expect(calls).toHaveLength(1);
    });

    it('retries 503 for a GET but not for a POST', async () => {
      const get = core([problem(503, { title: 'Unavailable', detail: '' }), json(200, {})]);
      await expect(get.http.request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
      const post = core([problem(503, { title: 'Unavailable', detail: '' }), json(201, {})]);
      await expect(post.http.request({ method: 'POST', path: '/x', json: {} })).rejects.toMatchObject({ status: 503 });
      expect(post.calls).toHaveLength(1);
    });

    it('waits out a 503 with Retry-After and repeats a keyed POST, keeping its token (the database was away, not the token)', async () => {
      const rejected: string[] = [];
      const authorizer: Authorizer = { headers: () => Promise.resolve({ Authorization: 'Bearer valid' }), rejected: (value) => (rejected.push(value.Authorization), true) };
      const unavailable = () => problem(503, { type: 'urn:ccr-exchange:problem:database-unavailable', title: 'Database unavailable', detail: '' }, { 'retry-after': '2' });
      const { http, calls, sleeps } = core([unavailable(), unavailable(), json(201, { id: 'r1' })], { authorizer });
      await expect(http.request({ method: 'POST', path: '/referrals', json: {}, idempotencyKey: 'key-1' })).resolves.toMatchObject({ status: 201 });
      expect(sleeps).toEqual([2000, 2000]);
      expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer valid', 'Bearer valid', 'Bearer valid']);
      expect(rejected).toEqual([]);
    });

    it('returns a 503 that outlasts the attempts as a CcrApiError with the delay', async () => {
      const unavailable = () => problem(503, { title: 'Database unavailable', detail: '' }, { 'retry-after': '2' });
      const { http, calls } = core([unavailable(), unavailable()], { retry: { maxAttempts: 2 } });
      await expect(http.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ status: 503, retryAfterSeconds: 2 });
      expect(calls).toHaveLength(2);
    });

    it('maps the token endpoint\'s temporarily_unavailable to a CcrApiError, not an authentication failure', async () => {
      const { http } = core([json(503, { error: 'temporarily_unavailable', error_description: 'The database is not reachable.' }, { 'retry-after': '2' })], { retry: { maxAttempts: 1 } });
      const error = await http.request({ method: 'POST', path: '/oauth/token', authenticated: false, form: {}, safeToRepeat: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CcrApiError);
      expect(error).not.toBeInstanceOf(CcrAuthError);
      expect(error).toMatchObject({ status: 503, retryAfterSeconds: 2, extensions: { error: 'temporarily_unavailable' } });
    });

    it('does not retry a 500 (a retry will not fix a server bug)', async () => {
      const { http, calls } = core([problem(500, { title: 'Internal', detail: '' }), json(200, {})]);
      await expect(http.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ status: 500 });
      expect(calls).toHaveLength(1);
    });
  });

  describe('timeouts', () => {
    const hang: ScriptStep = (init) =>
      new Promise((_resolve, reject) => {
        const abort = () => reject(init.signal?.reason as Error);
        if (init.signal?.aborted) abort();
        init.signal?.addEventListener('abort', abort);
      });

    it('times out an attempt and reports it as a timeout', async () => {
      const { http } = core([hang], { timeoutMs: 20, retry: { maxAttempts: 1 } });
      await expect(http.request({ method: 'GET', path: '/slow' })).rejects.toMatchObject({ reason: 'timeout', attempts: 1 });
    });

    it('hands back the caller abort untouched, without retrying', async () => {
      const { http, calls } = core([hang, json(200, {})], { timeoutMs: 5_000 });
      const controller = new AbortController();
      const pending = http.request({ method: 'GET', path: '/slow', signal: controller.signal });
      setTimeout(() => controller.abort(), 10);
      const error = await pending.catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(CcrNetworkError);
      expect((error as Error).name).toBe('AbortError');
      expect(calls).toHaveLength(1);
    });
  });

  describe('authorization', () => {
    it('renews the token once on 401 and sends the request again', async () => {
      const tokens = ['old', 'new'];
      const rejected: string[] = [];
      const authorizer: Authorizer = { headers: () => Promise.resolve({ Authorization: `Bearer ${tokens[0]}` }), rejected: (value) => (rejected.push(value.Authorization), tokens.shift(), true) };
      const { http, calls } = core([problem(401, { title: 'Unauthorized', detail: '' }), json(200, { id: 'me' })], { authorizer });
      await expect(http.request({ method: 'POST', path: '/x', json: {} })).resolves.toMatchObject({ body: { id: 'me' } });
      expect(calls.map((c) => c.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
      expect(rejected).toEqual(['Bearer old']);
    });

    it('returns a second 401 instead of looping', async () => {
      const authorizer: Authorizer = { headers: () => Promise.resolve({ Authorization: 'Bearer t' }), rejected: () => true };
      const { http, calls } = core([problem(401, { title: 'Unauthorized', detail: '' }), problem(401, { title: 'Unauthorized', detail: '' })], { authorizer });
      await expect(http.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ status: 401 });
      expect(calls).toHaveLength(2);
    });

    it("does not repeat a 401 when the authorizer has nothing to renew (a person's session ended), and sends its headers as they are", async () => {
      const rejected: Record<string, string>[] = [];
      const session = { Cookie: 'ccr-session=s', 'X-CCR-CSRF': 'c', Origin: 'https://ccr.example' };
      const authorizer: Authorizer = { headers: () => Promise.resolve(session), rejected: (value) => (rejected.push(value), false) };
      const { http, calls } = core([problem(401, { title: 'Unauthorized', detail: '' }), json(200, {})], { authorizer });
      await expect(http.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ status: 401 });
      expect(calls).toHaveLength(1);
      expect(calls[0].headers).toMatchObject(session);
      expect(rejected).toEqual([session]);
    });

    it('sends no Authorization header on unauthenticated calls', async () => {
      const authorizer: Authorizer = { headers: () => Promise.resolve({ Authorization: 'Bearer t' }), rejected: () => true };
      const { http, calls } = core([json(200, {})], { authorizer });
      await http.request({ method: 'GET', path: '/.well-known/x', authenticated: false });
      expect(calls[0].headers.Authorization).toBeUndefined();
    });
  });
});
