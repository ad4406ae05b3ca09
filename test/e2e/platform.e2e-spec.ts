import { PROBLEM_CONTENT_TYPE } from '../../src/platform/errors/problem-details';
import { startTestApp, type TestApp } from '../support/app';

describe('platform: HTTP hardening, problem+json, request ids', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT: '2kb' } });
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    await t.http().get('/health/ready').expect(200, { status: 'ok', checks: { database: 'up' } });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await t.http().get('/no/such/route').expect(404);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.body).toEqual({
      type: 'urn:ccr-exchange:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: expect.any(String),
      instance: '/no/such/route',
      requestId: response.headers['x-request-id'],
    });
  });

  it('answers malformed JSON with 400 and no parser detail', async () => {
    const response = await t.http().post('/health').set('Content-Type', 'application/json').send('{"a": tru').expect(400);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.body.type).toBe('urn:ccr-exchange:problem:malformed-body');
    expect(JSON.stringify(response.body)).not.toMatch(/Unexpected|position|SyntaxError/);
  });

  it('answers a body over the limit with 413', async () => {
    const response = await t.http().post('/health').set('Content-Type', 'application/json').send({ padding: 'x'.repeat(4096) }).expect(413);
    expect(response.body.type).toBe('urn:ccr-exchange:problem:payload-too-large');
    expect(response.body.detail).toContain('2048 bytes');
  });

  it('answers a wrong content type with 415', async () => {
    const response = await t.http().post('/health').set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(response.body.type).toBe('urn:ccr-exchange:problem:unsupported-media-type');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('accepts form encoding only at the token endpoint', async () => {
    await t.http().post('/health').set('Content-Type', 'application/x-www-form-urlencoded').send('a=b').expect(415);
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const given = await t.http().get('/health').set('X-Request-Id', 'agency-sys.42:abc').expect(200);
    expect(given.headers['x-request-id']).toBe('agency-sys.42:abc');
    const injected = await t.http().get('/health').set('X-Request-Id', 'evil id with spaces and {json}').expect(200);
    expect(injected.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers and no CORS headers by default', async () => {
    const response = await t.http().get('/health').set('Origin', 'https://attacker.example').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never logs the authorization header, cookies or bodies', async () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.bearer-marker-5f1c.signature';
    const bodyMarker = 'survivor-name-marker-91d2';
    const response = await t
      .http()
      .post('/referrals')
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', 'session=cookie-marker-77aa')
      .set('X-Request-Id', 'log-capture-test-1')
      .send({ name: bodyMarker });
    expect(response.status).toBeGreaterThanOrEqual(400);
    const logged = t.logs.join('');
    expect(logged).toContain('log-capture-test-1');
    expect(logged).not.toContain('bearer-marker-5f1c');
    expect(logged).not.toContain('cookie-marker-77aa');
    expect(logged).not.toContain(bodyMarker);
  });

  it('puts the request id on every log line of a request', () => {
    const lines = t.logs.map((line) => JSON.parse(line) as { requestId?: string; req?: unknown });
    const requestLines = lines.filter((line) => line.req !== undefined);
    expect(requestLines.length).toBeGreaterThan(5);
    for (const line of requestLines) expect(line.requestId).toEqual(expect.any(String));
  });
});

describe('platform: CORS when configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://advocacy.example' } });
  });
  afterAll(() => t.close());

  it('allows only the configured origin', async () => {
    const allowed = await t.http().get('/health').set('Origin', 'https://advocacy.example').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://advocacy.example');
    const other = await t.http().get('/health').set('Origin', 'https://attacker.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
