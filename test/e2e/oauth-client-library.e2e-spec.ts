import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { startTestApp, type TestApp } from '../support/app';
import { TestCcr, uniqueName } from '../support/ccr';
import { freePort, REPO_ROOT } from '../support/service-process';

interface LibraryRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs test/support/openid-client-token.mjs: openid-client 6 discovers the server and asks for a token. */
function runOpenIdClient(env: Record<string, string>): Promise<LibraryRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'test/support/openid-client-token.mjs')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * An integrator's first hour, with the most used OAuth client for Node: openid-client discovers
 * the RFC 8414 metadata from the issuer URL and obtains a token with private_key_jwt client
 * credentials, against the real application listening on loopback.
 */
describe('a maintained OAuth client library (openid-client 6)', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let issuer: string;

  beforeAll(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    t = await startTestApp({ env: { PUBLIC_URL: issuer } });
    await t.app.listen(port, '127.0.0.1');
    ccr = new TestCcr(t);
  });
  afterAll(() => t.close());

  it.each([
    ['an Ed25519 key (as the SDK makes)', 'Ed25519'],
    ['a P-256 key', 'P-256'],
  ])('discovers the server and obtains a token with private_key_jwt, %s', async (_label, curve) => {
    const pair = curve === 'Ed25519' ? await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true }) : await generateKeyPair('ES256', { extractable: true });
    const publicJwk = await exportJWK(pair.publicKey);
    const agencyId = await ccr.agency('law_enforcement', 'criminal_justice');
    const clientId = uniqueName('oidc-client');
    const created = await ccr.createPrincipal(agencyId, { kind: 'service', username: clientId, displayName: clientId, roles: ['service'], clientJwk: publicJwk });

    const run = await runOpenIdClient({ CCR_ISSUER: issuer, CCR_CLIENT_ID: clientId, CCR_CLIENT_PRIVATE_JWK: JSON.stringify(await exportJWK(pair.privateKey)) });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const { metadata, token } = JSON.parse(run.stdout) as { metadata: Record<string, unknown>; token: { access_token: string; token_type: string; expires_in: number } };

    expect(metadata).toMatchObject({ issuer, token_endpoint: `${issuer}/oauth/token`, jwks_uri: `${issuer}/.well-known/jwks.json` });
    expect(token.token_type.toLowerCase()).toBe('bearer');
    expect(token.expires_in).toBe(900);
    const me = await t.http().get('/principals/me').set('Authorization', `Bearer ${token.access_token}`).expect(200);
    expect(me.body).toMatchObject({ id: created.id, agencyId, roles: ['service'] });
  });

  it('fails discovery when the issuer it is given is not the one the server names', async () => {
    const run = await runOpenIdClient({ CCR_ISSUER: `${issuer.replace('127.0.0.1', 'localhost')}`, CCR_CLIENT_ID: 'anyone', CCR_CLIENT_PRIVATE_JWK: JSON.stringify(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/issuer/i);
  });
});
