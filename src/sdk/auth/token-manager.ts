import { INSPECT_CUSTOM } from '../inspect';
import type { Authorizer } from '../http/http-types';
import type { IssuedToken } from './token-endpoint';

/** Renew this long before expiry, so a token never expires in flight (clock skew, slow calls). */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

interface CachedToken {
  value: string;
  refreshAt: number;
}

/**
 * Caches the access token and renews it ahead of expiry. Single-flight: however many calls need
 * a token at once, one token request is in flight and they all share its result (or its error).
 */
export class TokenManager implements Authorizer {
  #cached: CachedToken | undefined;
  #pending: Promise<CachedToken> | undefined;

  constructor(
    private readonly obtain: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
    private readonly refreshMarginMs: number = DEFAULT_REFRESH_MARGIN_MS,
  ) {}

  async accessToken(): Promise<string> {
    const cached = this.#cached;
    if (cached && this.now() < cached.refreshAt) return cached.value;
    // .finally runs asynchronously, so it always clears the promise it was attached to.
    this.#pending ??= this.fetchToken().finally(() => (this.#pending = undefined));
    return (await this.#pending).value;
  }

  async authorization(): Promise<string> {
    return `Bearer ${await this.accessToken()}`;
  }

  async headers(): Promise<Record<string, string>> {
    return { Authorization: await this.authorization() };
  }

  /** Drops the refused token, so the next attempt obtains a new one. */
  rejected(headers: Record<string, string>): boolean {
    if (this.#cached && headers.Authorization === `Bearer ${this.#cached.value}`) this.#cached = undefined;
    return true;
  }

  /** Forget the token (e.g. when the client closes). */
  clear(): void {
    this.#cached = undefined;
  }

  toJSON(): { cached: boolean } {
    return { cached: this.#cached !== undefined };
  }

  [INSPECT_CUSTOM](): string {
    return `TokenManager { cached: ${this.#cached !== undefined} }`;
  }

  private async fetchToken(): Promise<CachedToken> {
    // Counted from the request, not the answer: the token's clock started on the server meanwhile.
    const requestedAt = this.now();
    const issued = await this.obtain();
    const lifetimeMs = issued.expiresInSeconds * 1000;
    // Short-lived tokens renew at half-life rather than never being "fresh" at all.
    const renewAfterMs = Math.max(lifetimeMs - this.refreshMarginMs, lifetimeMs / 2);
    this.#cached = { value: issued.accessToken, refreshAt: requestedAt + renewAfterMs };
    return this.#cached;
  }
}
