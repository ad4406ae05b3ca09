import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import { CONSOLE_CSP } from '../../src/console/console-headers';
import { CONSOLE_DIR } from '../../src/console/console.module';
import { createMigratedDatabase, type TestDatabase } from '../support/database';
import { testKeysEnv } from '../support/app';

/**
 * The console's built files as the service sends them (decision 0159): precompressed when the
 * browser accepts it, with the console's own headers either way. The app is started without the
 * OpenAPI contract check of startTestApp: these answers are files, not API operations.
 * Needs `npm run build` first (CI builds before testing).
 */
describe('console: static files, precompressed', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let script: string;
  let plain: Buffer;

  /** Node's own client, which does not decode the body (supertest would): the bytes on the wire. */
  const raw = (path: string, acceptEncoding: string) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const { port } = app.getHttpServer().address() as AddressInfo;
      get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });

  beforeAll(async () => {
    if (!existsSync(join(CONSOLE_DIR, 'index.html'))) throw new Error(`the console is not built in ${CONSOLE_DIR}: run npm run build first`);
    const page = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
    script = /<script[^>]+src="(\/assets\/index-[^"]+\.js)"/.exec(page)?.[1] ?? '';
    expect(script).not.toBe('');
    plain = readFileSync(join(CONSOLE_DIR, script));
    database = await createMigratedDatabase();
    app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...testKeysEnv() }), database.url, { logDestination: { write: () => undefined } });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('the build left a .br and a .gz beside every script and style sheet', () => {
    const assets = readdirSync(join(CONSOLE_DIR, 'assets'));
    const files = assets.filter((name) => /\.(js|css)$/.test(name));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const name of files) expect([`${name}.br`, `${name}.gz`].filter((each) => assets.includes(each))).toEqual([`${name}.br`, `${name}.gz`]);
  });

  it('the page script carries no WebAssembly: libsodium and OPAQUE are in the key worker only (decision 0159)', () => {
    const wasm = (name: string) => readFileSync(join(CONSOLE_DIR, 'assets', name)).toString('latin1').split('AGFzbQ').length - 1; // "\0asm" in base64
    const keyWorker = readdirSync(join(CONSOLE_DIR, 'assets')).find((name) => /^key\.worker-.+\.js$/.test(name));
    expect(wasm(script.replace('/assets/', ''))).toBe(0);
    expect(wasm(keyWorker ?? '')).toBe(2);
  });

  it.each([
    ['br', 'gzip, deflate, br, zstd', brotliDecompressSync],
    ['gzip', 'gzip, deflate', gunzipSync],
  ])('sends the page script as %s when asked, the same bytes once decoded, with the CSP and the cache headers', async (encoding, accept, decode) => {
    const response = await raw(script, accept);
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const body = response.body;
    expect(body.length).toBeLessThan(plain.length / 2);
    expect(decode(body).equals(plain)).toBe(true);
  });

  it('sends the plain file when no encoding is accepted, still with the CSP', async () => {
    const response = await raw(script, 'identity');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(response.body.equals(plain)).toBe(true);
  });

  it('sends index.html plain and never stored, and leaves API answers uncompressed (BREACH)', async () => {
    const page = await raw('/', 'gzip, br');
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
    const api = await raw('/health', 'gzip, br');
    expect(api.status).toBe(200);
    expect(api.headers['content-encoding']).toBeUndefined();
    // A path that is not valid percent-encoding is still the API's problem, not the file server's plain text.
    const malformed = await raw('/assets/%E0%A4%A', 'gzip, br');
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.headers['content-encoding']).toBeUndefined();
  });
});
