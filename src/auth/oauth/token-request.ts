import { unacceptableText } from '../../platform/http/input-safety';
import { OAuthError } from './oauth.errors';

export const GRANT_CLIENT_CREDENTIALS = 'client_credentials';
export const GRANT_PASSWORD = 'password';
export const GRANT_JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const CLIENT_ASSERTION_TYPE_JWT = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const ALL_GRANTS: readonly string[] = [GRANT_CLIENT_CREDENTIALS, GRANT_PASSWORD, GRANT_JWT_BEARER];

export type ClientAuthentication =
  | { method: 'private_key_jwt'; clientId?: string; assertion: string }
  | { method: 'client_secret'; clientId: string; secret: string; viaBasic: boolean };

export type TokenRequest =
  | { grant: 'client_credentials'; client: ClientAuthentication }
  | { grant: 'password'; username: string; password: string }
  | { grant: 'jwt_bearer'; assertion: string };

const MAX_FIELD_LENGTH = 8192;

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_FIELD_LENGTH) {
    throw OAuthError.invalidRequest(`Parameter ${name} is malformed.`);
  }
  return value;
}

function required(body: Record<string, unknown>, name: string): string {
  const value = field(body, name);
  if (value === undefined) throw OAuthError.invalidRequest(`Parameter ${name} is required.`);
  return value;
}

/** RFC 6749 §2.3.1: client_id and secret, form-urlencoded, then base64 in the Basic header. */
function parseBasic(authorization: string): { clientId: string; secret: string } {
  const decoded = Buffer.from(authorization.slice('Basic '.length), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 1) throw OAuthError.invalidClient(true);
  let credentials: { clientId: string; secret: string };
  try {
    credentials = { clientId: decodeURIComponent(decoded.slice(0, separator)), secret: decodeURIComponent(decoded.slice(separator + 1)) };
  } catch {
    throw OAuthError.invalidClient(true);
  }
  // The client id goes to SQL: PostgreSQL refuses NUL in text, so it is refused here (decision 0047).
  for (const [name, value] of [['client_id', credentials.clientId], ['client_secret', credentials.secret]] as const) {
    const reason = unacceptableText(value);
    if (reason) throw OAuthError.invalidRequest(`The ${name} of the Basic credentials ${reason}.`);
  }
  return credentials;
}

function parseClientAuthentication(body: Record<string, unknown>, authorization: string | undefined): ClientAuthentication {
  const assertionType = field(body, 'client_assertion_type');
  const assertion = field(body, 'client_assertion');
  const clientId = field(body, 'client_id');
  const secret = field(body, 'client_secret');
  const basic = authorization?.startsWith('Basic ') ? parseBasic(authorization) : undefined;
  const methods = [assertion !== undefined, secret !== undefined, basic !== undefined].filter(Boolean).length;
  if (methods !== 1) throw OAuthError.invalidRequest('Authenticate the client with exactly one method.');
  if (assertion !== undefined) {
    if (assertionType !== CLIENT_ASSERTION_TYPE_JWT) throw OAuthError.invalidRequest(`client_assertion_type must be ${CLIENT_ASSERTION_TYPE_JWT}.`);
    return { method: 'private_key_jwt', clientId, assertion };
  }
  if (basic) return { method: 'client_secret', ...basic, viaBasic: true };
  if (clientId === undefined) throw OAuthError.invalidRequest('Parameter client_id is required.');
  return { method: 'client_secret', clientId, secret: secret as string, viaBasic: false };
}

/** Parses and checks the shape of a token request; credentials are verified later. */
export function parseTokenRequest(body: Record<string, unknown>, authorization: string | undefined, supportedGrants: readonly string[] = ALL_GRANTS): TokenRequest {
  const grantType = required(body, 'grant_type');
  if (!supportedGrants.includes(grantType)) throw OAuthError.unsupportedGrantType(supportedGrants);
  switch (grantType) {
    case GRANT_CLIENT_CREDENTIALS:
      return { grant: 'client_credentials', client: parseClientAuthentication(body, authorization) };
    case GRANT_PASSWORD:
      return { grant: 'password', username: required(body, 'username'), password: required(body, 'password') };
    case GRANT_JWT_BEARER:
      return { grant: 'jwt_bearer', assertion: required(body, 'assertion') };
    default:
      throw OAuthError.unsupportedGrantType(supportedGrants);
  }
}
