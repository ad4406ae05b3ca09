import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr, uniqueName } from '../support/ccr';
import { withAdminClient } from '../support/database';

describe('POST /oauth/token', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let agencyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
    agencyId = await ccr.agency('law_enforcement', 'criminal_justice');
  });
  afterAll(() => t.close());

  const token = (form: Record<string, string>) => t.http().post('/oauth/token').type('form').send(form);

  describe('client_credentials with a client secret', () => {
    let system: Actor;
    beforeAll(async () => {
      system = await ccr.service(agencyId);
    });

    it('issues a short-lived ES256 token with the registered claims (client_secret_post)', async () => {
      const response = await token({ grant_type: 'client_credentials', client_id: system.username, client_secret: system.secret }).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
      const [header, payload] = (response.body.access_token as string).split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
      expect(header).toEqual({ alg: 'ES256', typ: 'JWT', kid: t.config.auth.signingKeys[0].kid });
      expect(Object.keys(payload).sort()).toEqual(['agency', 'aud', 'exp', 'iat', 'iss', 'jti', 'roles', 'sub']);
      expect(payload).toMatchObject({ sub: system.id, agency: agencyId, roles: ['service'], iss: 'http://127.0.0.1:3000', aud: 'ccr-exchange-api' });
      expect(payload.exp - payload.iat).toBe(900);
    });

    it('accepts client_secret_basic', async () => {
      const basic = Buffer.from(`${encodeURIComponent(system.username)}:${encodeURIComponent(system.secret)}`).toString('base64');
      await t.http().post('/oauth/token').type('form').set('Authorization', `Basic ${basic}`).send({ grant_type: 'client_credentials' }).expect(200);
    });

    it('answers a wrong secret with an RFC 6749 invalid_client that reveals nothing', async () => {
      const wrong = await token({ grant_type: 'client_credentials', client_id: system.username, client_secret: 'nope' }).expect(401);
      const unknown = await token({ grant_type: 'client_credentials', client_id: 'no-such-client', client_secret: 'nope' }).expect(401);
      expect(wrong.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed.' });
      expect(unknown.body).toEqual(wrong.body);
    });

    it('does not let a service account use the password grant, nor a person client_credentials', async () => {
      await token({ grant_type: 'password', username: system.username, password: system.secret }).expect(400, { error: 'invalid_grant', error_description: 'The credentials or assertion are not valid.' });
      const person = await ccr.person(agencyId, ['agency_worker']);
      await token({ grant_type: 'client_credentials', client_id: person.username, client_secret: person.secret }).expect(401);
    });

    it('stops accepting the old secret once credentials are rotated', async () => {
      const admin = await ccr.admin();
      const rotated = await t.http().post(`/agencies/${agencyId}/principals/${system.id}/credentials`).set('Authorization', admin.bearer).send({}).expect(200);
      expect(rotated.body.oneTimeSecret).toEqual(expect.any(String));
      await token({ grant_type: 'client_credentials', client_id: system.username, client_secret: system.secret }).expect(401);
      await token({ grant_type: 'client_credentials', client_id: system.username, client_secret: rotated.body.oneTimeSecret }).expect(200);
      system = { ...system, secret: rotated.body.oneTimeSecret };
    });
  });

  describe('client_credentials with private_key_jwt (RFC 7523)', () => {
    let clientId: string;
    let privateKey: CryptoKey;

    beforeAll(async () => {
      const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      privateKey = pair.privateKey;
      const jwk = await exportJWK(pair.publicKey);
      clientId = uniqueName('signed-system');
      await ccr.createPrincipal(agencyId, { kind: 'service', username: clientId, displayName: clientId, roles: ['service'], clientJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } });
    });

    const assertion = (overrides: { jti?: string; audience?: string; expiresIn?: string; key?: CryptoKey; subject?: string; alg?: string } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: overrides.alg ?? 'EdDSA' })
        .setIssuer(clientId)
        .setSubject(overrides.subject ?? clientId)
        .setAudience(overrides.audience ?? t.config.auth.issuer)
        .setJti(overrides.jti ?? randomUUID())
        .setIssuedAt()
        .setExpirationTime(overrides.expiresIn ?? '60s')
        .sign(overrides.key ?? privateKey);

    const withAssertion = (jwt: string) =>
      token({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt });

    it('issues a token for a valid assertion', async () => {
      const response = await withAssertion(await assertion()).expect(200);
      await t.http().get('/principals/me').set('Authorization', `Bearer ${response.body.access_token}`).expect(200);
    });

    it('accepts the fully-specified algorithm name Ed25519 (RFC 9864) as well as EdDSA', async () => {
      await withAssertion(await assertion({ alg: 'Ed25519' })).expect(200);
    });

    it('refuses a replayed assertion (same jti)', async () => {
      const jwt = await assertion();
      await withAssertion(jwt).expect(200);
      await withAssertion(jwt).expect(401, { error: 'invalid_client', error_description: 'Client authentication failed.' });
    });

    it('accepts the issuer URL or the token endpoint URL as the audience (RFC 7523 §3)', async () => {
      expect(t.config.auth.issuer).toBe('http://127.0.0.1:3000');
      await withAssertion(await assertion({ audience: 'http://127.0.0.1:3000' })).expect(200);
      await withAssertion(await assertion({ audience: 'http://127.0.0.1:3000/oauth/token' })).expect(200);
    });

    it('refuses an assertion for another audience, naming the accepted ones', async () => {
      const expected = {
        error: 'invalid_client',
        error_description: "Client authentication failed: the assertion's aud must be one of http://127.0.0.1:3000, http://127.0.0.1:3000/oauth/token.",
      };
      await withAssertion(await assertion({ audience: 'https://other-authorization-server.example' })).expect(401, expected);
      // The issuer identifier before it became a URL (decision 0054): refused with the same guidance.
      await withAssertion(await assertion({ audience: 'ccr-exchange' })).expect(401, expected);
    });

    it('keeps the answer generic when the signature is wrong, whatever the audience', async () => {
      const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      await withAssertion(await assertion({ key: stranger.privateKey, audience: 'https://elsewhere.example' })).expect(401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed.',
      });
    });

    it('refuses an assertion signed by another key, or living too long, or with a foreign subject', async () => {
      const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      await withAssertion(await assertion({ key: stranger.privateKey })).expect(401);
      await withAssertion(await assertion({ expiresIn: '2h' })).expect(401);
      await withAssertion(await assertion({ subject: 'someone-else' })).expect(401);
    });
  });

  describe('password grant for people', () => {
    it('issues a token to a person and refuses a wrong password', async () => {
      const person = await ccr.person(agencyId, ['advocate']);
      await token({ grant_type: 'password', username: person.username, password: person.secret }).expect(200);
      await token({ grant_type: 'password', username: person.username, password: 'wrong' }).expect(400, {
        error: 'invalid_grant',
        error_description: 'The credentials or assertion are not valid.',
      });
    });
  });

  describe('malformed requests', () => {
    it('answers RFC 6749 errors for missing or unsupported parameters', async () => {
      await token({}).expect(400, { error: 'invalid_request', error_description: 'Parameter grant_type is required.' });
      await token({ grant_type: 'authorization_code' }).expect(400).expect((response) => expect(response.body.error).toBe('unsupported_grant_type'));
      await token({ grant_type: 'client_credentials' }).expect(400).expect((response) => expect(response.body.error).toBe('invalid_request'));
    });

    it('requires form encoding', async () => {
      const response = await t.http().post('/oauth/token').send({ grant_type: 'client_credentials' }).expect(400);
      expect(response.body.error).toBe('invalid_request');
    });
  });

  describe('authorization server metadata (RFC 8414)', () => {
    it('gives absolute URLs under the public URL, which is the issuer', async () => {
      const response = await t.http().get('/.well-known/oauth-authorization-server').expect(200);
      expect(response.body).toEqual({
        issuer: 'http://127.0.0.1:3000',
        token_endpoint: 'http://127.0.0.1:3000/oauth/token',
        jwks_uri: 'http://127.0.0.1:3000/.well-known/jwks.json',
        grant_types_supported: ['client_credentials', 'password'],
        response_types_supported: [],
        token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
        token_endpoint_auth_signing_alg_values_supported: ['EdDSA', 'Ed25519', 'ES256'],
        service_documentation: 'http://127.0.0.1:3000/docs',
      });
    });

    it('lists no JWT-bearer grant while no external provider is trusted, and the token endpoint agrees', async () => {
      await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'x.y.z' }).expect(400, {
        error: 'unsupported_grant_type',
        error_description: 'Supported grant types: client_credentials, password.',
      });
    });
  });

  describe('keys', () => {
    it('publishes the verification keys as a JWKS, without private parts', async () => {
      const response = await t.http().get('/.well-known/jwks.json').expect(200);
      expect(response.body.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', kid: t.config.auth.signingKeys[0].kid, alg: 'ES256', use: 'sig' })]);
      expect(JSON.stringify(response.body)).not.toContain('"d"');
    });
  });
});

describe('token back-off', () => {
  let t: TestApp;
  let ccr: TestCcr;
  beforeAll(async () => {
    t = await startTestApp({ env: { TOKEN_FAILURES_BEFORE_BACKOFF: '2', TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '4', TOKEN_BACKOFF_BASE_SECONDS: '30' } });
    ccr = new TestCcr(t);
  });
  afterAll(() => t.close());

  it('blocks a client after repeated failures with a 429 problem and Retry-After, even with the right secret', async () => {
    const system = await ccr.service(await ccr.agency('court', 'criminal_justice'));
    const attempt = (secret: string) => t.http().post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: system.username, client_secret: secret });
    await attempt('bad-1').expect(401);
    await attempt('bad-2').expect(401);
    await attempt('bad-3').expect(401);
    const blocked = await attempt(system.secret).expect(429);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(25);
    expect(blocked.body).toMatchObject({ type: 'urn:ccr-exchange:problem:too-many-attempts', status: 429, retryAfterSeconds: Number(blocked.headers['retry-after']) });
  });

  it('blocks an address that tries many names', async () => {
    await withAdminClient((client) => client.query('DELETE FROM token_failures'), t.database.url);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await t.http().post('/oauth/token').type('form').send({ grant_type: 'password', username: `guess-${attempt}`, password: 'x' }).expect(400);
    }
    await t.http().post('/oauth/token').type('form').send({ grant_type: 'password', username: 'guess-new', password: 'x' }).expect(429);
  });
});

describe('an external OpenID Connect provider', () => {
  let jwksServer: Server;
  let issuerKey: CryptoKey;
  let t: TestApp;
  let ccr: TestCcr;
  const issuer = 'https://idp.ccr-county.example';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    issuerKey = pair.privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] };
    jwksServer = createServer((request, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify(request.url === '/jwks' ? jwks : {}));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    t = await startTestApp({
      env: { OIDC_ISSUER: issuer, OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`, OIDC_AUDIENCE: 'ccr-exchange', PUBLIC_URL: 'https://ccr.county.example/' },
    });
    ccr = new TestCcr(t);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  const idToken = (claims: Record<string, unknown>, options: { audience?: string; key?: CryptoKey } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .setIssuer(issuer)
      .setAudience(options.audience ?? 'ccr-exchange')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(options.key ?? issuerKey);

  const exchange = (assertion: string) => t.http().post('/oauth/token').type('form').send({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });

  it('advertises the JWT-bearer grant it now accepts, under the configured public URL', async () => {
    const response = await t.http().get('/.well-known/oauth-authorization-server').expect(200);
    expect(response.body).toMatchObject({
      issuer: 'https://ccr.county.example',
      token_endpoint: 'https://ccr.county.example/oauth/token',
      jwks_uri: 'https://ccr.county.example/.well-known/jwks.json',
      grant_types_supported: ['client_credentials', 'password', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    });
  });

  it('exchanges a verified provider token for a CCR token of the principal it names', async () => {
    const agencyId = await ccr.agency('health', 'hipaa');
    const nurse = await ccr.person(agencyId, ['agency_worker']);
    const response = await exchange(await idToken({ preferred_username: nurse.username })).expect(200);
    const me = await t.http().get('/principals/me').set('Authorization', `Bearer ${response.body.access_token}`).expect(200);
    expect(me.body).toMatchObject({ id: nurse.id, agencyId, roles: ['agency_worker'] });
  });

  it('refuses a token of another audience, another key, or naming no principal', async () => {
    const stranger = await generateKeyPair('RS256');
    await exchange(await idToken({ preferred_username: 'anyone' }, { audience: 'other-app' })).expect(400);
    await exchange(await idToken({ preferred_username: 'anyone' }, { key: stranger.privateKey })).expect(400);
    const unknown = await exchange(await idToken({ preferred_username: 'not-a-principal' })).expect(400);
    expect(unknown.body).toEqual({ error: 'invalid_grant', error_description: 'The credentials or assertion are not valid.' });
  });
});
