import { AgenciesApi, HttpCore, PrincipalsApi } from '../../../src/sdk/browser-plain';
import { csrfStore } from '../state/stores';

/**
 * fetch as the console sends it: same-origin only, with the session cookie (HttpOnly, so the page
 * never sees it), the session's CSRF value on every request (decision 0081 asks it on reads too),
 * and never from or into the HTTP cache. The console never holds a bearer token.
 */
export const consoleFetch: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  const csrf = csrfStore.get();
  if (csrf) headers.set('X-CCR-CSRF', csrf);
  return fetch(input, { ...init, headers, credentials: 'same-origin', cache: 'no-store' });
};

/** The SDK's HTTP core (problem+json errors, retries) on the console's fetch, at this origin. */
export function consoleHttp(origin: string = self.location.origin): HttpCore {
  return new HttpCore({ baseUrl: origin, fetch: consoleFetch, userAgent: 'ccr-console' });
}

export const http = consoleHttp();
export const agenciesApi = new AgenciesApi(http);
export const principalsApi = new PrincipalsApi(http);
