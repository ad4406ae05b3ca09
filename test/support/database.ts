import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateUp } from '../../src/database/migrator';

export interface TestDatabase {
  name: string;
  /** Owner (superuser) connection string: for setup and for tests that play the attacker. */
  url: string;
  drop(): Promise<void>;
}

const TEMPLATE_LOCK_KEY = 0x6363_7274; // any constant shared by all test workers

export function adminUrl(): string {
  const url = process.env.CCR_TEST_ADMIN_URL;
  if (!url) throw new Error('CCR_TEST_ADMIN_URL is not set: run the tests through Jest, whose global setup provides PostgreSQL');
  return url;
}

export function urlForDatabase(name: string, base = adminUrl()): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>, url = adminUrl()): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function newDatabaseName(): string {
  return `ccr_test_${process.env.CCR_TEST_RUN_ID ?? 'manual'}_${randomBytes(5).toString('hex')}`;
}

/**
 * A test database needs no durability: nothing in it must survive a crash of the server. Without
 * waiting for each commit's WAL flush (a few milliseconds each on this disk, thousands per run) the
 * suites run markedly faster (decision 0154). Set per database, so the server's own configuration,
 * and every other database on it, stays as it was; a database made from a template does not inherit
 * the template's setting, so each one gets it. Commits stay atomic and visible in the same order.
 */
async function withoutCommitFlushes(client: Client, name: string): Promise<void> {
  await client.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
}

/** A fresh database cloned from the migrated template: isolated, so suites run in parallel. */
export async function createMigratedDatabase(): Promise<TestDatabase> {
  const template = await ensureMigratedTemplate();
  const name = newDatabaseName();
  await withAdminClient(async (client) => {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await withoutCommitFlushes(client, name);
  });
  return handle(name);
}

/** A database with nothing in it, for tests of the migrations themselves. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = newDatabaseName();
  await withAdminClient(async (client) => {
    await client.query(`CREATE DATABASE "${name}"`);
    await withoutCommitFlushes(client, name);
  });
  return handle(name);
}

function handle(name: string): TestDatabase {
  return {
    name,
    url: urlForDatabase(name),
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * The template is named after a hash of the migration sources, so it is built once per schema
 * version (once per run on the embedded server) and rebuilt whenever a migration changes.
 */
async function ensureMigratedTemplate(): Promise<string> {
  const name = `ccr_tpl_${migrationsFingerprint()}`;
  await withAdminClient(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      const ready = await client.query('SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate', [name]);
      if (ready.rowCount === 0) {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${name}"`);
        await withoutCommitFlushes(client, name);
        await migrateUp(urlForDatabase(name));
        await client.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
  return name;
}

let fingerprint: string | undefined;
function migrationsFingerprint(): string {
  if (fingerprint) return fingerprint;
  const dir = join(__dirname, '../../src/database/migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}
