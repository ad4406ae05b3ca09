import { AgenciesApi, HttpCore, PrincipalsApi } from '../../../src/sdk/browser';
import { csrfStore } from '../state/stores';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * fetch as the console sends it: same-origin only, with the session cookie (HttpOnly, so the page
 * never sees it), the CSRF value on unsafe methods (DESIGN-19), and never from or into the HTTP
 * cache. The console never holds a bearer token.
 */
export const consoleFetch: typeof fetch = (input, init = {}) => {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  const csrf = csrfStore.get();
  if (UNSAFE.has(method) && csrf) headers.set('X-CCR-CSRF', csrf);
  return fetch(input, { ...init, headers, credentials: 'same-origin', cache: 'no-store' });
};

/** The SDK's HTTP core (problem+json errors, retries) on the console's fetch, at this origin. */
export function consoleHttp(origin: string = self.location.origin): HttpCore {
  return new HttpCore({ baseUrl: origin, fetch: consoleFetch, userAgent: 'ccr-console' });
}

export const http = consoleHttp();
export const agenciesApi = new AgenciesApi(http);
export const principalsApi = new PrincipalsApi(http);
