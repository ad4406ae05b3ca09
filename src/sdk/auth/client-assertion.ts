// resolution-mode: jose is ESM only; CommonJS consumers of these declarations need it to read its types.
import type { CryptoKey } from 'jose' with { 'resolution-mode': 'import' };
import { importJWK, SignJWT } from 'jose';
import { getSodium } from '../../crypto';
import { newUuid } from '../ids';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The public JWK an administrator registers as the service account's `clientJwk`. */
export interface PublicClientJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

const ASSERTION_LIFETIME_SECONDS = 60;

export async function publicClientJwk(signPublicKey: Uint8Array): Promise<PublicClientJwk> {
  const sodium = await getSodium();
  return { kty: 'OKP', crv: 'Ed25519', x: sodium.to_base64(signPublicKey, sodium.base64_variants.URLSAFE_NO_PADDING) };
}

/**
 * Turns a libsodium Ed25519 secret key (seed || public key, 64 bytes) into a key jose can sign
 * with: the JWK's `d` is the 32-byte seed (RFC 8037). The seed is encoded with libsodium's
 * constant-time codec and the intermediate copy wiped.
 */
export async function importEd25519SigningKey(signSecretKey: Uint8Array): Promise<CryptoKey> {
  const sodium = await getSodium();
  const seed = sodium.crypto_sign_ed25519_sk_to_seed(signSecretKey);
  const publicKey = sodium.crypto_sign_ed25519_sk_to_pk(signSecretKey);
  try {
    const jwk = {
      ...(await publicClientJwk(publicKey)),
      d: sodium.to_base64(seed, sodium.base64_variants.URLSAFE_NO_PADDING),
    };
    return await importJWK(jwk, 'EdDSA'); // awaited: the seed is wiped only after the import
  } finally {
    sodium.memzero(seed);
  }
}

/**
 * RFC 7523 client assertion: iss = sub = client id, aud = the server's issuer identifier, a
 * unique jti (the server refuses a replay) and a short life (the server allows at most 5 min).
 */
export function signClientAssertion(key: CryptoKey, clientId: string, audience: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setJti(newUuid())
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ASSERTION_LIFETIME_SECONDS)
    .sign(key);
}
