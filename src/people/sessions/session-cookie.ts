import { createHash, randomBytes } from 'node:crypto';
import { type Request, type Response } from 'express';
import { type AppConfig } from '../../config/config.types';

/** The double-submit header: the value returned at sign-in, sent back on every cookie request. */
export const CSRF_HEADER = 'x-ccr-csrf';

/**
 * Secure cookies whenever the public URL is https (always in production; the configuration
 * allows http only on loopback). A secure cookie takes the __Host- prefix: no Domain, Path=/,
 * Secure — so no sibling host can plant or overwrite it.
 */
export function sessionCookieName(config: AppConfig): string {
  return secureCookies(config) ? '__Host-ccr-session' : 'ccr-session';
}

function secureCookies(config: AppConfig): boolean {
  return config.http.publicUrl.startsWith('https://');
}

/** 256 random bits, base64url: a session secret or a CSRF value. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a session secret, CSRF value or enrolment code. */
export function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function readSessionCookie(request: Request, config: AppConfig): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const name = `${sessionCookieName(config)}=`;
  const found = header
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(name));
  const value = found?.slice(name.length);
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/**
 * No Max-Age or Expires (decision 0114): a session cookie, which the browser drops when it closes —
 * a shared desk's next user finds no session. The server ends it sooner (idle, absolute lifetime).
 */
export function setSessionCookie(response: Response, config: AppConfig, secret: string): void {
  response.cookie(sessionCookieName(config), secret, {
    httpOnly: true,
    secure: secureCookies(config),
    sameSite: 'strict',
    path: '/',
  });
}

export function clearSessionCookie(response: Response, config: AppConfig): void {
  response.clearCookie(sessionCookieName(config), { httpOnly: true, secure: secureCookies(config), sameSite: 'strict', path: '/' });
}

export const SESSION_COOKIE_DOC = {
  description: 'The session cookie (HttpOnly, SameSite=Strict, Path=/; Secure and __Host- prefixed on https): __Host-ccr-session or, on http://localhost, ccr-session.',
  schema: { type: 'string' },
} as const;
