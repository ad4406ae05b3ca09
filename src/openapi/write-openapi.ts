import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/config';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { migrateUp } from '../database/migrator';
import { buildOpenApiDocument } from './openapi';

/** `npm run openapi`: regenerates docs/openapi.json from the code (the e2e suite checks drift). */
async function main(): Promise<void> {
  // The data folder's own keys: the app runs on its database, and must never sign it with another key.
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.database.dataDir, port: config.database.embeddedPort, onLog: () => undefined });
  try {
    const url = config.database.url ?? embedded?.url ?? '';
    await migrateUp(config.database.migrationUrl ?? url);
    const app = await createApp(config, url, { logDestination: { write: () => undefined } });
    await app.init();
    const target = join(__dirname, '../../../docs/openapi.json');
    writeFileSync(target, JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n');
    await app.close();
    process.stdout.write(`wrote ${target}\n`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`openapi generation failed: ${String(error)}\n`);
  process.exit(1);
});
