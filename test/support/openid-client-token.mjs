// Run by test/e2e/oauth-client-library.e2e-spec.ts in plain Node ESM (openid-client 6 is ESM-only;
// Jest runs CommonJS). An integrator's system, exactly: discover the authorization server from its
// issuer URL (RFC 8414), then obtain a token with client credentials and private_key_jwt.
// Input (environment): CCR_ISSUER, CCR_CLIENT_ID, CCR_CLIENT_PRIVATE_JWK (a JSON private JWK).
// Output: one JSON line { metadata, token } on stdout; exit code 1 with the error on stderr.
import * as client from 'openid-client';

const { CCR_ISSUER, CCR_CLIENT_ID, CCR_CLIENT_PRIVATE_JWK } = process.env;
const jwk = JSON.parse(CCR_CLIENT_PRIVATE_JWK);
const algorithm = jwk.kty === 'OKP' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
const key = await crypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']);

try {
  const issuer = new URL(CCR_ISSUER);
  // http is refused by default; the test server listens on loopback without TLS.
  const options = issuer.protocol === 'http:' ? { algorithm: 'oauth2', execute: [client.allowInsecureRequests] } : { algorithm: 'oauth2' };
  const config = await client.discovery(issuer, CCR_CLIENT_ID, undefined, client.PrivateKeyJwt(key), options);
  const token = await client.clientCredentialsGrant(config);
  process.stdout.write(JSON.stringify({ metadata: config.serverMetadata(), token: { access_token: token.access_token, token_type: token.token_type, expires_in: token.expires_in } }) + '\n');
} catch (error) {
  process.stderr.write(`${error?.name}: ${error?.message}${error?.error ? ` (${error.error}: ${error.error_description})` : ''}\n`);
  process.exit(1);
}
