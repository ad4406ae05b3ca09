import { createHmac, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';

const b64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Each attack must get exactly this: 401, and nothing that tells the attacker which check failed. */
const REFUSAL = {
  type: 'urn:ccr-exchange:problem:unauthenticated',
  title: 'Unauthenticated',
  status: 401,
  detail: 'A valid access token is required.',
};

describe('bearer token attacks', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let worker: Actor;
  let serverKey: { kid: string; privateKey: KeyObject };

  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
    worker = await ccr.person(await ccr.agency('advocacy'), ['agency_worker']);
    serverKey = t.config.auth.signingKeys[0];
  });
  afterAll(() => t.close());

  /** A token exactly like the service's, with some claims or options overridden. */
  function forge(claims: Record<string, unknown> = {}, options: { key?: KeyObject; kid?: string; issuer?: string; audience?: string; expiresIn?: number } = {}): string {
    return sign({ agency: worker.agencyId, roles: worker.roles, ...claims }, options.key ?? serverKey.privateKey, {
      algorithm: 'ES256',
      keyid: options.kid ?? serverKey.kid,
      issuer: options.issuer ?? t.config.auth.issuer,
      audience: options.audience ?? t.config.auth.audience,
      subject: worker.id,
      jwtid: `forged-${Math.random()}`,
      expiresIn: options.expiresIn ?? 300,
    });
  }

  async function expectRefused(authorization: string | undefined): Promise<void> {
    const request = t.http().get('/principals/me');
    if (authorization !== undefined) request.set('Authorization', authorization);
    const response = await request;
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject(REFUSAL);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  }

  it('accepts the genuine token and a correctly forged control token', async () => {
    await t.http().get('/principals/me').set('Authorization', worker.bearer).expect(200);
    await t.http().get('/principals/me').set('Authorization', `Bearer ${forge()}`).expect(200);
  });

  it('refuses a request without a token', () => expectRefused(undefined));

  it('refuses malformed tokens', async () => {
    await expectRefused('Bearer not-a-jwt');
    await expectRefused('Bearer a.b.c');
    await expectRefused(`Basic ${Buffer.from('a:b').toString('base64')}`);
    await expectRefused(`Bearer ${worker.token}x`);
  });

  it('refuses alg none', async () => {
    const [, payload] = forge().split('.');
    await expectRefused(`Bearer ${b64url({ alg: 'none', typ: 'JWT', kid: serverKey.kid })}.${payload}.`);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const publicPem = createPublicKey(serverKey.privateKey).export({ type: 'spki', format: 'pem' }).toString();
    const [, payload] = forge().split('.');
    const header = b64url({ alg: 'HS256', typ: 'JWT', kid: serverKey.kid });
    const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
    await expectRefused(`Bearer ${header}.${payload}.${signature}`);
  });

  it('refuses an expired token', () => expectRefused(`Bearer ${forge({ iat: Math.floor(Date.now() / 1000) - 3600 }, { expiresIn: -60 })}`));

  it('refuses a token that is not yet valid', () => expectRefused(`Bearer ${forge({ nbf: Math.floor(Date.now() / 1000) + 600 })}`));

  it('refuses a wrong issuer', () => expectRefused(`Bearer ${forge({}, { issuer: 'https://evil.example' })}`));

  it('refuses a wrong audience', () => expectRefused(`Bearer ${forge({}, { audience: 'another-api' })}`));

  it('refuses an unknown key id, and a known key id over a foreign key', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expectRefused(`Bearer ${forge({}, { key: privateKey, kid: 'attacker-key' })}`);
    await expectRefused(`Bearer ${forge({}, { key: privateKey })}`);
  });

  it('refuses a payload altered after signing', async () => {
    const [header, payload, signature] = worker.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    await expectRefused(`Bearer ${header}.${b64url({ ...claims, roles: ['admin'] })}.${signature}`);
  });

  it('refuses a token that claims another agency', () => expectRefused(`Bearer ${forge({ agency: '00000000-0000-4000-8000-000000000000' })}`));

  it('refuses a disabled principal at once, even with an unexpired token', async () => {
    const other = await ccr.person(worker.agencyId, ['agency_worker']);
    await t.http().get('/principals/me').set('Authorization', other.bearer).expect(200);
    const admin = await ccr.admin();
    await t.http().put(`/agencies/${other.agencyId}/principals/${other.id}/status`).set('Authorization', admin.bearer).send({ status: 'disabled' }).expect(200);
    await expectRefused(other.bearer);
  });

  it('refuses every principal of a suspended agency at once', async () => {
    const agencyId = await ccr.agency('probation', 'criminal_justice');
    const [person, system] = [await ccr.person(agencyId, ['agency_worker']), await ccr.service(agencyId)];
    const admin = await ccr.admin();
    await t.http().put(`/agencies/${agencyId}/status`).set('Authorization', admin.bearer).send({ status: 'suspended' }).expect(200);
    await expectRefused(person.bearer);
    await expectRefused(system.bearer);
    await t.http().post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: system.username, client_secret: system.secret }).expect(401);
    await t.http().put(`/agencies/${agencyId}/status`).set('Authorization', admin.bearer).send({ status: 'active' }).expect(200);
    await t.http().get('/principals/me').set('Authorization', person.bearer).expect(200);
  });
});
