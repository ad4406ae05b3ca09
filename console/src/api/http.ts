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

type Query = Record<string, string | number | undefined>;

/** A GET's body, with the SDK's problem+json errors. */
export async function getBody<T>(path: string, query?: Query): Promise<T> {
  return (await http.request<T>({ method: 'GET', path, query })).body;
}

/** A cursor-paged list read page by page (100 a page) until its end or, for a desk's working set, once it holds `most`. */
export async function getPages<T>(path: string, query: Query, most: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await getBody<{ items: T[]; nextCursor: string | null }>(path, { ...query, cursor, limit: 100 });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && items.length < most);
  return items;
}
