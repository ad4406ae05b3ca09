import { type Server } from 'node:http';
import { type NestExpressApplication } from '@nestjs/platform-express';
import pino, { type Logger } from 'pino';
import { createApp } from './app.factory';
import { loadConfig } from './config/config';
import { ConfigError } from './config/config.errors';
import { type AppConfig } from './config/config.types';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { migrateUp } from './database/migrator';
import { serializeError } from './platform/logging/error-serializer';
import { explainStartupFailure } from './startup-failure';

/** EX_CONFIG from sysexits.h: the configuration is wrong, retrying will not help. */
const EXIT_BAD_CONFIG = 78;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino({ level: config.logging.level, base: { context: 'bootstrap' }, serializers: { err: serializeError } });
  sayWhereKeysAreKept(config, log);
  const stopRequests = holdStopRequestsUntilStarted();

  let embedded: EmbeddedDatabase | undefined;
  const stopEmbedded = async () => embedded?.stop();
  try {
    if (!config.database.url) embedded = await startEmbedded(config, log);
    const databaseUrl = config.database.url ?? embedded?.url ?? '';
    const applied = await migrateUp(config.database.migrationUrl ?? databaseUrl);
    log.info({ applied }, applied.length > 0 ? 'migrations applied' : 'schema up to date');
    const app = await createApp(config, databaseUrl);
    await app.listen(config.http.port, config.http.host);
    log.info({ host: config.http.host, port: config.http.port, embeddedDatabase: Boolean(embedded) }, 'listening');
    stopRequests.handOver(gracefulShutdown(app, stopEmbedded, config, log));
  } catch (error) {
    const failure = explainStartupFailure(error, config);
    log.fatal(failure.logError ? { err: error } : {}, failure.message);
    await stopEmbedded();
    process.exit(1);
  }
}

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_BAD_CONFIG);
  }
}

/** Where the signing keys come from, when not from the environment: named (never shown), so nobody mistakes a laptop for production. */
function sayWhereKeysAreKept(config: AppConfig, log: Logger): void {
  if (config.auth.signingKeysFile) {
    log.warn({ file: config.auth.signingKeysFile }, 'JWT_SIGNING_KEYS is not set: the token signing keys are kept in the data folder (production requires JWT_SIGNING_KEYS)');
  }
  if (config.ledger.keyFolder) {
    log.warn(
      { folder: config.ledger.keyFolder },
      'LEDGER_SIGNING_KEY is not set: the log key is kept in the data folder and reused on every start; auditors pin it with `ccrx ledger trust init` (production requires LEDGER_SIGNING_KEY)',
    );
  }
}

async function startEmbedded(config: AppConfig, log: Logger): Promise<EmbeddedDatabase> {
  log.info({ dataDir: config.database.dataDir, port: config.database.embeddedPort }, 'DATABASE_URL is not set: starting embedded PostgreSQL');
  return startEmbeddedPostgres({
    dataDir: config.database.dataDir,
    port: config.database.embeddedPort,
    onLog: (line) => log.debug({ component: 'embedded-postgres' }, line),
    callerHandlesSignals: true,
  });
}

type StopReason = NodeJS.Signals | 'parent exited';

/**
 * SIGTERM, SIGINT, SIGHUP — and, run by npm, npm's exit — ask the service to stop. One that comes
 * while the service is still starting is kept and acted on as soon as it can stop in order (a
 * start that fails stops the embedded cluster anyway): dying at once by the signal's default
 * action would leave the PostgreSQL it had just started running.
 */
function holdStopRequestsUntilStarted(): { handOver(stop: (reason: StopReason) => void): void } {
  let pending: StopReason | null = null;
  let stop: ((reason: StopReason) => void) | null = null;
  const request = (reason: StopReason) => (stop ? stop(reason) : (pending ??= reason));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, request);
  if (process.env.npm_lifecycle_event) stopWhenParentExits(() => request('parent exited'));
  return {
    handOver(next) {
      stop = next;
      if (pending) next(pending);
    },
  };
}

/**
 * Stop accepting connections, let requests in flight finish (up to the grace period), close the
 * pool, then stop the embedded cluster so no PostgreSQL process is left behind. Once.
 */
function gracefulShutdown(app: NestExpressApplication, stopEmbedded: () => Promise<void>, config: AppConfig, log: Logger): (reason: StopReason) => void {
  let shuttingDown = false;
  const shutdown = async (signal: StopReason) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    await drainHttp(app.getHttpServer(), config.http.shutdownGraceMs);
    await app.close().catch((error: unknown) => log.error({ err: error }, 'error while closing the application'));
    await stopEmbedded().catch((error: unknown) => log.error({ err: error }, 'error while stopping PostgreSQL'));
    log.info('stopped');
    process.exit(0);
  };
  return (reason) => void shutdown(reason);
}

/**
 * Run by npm (`npm start`), the service lives and dies with npm: npm forwards SIGTERM and SIGINT
 * to it, and if npm itself is killed outright the service is re-parented, which this notices, and
 * stops in order rather than run on (with its PostgreSQL) as an orphan nobody will stop.
 */
function stopWhenParentExits(stop: () => void): void {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    stop();
  }, 500);
  watch.unref();
}

function drainHttp(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const forceClose = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, graceMs);
    forceClose.unref();
    server.close(() => {
      clearTimeout(forceClose);
      resolve();
    });
    server.closeIdleConnections();
  });
}

void main();
