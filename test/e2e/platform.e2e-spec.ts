import { randomUUID } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE } from '../../src/platform/errors/problem-details';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { withAdminClient } from '../support/database';

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

describe('platform: input no route accepts is refused at the edge (decision 0047)', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let admin: Actor;
  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
    admin = await ccr.admin();
  });
  afterAll(() => t.close());

  const agencies = async () => Number((await withAdminClient((client) => client.query('SELECT count(*) FROM agencies'), t.database.url)).rows[0].count);
  const postAgency = (json: string) => t.http().post('/agencies').set('Authorization', admin.bearer).set('Content-Type', 'application/json').send(json);

  it('answers JSON nested 2,000 levels deep with 400, before parsing it', async () => {
    const response = await postAgency('{"name":' + '['.repeat(2000) + ']'.repeat(2000) + '}').expect(400);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.body).toMatchObject({ type: 'urn:ccr-exchange:problem:body-too-deep', maxDepth: 64 });
  });

  it('accepts 64 levels and refuses 65', async () => {
    const nested = (depth: number) => '{"name":' + '['.repeat(depth - 1) + ']'.repeat(depth - 1) + '}';
    await postAgency(nested(64)).expect(422);
    await postAgency(nested(65)).expect(400);
  });

  it.each([
    ['a NUL in a value', '{"name":"Shelter\\u0000","kind":"advocacy","regime":"none"}', 'name', /NUL/],
    ['an unpaired surrogate', '{"name":"Shelter\\ud800","kind":"advocacy","regime":"none"}', 'name', /surrogate/],
    ['a __proto__ member', '{"name":"Shelter","kind":"advocacy","regime":"none","__proto__":{"x":1}}', '__proto__', /__proto__/],
    ['a constructor member', '{"name":"Shelter","kind":"advocacy","regime":"none","constructor":"x"}', 'constructor', /constructor/],
  ])('answers %s with 422 naming the field, and writes nothing', async (_case, json, field, message) => {
    const before = await agencies();
    const response = await postAgency(json).expect(422);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.body.errors).toEqual([{ field, messages: [expect.stringMatching(message)] }]);
    expect(response.body.detail).toContain(field);
    expect(await agencies()).toBe(before);
  });

  it('refuses NUL and __proto__ in the query string too', async () => {
    const nul = await t.http().get('/agencies?name=a%00b').set('Authorization', admin.bearer).expect(422);
    expect(nul.body.errors).toEqual([{ field: 'name', messages: ['must not contain U+0000 (NUL)'] }]);
    const proto = await t.http().get('/agencies?__proto__=x').set('Authorization', admin.bearer).expect(422);
    expect(proto.body.errors[0].field).toBe('__proto__');
  });

  it('refuses bytes that are not UTF-8, in the body (400) and percent-encoded in the query (422)', async () => {
    const body = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","kind":"advocacy","regime":"none"}')]);
    // The identity serializer sends the bytes as they are (superagent would JSON-encode a Buffer).
    const raw = await t.http().post('/agencies').set('Authorization', admin.bearer).set('Content-Type', 'application/json').serialize((bytes: string) => bytes).send(body).expect(400);
    expect(raw.body).toMatchObject({ type: 'urn:ccr-exchange:problem:malformed-body', detail: 'The request body is not valid UTF-8.' });
    const query = await t.http().get('/agencies?name=%ED%A0%80').set('Authorization', admin.bearer).expect(422);
    expect(query.body.errors).toEqual([{ field: 'name', messages: ['is not valid UTF-8 once percent-decoded'] }]);
  });

  it('answers JSON in a charset other than UTF-8 with 415', async () => {
    const body = Buffer.from('{"name":"x"}', 'utf16le');
    await t.http().post('/agencies').set('Authorization', admin.bearer).set('Content-Type', 'application/json; charset=utf-16le').serialize((bytes: string) => bytes).send(body).expect(415);
  });

  it('refuses null in an optional member (422 naming it) instead of passing it on as absent', async () => {
    const agencyId = await ccr.agency();
    const body = { kind: 'service', username: `svc-${randomUUID().slice(0, 8)}`, displayName: 'Records system', roles: ['service'], clientJwk: null };
    const response = await t.http().post(`/agencies/${agencyId}/principals`).set('Authorization', admin.bearer).send(body).expect(422);
    expect(response.body.errors.map((problem: { field: string }) => problem.field)).toEqual(['clientJwk']);
  });

  it('answers the token endpoint in RFC 6749 terms, naming the parameter', async () => {
    const form = await t.http().post('/oauth/token').type('form').send('grant_type=password&username=a%00b&password=x').expect(400);
    expect(form.body).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('username') });
    const proto = await t.http().post('/oauth/token').type('form').send('grant_type=password&__proto__=x&username=a&password=b').expect(400);
    expect(proto.body).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('__proto__') });
    const basic = await t
      .http()
      .post('/oauth/token')
      .set('Authorization', `Basic ${Buffer.from('client%00id:secret').toString('base64')}`)
      .type('form')
      .send('grant_type=client_credentials')
      .expect(400);
    expect(basic.body).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('client_id') });
    const deep = await t.http().post('/oauth/token').set('Content-Type', 'application/json').send('['.repeat(3000) + ']'.repeat(3000)).expect(400);
    expect(deep.body).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('64 levels') });
    expect(deep.headers['cache-control']).toBe('no-store');
  });
});

describe('platform: the log never carries the values of a failed query (decision 0047)', () => {
  let t: TestApp;
  let advocate: Actor;
  beforeAll(async () => {
    t = await startTestApp();
    const ccr = new TestCcr(t);
    advocate = await ccr.person(await ccr.agency('advocacy'), ['advocate']);
  });
  afterAll(() => t.close());

  it('logs the SQLSTATE and statement of a failing insert, not its parameters, message or detail', async () => {
    const marker = randomUUID();
    const fault = `fault_${randomUUID().replace(/-/g, '')}`;
    await withAdminClient(async (owner) => {
      // The fault quotes the row's values in its message and detail, as PostgreSQL's own errors do.
      await owner.query(`CREATE FUNCTION ${fault}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused case %', NEW.id USING DETAIL = 'Key (id)=(' || NEW.id || ')', HINT = NEW.id::text; END $$`);
      await owner.query(`CREATE TRIGGER ${fault} BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION ${fault}()`);
    }, t.database.url);
    try {
      const response = await t.http().post('/cases').set('Authorization', advocate.bearer).set('X-Request-Id', 'failed-query-log-1').send({ caseId: marker }).expect(500);
      expect(response.text).not.toContain(marker);
    } finally {
      await withAdminClient((owner) => owner.query(`DROP TRIGGER ${fault} ON cases; DROP FUNCTION ${fault}()`), t.database.url);
    }
    const errorLines = t.logs.filter((line) => line.includes('failed-query-log-1') && line.includes('unhandled error'));
    expect(errorLines).toHaveLength(1);
    expect(JSON.parse(errorLines[0]).err).toMatchObject({ sqlState: 'P0001', statement: expect.stringContaining('INSERT INTO cases') });
    expect(t.logs.join('')).not.toContain(marker);
  });
});
