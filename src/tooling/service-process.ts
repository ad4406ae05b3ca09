import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository root, from dist/src/tooling (compiled) or src/tooling (ts-node). */
export const REPO_ROOT = join(__dirname, __dirname.includes(`${join('dist', 'src')}`) ? '../../..' : '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Node flags the API always runs with: `npm start`, the Dockerfile and ApiProcess (a unit test
 * keeps the three in step). A heap ceiling (decision 0035): without one V8 sizes the heap from the
 * machine's RAM and lets a ≈60 MB live set grow past 300 MB resident before collecting it.
 */
export const API_NODE_FLAGS = ['--max-old-space-size=512'] as const;

/**
 * One API process (node dist/src/main.js) started for a tool — the benchmark, the demo — with a
 * sampler of its resident memory. Tests start the service from source instead (test/support).
 */
export class ApiProcess {
  private peakRssKb = 0;
  private sampler?: NodeJS.Timeout;
  private output = '';

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.keep(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));
  }

  /**
   * `nodeArgs`: extra flags for node itself, after API_NODE_FLAGS, e.g. ['--cpu-prof'] to profile the service.
   * `script`: another HTTP app with a /health/ready route instead, e.g. the benchmark's bare floor.
   * `env` may be a function of the port chosen, for settings that name it (a browser's PUBLIC_URL at localhost).
   */
  static async start(env: Record<string, string> | ((port: number) => Record<string, string>), nodeArgs: readonly string[] = [], script = 'dist/src/main.js'): Promise<ApiProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...API_NODE_FLAGS, ...nodeArgs, script], {
      cwd: REPO_ROOT,
      // PUBLIC_URL: the issuer and the metadata's URLs name the port this process really listens on.
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...(typeof env === 'function' ? env(port) : env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, port);
    await api.waitReady();
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts sampling VmRSS every 100 ms; returns the peak in MB when stopped. */
  startSampling(): void {
    this.peakRssKb = 0;
    this.sampler = setInterval(() => {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      this.peakRssKb = Math.max(this.peakRssKb, rss);
    }, 100);
  }

  stopSampling(): number {
    clearInterval(this.sampler);
    return Math.round(this.peakRssKb / 1024);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private keep(chunk: Buffer): void {
    this.output = (this.output + chunk.toString()).slice(-20_000);
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      const ok = await fetch(`${this.url}/health/ready`).then((response) => response.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`API on port ${this.port} did not start:\n${this.output}`);
  }
}
