import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigratedDatabase, type TestDatabase } from '../support/database';
import { runAdmin } from '../support/service-process';

/**
 * `npm run admin -- sweep --as-of` moves the sweep's clock for demos and tests only (decision 0150):
 * the operator's binary itself refuses it under NODE_ENV=production, before it touches a database.
 */
describe('admin sweep --as-of (decision 0150)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccr-admin-sweep-'));
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createMigratedDatabase();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is refused by the binary in production, and nothing runs', async () => {
    const jwk = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'k1' };
    const production = {
      NODE_ENV: 'production',
      JWT_SIGNING_KEYS: JSON.stringify([jwk]),
      LEDGER_SIGNING_KEY: randomBytes(32).toString('base64'),
      PUBLIC_URL: 'https://ccr.example.org',
      OPAQUE_SERVER_SETUP: 'A'.repeat(171),
      // Unreachable on purpose: a refusal that came after connecting would name the connection instead.
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    };
    const run = await runAdmin(['sweep', '--as-of', '2030-01-01T09:00:00Z'], production);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('NODE_ENV=production');
    expect(run.stderr).not.toMatch(/ECONNREFUSED|connect/i);
    expect(run.stdout).toBe('');
  });

  it('runs both sweeps once at the given instant outside production', async () => {
    const run = await runAdmin(['sweep', '--as-of', '2030-01-01T09:00:00Z'], { DATABASE_URL: database.url, DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ asOf: '2030-01-01T09:00:00.000Z' });
  });
});
