import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrateUp } from '../../src/database/migrator';
import { freePort } from '../../src/tooling/service-process';

export interface BenchDatabase {
  url: string;
  /** Which PostgreSQL: the one of DATABASE_URL, or an embedded one started for the run. */
  server: 'external' | 'embedded';
  drop(): Promise<void>;
}

/** A fresh, migrated database for the run, on DATABASE_URL's server or an embedded one. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'ccr-bench-')), port: await freePort(), onLog: () => undefined });
    serverUrl = embedded.url;
  }
  const name = `ccr_bench_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateUp(url.toString());
  return {
    url: url.toString(),
    server: embedded ? 'embedded' : 'external',
    drop: async () => {
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await embedded?.stop();
    },
  };
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
