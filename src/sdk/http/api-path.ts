/**
 * Builds an API path with every interpolated value percent-encoded as one path segment, so an id
 * can never add segments or a query (`apiPath\`/agencies/${id}/keys\``).
 */
export function apiPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((path, literal, i) => path + literal + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}

/** Joins a base URL (which may carry a path prefix) and an API path. */
export function resolveUrl(baseUrl: string, path: string, query?: Record<string, string | number | boolean | undefined>): URL {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = new URL(path.replace(/^\/+/, ''), base);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}
