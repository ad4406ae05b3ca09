import { CcrProtocolError } from '../errors';
import type { HttpCore } from '../http/http-core';
import type { Credentials } from './credentials';

export const TOKEN_PATH = '/oauth/token';
export const METADATA_PATH = '/.well-known/oauth-authorization-server';

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/**
 * POST /oauth/token for one set of credentials. The issuer identifier (the `aud` of client
 * assertions) is configured or discovered once from the RFC 8414 metadata. The token path is
 * fixed: following a `token_endpoint` the metadata names could send a live assertion elsewhere.
 */
export class TokenEndpoint {
  #issuer: Promise<string> | undefined;

  constructor(
    private readonly http: HttpCore,
    private readonly credentials: Credentials,
    issuer?: string,
  ) {
    if (issuer !== undefined) this.#issuer = Promise.resolve(issuer);
  }

  issuer(): Promise<string> {
    this.#issuer ??= this.discoverIssuer().catch((error: unknown) => {
      this.#issuer = undefined; // let a later call try again
      throw error;
    });
    return this.#issuer;
  }

  async requestToken(): Promise<IssuedToken> {
    const response = await this.http.request<Record<string, unknown>>({
      method: 'POST',
      path: TOKEN_PATH,
      authenticated: false,
      // Safe to repeat: each attempt builds a fresh form (a new assertion and jti).
      safeToRepeat: true,
      form: () => this.credentials.tokenForm({ issuer: () => this.issuer() }),
    });
    const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = response.body ?? {};
    if (typeof accessToken !== 'string' || accessToken.length === 0 || typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') {
      throw new CcrProtocolError(response.requestId, 'the token response has no bearer access_token');
    }
    if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw new CcrProtocolError(response.requestId, 'the token response has no positive expires_in');
    }
    return { accessToken, expiresInSeconds: expiresIn };
  }

  private async discoverIssuer(): Promise<string> {
    const response = await this.http.request<Record<string, unknown>>({ method: 'GET', path: METADATA_PATH, authenticated: false });
    const issuer = response.body?.issuer;
    if (typeof issuer !== 'string' || issuer.length === 0) {
      throw new CcrProtocolError(response.requestId, 'the authorization server metadata names no issuer');
    }
    return issuer;
  }
}
