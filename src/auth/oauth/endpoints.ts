import { type AppConfig } from '../../config/config.types';
import { GRANT_CLIENT_CREDENTIALS, GRANT_JWT_BEARER, GRANT_PASSWORD } from './token-request';

export const TOKEN_PATH = '/oauth/token';
export const JWKS_PATH = '/.well-known/jwks.json';

/** An absolute URL under the service's configured public URL (RFC 8414 metadata must be absolute). */
export function publicEndpoint(config: AppConfig, path: string): string {
  return `${config.http.publicUrl}${path}`;
}

/**
 * The `aud` values a client assertion may carry (RFC 7523 §3: the authorization server's issuer
 * identifier, or its token endpoint URL — many client libraries default to one or the other).
 */
export function acceptedAssertionAudiences(config: AppConfig): string[] {
  return [config.auth.issuer, publicEndpoint(config, TOKEN_PATH)];
}

/** The grants the token endpoint accepts here: the JWT-bearer grant only when an external provider is trusted. */
export function supportedGrantTypes(config: AppConfig): string[] {
  return [GRANT_CLIENT_CREDENTIALS, GRANT_PASSWORD, ...(config.auth.oidc ? [GRANT_JWT_BEARER] : [])];
}
