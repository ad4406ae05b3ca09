import { ACTIVE_PRINCIPAL_TTL_MS } from '../../src/principals/active-principal-cache';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { withAdminClient } from '../support/database';

async function cutOffDatabase(name: string, allow: boolean): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS ${allow}`);
    if (!allow) await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  });
}

describe('readiness follows PostgreSQL', () => {
  let t: TestApp;
  let system: Actor;
  beforeAll(async () => {
    t = await startTestApp();
    const ccr = new TestCcr(t);
    system = await ccr.service(await ccr.agency('law_enforcement', 'criminal_justice'));
  });
  afterAll(async () => {
    await cutOffDatabase(t.database.name, true);
    await t.close();
  });

  it('answers 503 problem+json while the database is unreachable, and 200 again once it is back', async () => {
    await t.http().get('/health/ready').expect(200);
    await cutOffDatabase(t.database.name, false);

    const down = await t.http().get('/health/ready').expect(503);
    expect(down.headers['content-type']).toContain('application/problem+json');
    expect(down.headers['retry-after']).toBe('2');
    expect(down.body).toMatchObject({ type: 'urn:ccr-exchange:problem:service-unavailable', status: 503, checks: { database: 'down' } });
    expect(JSON.stringify(down.body)).not.toMatch(/terminat|FATAL|pg_|connection to server/i);
    await t.http().get('/health').expect(200);

    await cutOffDatabase(t.database.name, true);
    await t.http().get('/health/ready').expect(200);
  });

  it('answers a valid token with 503 and Retry-After, not 401, while the principal cannot be looked up', async () => {
    await t.http().get('/principals/me').set('Authorization', system.bearer).expect(200);
    await cutOffDatabase(t.database.name, false);
    // Past the time a process may trust its cached principal (decision 0147): the lookup must reach the database.
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_PRINCIPAL_TTL_MS + 100));
    try {
      const during = await t.http().get('/principals/me').set('Authorization', system.bearer);
      expect(during.status).toBe(503);
      expect(during.headers['content-type']).toContain('application/problem+json');
      expect(during.headers['retry-after']).toBe('2');
      expect(during.headers['www-authenticate']).toBeUndefined();
      expect(during.body).toMatchObject({ type: 'urn:ccr-exchange:problem:database-unavailable', retryAfterSeconds: 2 });
      expect(JSON.stringify(during.body)).not.toMatch(/accepting connections|FATAL|55000/);

      const write = await t.http().post('/cases').set('Authorization', system.bearer).send({});
      expect(write.status).toBe(503);

      const token = await t.http().post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: system.username, client_secret: system.secret });
      expect(token.status).toBe(503);
      expect(token.headers['retry-after']).toBe('2');
      expect(token.headers['cache-control']).toBe('no-store');
      expect(token.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringContaining('not reachable') });
    } finally {
      await cutOffDatabase(t.database.name, true);
    }
    // The same token works again: nothing about it was wrong.
    await t.http().get('/principals/me').set('Authorization', system.bearer).expect(200);
    const warnings = t.logs.filter((line) => line.includes('"service unavailable"'));
    expect(warnings.length).toBeGreaterThanOrEqual(3);
  });
});
