import { type Request, type Response } from 'express';
import { FORM_ENCODED_PATHS } from '../http/body-parsing';

/** RFC 6749 §5.2 error body: the token endpoint's clients parse this, not problem+json. */
export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

/** The OAuth token endpoint answers its errors in RFC 6749 form, whoever raised them. */
export function isTokenEndpoint(request: Request): boolean {
  return request.method === 'POST' && FORM_ENCODED_PATHS.includes(request.path);
}

export function sendOAuthError(response: Response, status: number, body: OAuthErrorBody, headers: Record<string, string> = {}): void {
  response.status(status).setHeader('Cache-Control', 'no-store').setHeader('Pragma', 'no-cache');
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.json(body);
}

/**
 * A refusal raised before or around the token endpoint's own checks (the body parser, the edge
 * input checks, the database being down) in RFC 6749 terms: a request it cannot accept is
 * `invalid_request` (400), an outage `temporarily_unavailable` (503, with Retry-After), a bug
 * `server_error`. 429 keeps its problem+json body, documented with its Retry-After.
 */
export function oauthEquivalent(status: number): { status: number; error: string } | undefined {
  if (status === 503) return { status, error: 'temporarily_unavailable' };
  if (status >= 500) return { status, error: 'server_error' };
  if ([400, 413, 415, 422].includes(status)) return { status: 400, error: 'invalid_request' };
  return undefined;
}
