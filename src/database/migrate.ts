import pino from 'pino';
import { loadConfig } from '../config/config';
import { ConfigError } from '../config/config.errors';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrateAllTheWayDown, migrateUp } from './migrator';

/**
 * `npm run migrate` applies pending migrations (the service also does this at start-up).
 * `npm run migrate -- down` reverts every migration: it destroys the schema, on purpose only.
 */
async function main(direction: string): Promise<void> {
  const config = loadConfig(process.env, { signingKeysUnused: true });
  const log = pino({ level: config.logging.level, base: { context: 'migrate' } });
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.database.dataDir, port: config.database.embeddedPort, onLog: () => undefined });
  try {
    const url = config.database.migrationUrl ?? config.database.url ?? embedded?.url ?? '';
    if (direction === 'down') log.info({ reverted: await migrateAllTheWayDown(url) }, 'migrations reverted');
    else log.info({ applied: await migrateUp(url) }, 'migrations applied');
  } finally {
    await embedded?.stop();
  }
}

const direction = process.argv[2] ?? 'up';
if (!['up', 'down'].includes(direction)) {
  process.stderr.write('usage: migrate [up|down]\n');
  process.exit(64);
}
main(direction).catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `migration failed: ${String(error)}\n`);
  process.exit(error instanceof ConfigError ? 78 : 1);
});
