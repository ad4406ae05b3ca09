import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { descendantsOf, freePort, type ServiceProcess, spawnNpmStart, spawnService, stopLeftovers, waitForReady, waitUntilGone } from '../support/service-process';

/** Starting from source (ts-node) on a busy machine can take long: readiness waits this much. */
const READY_MS = 150_000;
const TEST_MS = 300_000;

/** PostgreSQL processes whose command line names this data folder. */
function postgresProcessesFor(dataDir: string): string[] {
  const listing = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return listing.split('\n').filter((line) => line.includes('postgres') && line.includes(dataDir));
}

async function withEmbeddedClient<T>(dataDir: string, port: number, work: (client: Client) => Promise<T>): Promise<T> {
  const password = readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim();
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('the service as a process, on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccr-service-'));
  afterEach(() => stopLeftovers(), TEST_MS);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts PostgreSQL itself, stops it on SIGTERM, and finds the same data on restart', async () => {
    const [port, databasePort] = [await freePort(), await freePort()];
    const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort), LOG_LEVEL: 'info' };

    const first = spawnService(env);
    await waitForReady(port, first, READY_MS);
    await withEmbeddedClient(dataDir, databasePort, async (client) => {
      await client.query('CREATE TABLE restart_marker (value text)');
      await client.query(`INSERT INTO restart_marker VALUES ('still here')`);
    });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    const second = spawnService(env);
    await waitForReady(port, second, READY_MS);
    const rows = await withEmbeddedClient(dataDir, databasePort, (client) => client.query('SELECT value FROM restart_marker'));
    expect(rows.rows).toEqual([{ value: 'still here' }]);
    expect(second.output()).toContain('schema up to date');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, TEST_MS);

  it('lets a request in flight finish before it stops', async () => {
    const [port, databasePort] = [await freePort(), await freePort()];
    const service = spawnService({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort) });
    await waitForReady(port, service, READY_MS);

    const response = new Promise<number>((resolve, reject) => {
      const slow = request({ host: '127.0.0.1', port, method: 'POST', path: '/health', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      slow.on('error', reject);
      slow.write('{"half": ');
      setTimeout(() => {
        service.child.kill('SIGTERM');
        setTimeout(() => slow.end('"a body"}'), 500);
      }, 200);
    });
    expect(await response).toBe(404);
    expect(await service.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, TEST_MS);

  it('stops in order on a SIGTERM that comes while it is still starting, leaving no PostgreSQL behind', async () => {
    // Its own PostgreSQL runs (a child of the service): the service is past its signal set-up and still starting.
    const startsPostgres = async (): Promise<{ service: ServiceProcess; started: boolean }> => {
      const [port, databasePort] = [await freePort(), await freePort()];
      const service = spawnService({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort), LOG_LEVEL: 'info' });
      const started = () => descendantsOf(service.child.pid as number).length > 0;
      const deadline = Date.now() + READY_MS;
      while (!started() && service.child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      return { service, started: started() };
    };
    let attempt = await startsPostgres();
    // A free port can be taken by a parallel test before the service binds it: that start-up failure is not what this test is about.
    if (!attempt.started && /port is in use/.test(attempt.service.output())) attempt = await startsPostgres();
    const { service } = attempt;
    expect({ started: attempt.started, output: attempt.started ? '' : service.output() }).toEqual({ started: true, output: '' });
    expect(service.output()).not.toContain('"msg":"listening"');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain('"msg":"stopped"');
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, TEST_MS);

  it('refuses to start on a bad configuration, naming the variable', async () => {
    const service = spawnService({ DATA_DIR: dataDir, PORT: 'not-a-port', LOG_LEVEL: 'chatty' });
    expect(await service.exited).toBe(78);
    expect(service.output()).toContain('PORT must be an integer');
    expect(service.output()).toContain('LOG_LEVEL must be one of');
  }, TEST_MS);
});

/** The one line the service logs at level fatal (pino JSON), parsed. */
function fatalLines(service: ServiceProcess): { msg: string; err?: unknown }[] {
  return service
    .output()
    .split('\n')
    .filter((line) => line.includes('"level":60'))
    .map((line) => JSON.parse(line) as { msg: string; err?: unknown });
}

describe('npm start, as the README runs it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccr-npm-start-'));
  afterEach(() => stopLeftovers(), TEST_MS);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)(
    '%s to npm stops the service and its PostgreSQL, and the next start finds the same data',
    async (signal) => {
      const [port, databasePort] = [await freePort(), await freePort()];
      const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort) };
      const npm = spawnNpmStart(env);
      await waitForReady(port, npm, READY_MS + 60_000);
      const below = descendantsOf(npm.child.pid as number);
      expect(below.length).toBeGreaterThanOrEqual(2);
      expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
      await withEmbeddedClient(dataDir, databasePort, async (client) => {
        await client.query('CREATE TABLE IF NOT EXISTS npm_marker (signal text)');
        await client.query('INSERT INTO npm_marker VALUES ($1)', [signal]);
      });

      npm.child.kill(signal);
      await npm.exited;
      expect(await waitUntilGone(below)).toEqual([]);
      expect(postgresProcessesFor(dataDir)).toEqual([]);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(npm.output()).toContain('"msg":"stopped"');

      const next = spawnService(env);
      await waitForReady(port, next, READY_MS);
      const rows = await withEmbeddedClient(dataDir, databasePort, (client) => client.query<{ signal: string }>('SELECT signal FROM npm_marker'));
      expect(rows.rows.map((row) => row.signal)).toContain(signal);
      next.child.kill('SIGTERM');
      expect(await next.exited).toBe(0);
    },
    TEST_MS + 120_000,
  );
});

describe('a start that cannot succeed says why and what to do, at the default log level', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccr-running-'));
  const otherDataDir = mkdtempSync(join(tmpdir(), 'ccr-second-'));
  let running: ServiceProcess;
  let port: number;
  let databasePort: number;

  beforeAll(async () => {
    [port, databasePort] = [await freePort(), await freePort()];
    running = spawnService({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort) });
    await waitForReady(port, running, READY_MS);
  }, TEST_MS);

  afterAll(async () => {
    await stopLeftovers();
    for (const dir of [dataDir, otherDataDir]) rmSync(dir, { recursive: true, force: true });
  }, TEST_MS);

  /** Starts a second service (no LOG_LEVEL: the default), waits for it to give up, answers its fatal lines. */
  async function secondStart(env: Record<string, string>): Promise<{ msg: string; err?: unknown }[]> {
    const second = spawnService(env);
    expect(await second.exited).toBe(1);
    expect(postgresProcessesFor(otherDataDir)).toEqual([]);
    return fatalLines(second);
  }

  it('names the data folder another instance holds', async () => {
    const lines = await secondStart({ DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(await freePort()) });
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toMatch(new RegExp(`^start-up failed: the data folder ${dataDir} is in use by another PostgreSQL \\(PID \\d+\\), probably another instance of this service: stop that instance, or set DATA_DIR to another folder$`));
    expect(lines[0].err).toBeUndefined();
  }, TEST_MS);

  it("names the embedded port another instance's PostgreSQL holds", async () => {
    const lines = await secondStart({ DATA_DIR: otherDataDir, PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(databasePort) });
    expect(lines.map((line) => line.msg)).toEqual([
      `start-up failed: the embedded PostgreSQL cannot listen on 127.0.0.1:${databasePort}: the port is in use (another instance of this service?): stop whatever holds it, or set EMBEDDED_POSTGRES_PORT to a free port`,
    ]);
  }, TEST_MS);

  it('names the embedded port any other program listens on', async () => {
    const taken = await freePort();
    const occupant: Server = createServer();
    await new Promise<void>((resolve) => occupant.listen(taken, '127.0.0.1', resolve));
    try {
      const lines = await secondStart({ DATA_DIR: otherDataDir, PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(taken) });
      expect(lines.map((line) => line.msg)).toEqual([
        `start-up failed: the embedded PostgreSQL cannot listen on 127.0.0.1:${taken}: the port is in use (another instance of this service?): stop whatever holds it, or set EMBEDDED_POSTGRES_PORT to a free port`,
      ]);
    } finally {
      await new Promise((resolve) => occupant.close(resolve));
    }
  }, TEST_MS);

  it('names the HTTP port in use, and stops the PostgreSQL it had started', async () => {
    const lines = await secondStart({ DATA_DIR: otherDataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(await freePort()) });
    expect(lines.map((line) => line.msg)).toEqual([
      `start-up failed: cannot listen on 127.0.0.1:${port}: the port is in use (another instance of this service?): stop it, or set PORT to a free port`,
    ]);
  }, TEST_MS);

  it('left the running instance serving', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(response.status).toBe(200);
  });
});
