import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { entryPointArgs } from './entry-points';

export const REPO_ROOT = join(__dirname, '../..');

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

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Every process spawned here that has not exited yet, so a failed test leaves none behind. */
const running = new Set<ServiceProcess>();

function track(service: ServiceProcess): ServiceProcess {
  running.add(service);
  void service.exited.then(() => running.delete(service));
  return service;
}

/** SIGTERM to whatever a test started and left running (a test that failed half-way); SIGKILL after 30 s. */
export async function stopLeftovers(): Promise<void> {
  await Promise.all(
    [...running].map(async (service) => {
      service.child.kill('SIGTERM');
      const killer = setTimeout(() => service.child.kill('SIGKILL'), 30_000);
      await service.exited;
      clearTimeout(killer);
    }),
  );
}

/**
 * Runs the service (src/main.ts) as a real process — its build when current, else the source
 * through ts-node (entryPointArgs) — with exactly the given environment plus PATH: no DATABASE_URL
 * unless the test passes one.
 */
export function spawnService(env: Record<string, string>): ServiceProcess {
  let output = '';
  const child = spawn(process.execPath, entryPointArgs('src/main.ts'), {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: 'tsconfig.json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return track({ child, output: () => output, exited });
}

/**
 * `npm start` exactly as the README runs it (prestart build included), with the given environment
 * plus PATH and HOME. `child` is npm itself.
 */
export function spawnNpmStart(env: Record<string, string>): ServiceProcess {
  let output = '';
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return track({ child, output: () => output, exited });
}

/** Every process below `pid` (children, grandchildren, …), from ps. */
export function descendantsOf(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((row) => row.length === 2);
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0; ) {
    frontier = rows.filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}

/** Still running: it exists and is not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    return readFileSync(stat, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until none of `pids` runs; answers those still running at the deadline. */
export async function waitUntilGone(pids: number[], timeoutMs = 30_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let running = pids.filter(isRunning);
  while (running.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    running = running.filter(isRunning);
  }
  return running;
}

export async function waitForReady(port: number, service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((response) => response.ok, () => false);
    if (ok) return;
    if (service.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`service on port ${port} did not become ready in ${timeoutMs} ms; it wrote:\n${service.output()}`);
}

/** Runs an operator command (`npm run admin -- …`; entryPointArgs), with exactly the given environment plus PATH. */
export function runAdmin(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryPointArgs('src/admin/main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: 'tsconfig.json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
