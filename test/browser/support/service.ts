import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, REPO_ROOT } from '../../../src/tooling/service-process';

export interface RunningService {
  url: string;
  env: Record<string, string>;
  /** Everything the service wrote to stdout and stderr, as a file (scanned by the tests). */
  logFile: string;
  databaseUrl: string;
  output(): string;
  stop(): Promise<void>;
}

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database next to DATABASE_URL's (dropped on stop): the browser tests share nothing with other runs. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ccr_browser_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  // A throwaway database: no WAL flush per commit (decision 0154); the server's configuration stays as it is.
  await admin(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** The built service (node dist/src/main.js, as npm start runs it) on a free port at http://localhost. */
export async function startService(): Promise<RunningService> {
  const database = await freshDatabase();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env = {
    DATABASE_URL: database.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ccr-browser-')),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    LOG_LEVEL: 'info',
    LEDGER_CHECKPOINT_INTERVAL_MS: '3600000',
  };
  let output = '';
  const logFile = join(env.DATA_DIR, 'service.log');
  const child: ChildProcess = spawn(process.execPath, ['--max-old-space-size=512', 'dist/src/main.js'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    appendFileSync(logFile, chunk);
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start:\n${output}`);
    if (await fetch(`${url}/health/ready`).then((response) => response.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    env,
    logFile,
    databaseUrl: database.url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await database.drop();
    },
  };
}
