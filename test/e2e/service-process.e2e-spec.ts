import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, spawnService, waitForReady } from '../support/service-process';

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
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts PostgreSQL itself, stops it on SIGTERM, and finds the same data on restart', async () => {
    const [port, databasePort] = [await freePort(), await freePort()];
    const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort), LOG_LEVEL: 'info' };

    const first = spawnService(env);
    await waitForReady(port, first);
    await withEmbeddedClient(dataDir, databasePort, async (client) => {
      await client.query('CREATE TABLE restart_marker (value text)');
      await client.query(`INSERT INTO restart_marker VALUES ('still here')`);
    });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    const second = spawnService(env);
    await waitForReady(port, second);
    const rows = await withEmbeddedClient(dataDir, databasePort, (client) => client.query('SELECT value FROM restart_marker'));
    expect(rows.rows).toEqual([{ value: 'still here' }]);
    expect(second.output()).toContain('schema up to date');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 120_000);

  it('lets a request in flight finish before it stops', async () => {
    const [port, databasePort] = [await freePort(), await freePort()];
    const service = spawnService({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort) });
    await waitForReady(port, service);

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
  }, 120_000);

  it('refuses to start on a bad configuration, naming the variable', async () => {
    const service = spawnService({ DATA_DIR: dataDir, PORT: 'not-a-port', LOG_LEVEL: 'chatty' });
    expect(await service.exited).toBe(78);
    expect(service.output()).toContain('PORT must be an integer');
    expect(service.output()).toContain('LOG_LEVEL must be one of');
  }, 60_000);
});
