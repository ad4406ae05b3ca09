import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { getSodium } from '../../crypto';
import { CcrAuthError } from '../errors';
import { HttpCore } from '../http/http-core';
import { publicClientJwk } from './client-assertion';
import { Credentials } from './credentials';
import { TokenEndpoint } from './token-endpoint';
import { TokenManager } from './token-manager';

/** A local authorization server stub: metadata, and a token endpoint that records form bodies. */
class StubAuthorizationServer {
  readonly forms: URLSearchParams[] = [];
  metadataRequests = 0;
  answer: { status: number; body: unknown } = { status: 200, body: { access_token: 'issued-token', token_type: 'Bearer', expires_in: 900 } };
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/oauth-authorization-server') {
      this.metadataRequests += 1;
      response.end(JSON.stringify({ issuer: 'stub-issuer', token_endpoint: 'https://elsewhere.example/token' }));
      return;
    }
    this.forms.push(new URLSearchParams(body));
    response.statusCode = this.answer.status;
    response.end(JSON.stringify(this.answer.body));
  }
}

describe('token endpoint with private_key_jwt (against a local stub server)', () => {
  const stub = new StubAuthorizationServer();
  let baseUrl: string;
  beforeAll(async () => (baseUrl = await stub.start()));
  afterAll(() => stub.stop());
  beforeEach(() => (stub.forms.length = 0));

  it('signs an RFC 7523 assertion the registered public JWK verifies, with a fresh jti each time', async () => {
    const sodium = await getSodium();
    const pair = sodium.crypto_sign_keypair();
    const endpoint = new TokenEndpoint(new HttpCore({ baseUrl }), Credentials.privateKeyJwt('dpd-system', pair.privateKey));
    await expect(endpoint.requestToken()).resolves.toEqual({ accessToken: 'issued-token', expiresInSeconds: 900 });
    await endpoint.requestToken();

    expect(stub.metadataRequests).toBe(1); // the issuer is discovered once
    const [first, second] = stub.forms;
    expect(first.get('grant_type')).toBe('client_credentials');
    expect(first.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const assertion = first.get('client_assertion') as string;
    expect(decodeProtectedHeader(assertion).alg).toBe('EdDSA');
    const publicKey = await importJWK({ ...(await publicClientJwk(pair.publicKey)) }, 'EdDSA');
    const { payload } = await jwtVerify(assertion, publicKey, { issuer: 'dpd-system', subject: 'dpd-system', audience: 'stub-issuer' });
    expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(300);
    const secondJti = (await jwtVerify(second.get('client_assertion') as string, publicKey)).payload.jti;
    expect(payload.jti).toEqual(expect.any(String));
    expect(secondJti).not.toBe(payload.jti);
  });

  it('posts to its own /oauth/token, not to a token_endpoint the metadata names elsewhere', async () => {
    const sodium = await getSodium();
    const endpoint = new TokenEndpoint(new HttpCore({ baseUrl }), Credentials.privateKeyJwt('dpd-system', sodium.crypto_sign_keypair().privateKey));
    await endpoint.requestToken();
    expect(stub.forms).toHaveLength(1);
  });

  it('maps a refusal to CcrAuthError, and single-flight shares one request among concurrent callers', async () => {
    stub.answer = { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' } };
    try {
      const endpoint = new TokenEndpoint(new HttpCore({ baseUrl }), Credentials.clientSecret('sys', 'wrong'), 'stub-issuer');
      const tokens = new TokenManager(() => endpoint.requestToken());
      const results = await Promise.allSettled([tokens.accessToken(), tokens.accessToken(), tokens.accessToken()]);
      expect(results.every((r) => r.status === 'rejected' && r.reason instanceof CcrAuthError)).toBe(true);
      expect(stub.forms).toHaveLength(1);
    } finally {
      stub.answer = { status: 200, body: { access_token: 'issued-token', token_type: 'Bearer', expires_in: 900 } };
    }
  });
});
