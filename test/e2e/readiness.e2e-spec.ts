import { startTestApp, type TestApp } from '../support/app';
import { withAdminClient } from '../support/database';

async function cutOffDatabase(name: string, allow: boolean): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS ${allow}`);
    if (!allow) await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  });
}

describe('readiness follows PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
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
    expect(down.body).toMatchObject({ type: 'urn:ccr-exchange:problem:service-unavailable', status: 503, checks: { database: 'down' } });
    expect(JSON.stringify(down.body)).not.toMatch(/terminat|FATAL|pg_|connection to server/i);
    await t.http().get('/health').expect(200);

    await cutOffDatabase(t.database.name, true);
    await t.http().get('/health/ready').expect(200);
  });
});
