import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig as loadConfigFrom } from './config';
import { ConfigError } from './config.errors';
import { createKeyFile } from './key-files';

// Every configuration here keeps its development keys in a temporary data folder, never ./.data.
const folders: string[] = [];
function freshDataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ccr-config-'));
  folders.push(folder);
  return folder;
}
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
const loadConfig = (env: Record<string, string>, dataDir = freshDataDir()) => loadConfigFrom({ DATA_DIR: dataDir, ...env });

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

/** The shape of an OPAQUE server setup (base64url); the library checks the content at start-up. */
const OPAQUE_SETUP = 'A'.repeat(171);

describe('loadConfig', () => {
  it('takes the OPAQUE server setup from OPAQUE_SERVER_SETUP, else (outside production) from the key folder', () => {
    expect(loadConfig({}).people).toMatchObject({ opaqueServerSetup: null, opaqueSetupFolder: expect.stringMatching(/keys$/), sessionIdleSeconds: 1800, enrolmentCodeTtlSeconds: 259_200 });
    expect(problemsOf({ OPAQUE_SERVER_SETUP: 'not a setup' })).toEqual([expect.stringMatching(/^OPAQUE_SERVER_SETUP must be a server setup/)]);
  });

  it('builds a complete configuration from an empty development environment', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(loadConfigFrom({}, { signingKeysUnused: true }).database.dataDir).toMatch(/\.data$/);
    expect(config.auth.signingKeysFile).toMatch(/keys\/token-signing-keys\.json$/);
    expect(config.ledger.keyFolder).toMatch(/keys$/);
    expect(config.http.corsOrigins).toEqual([]);
    expect(config.http.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.auth.issuer).toBe('http://127.0.0.1:3000');
  });

  it.each([
    ['PORT', 'abc', /PORT must be an integer/],
    ['PORT', '70000', /PORT must be an integer from 0 to 65535/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting with postgres:/],
    ['BODY_LIMIT', '5gb', /BODY_LIMIT must be a size/],
    ['TRUST_PROXY', 'maybe', /TRUST_PROXY must be true or false/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of/],
    ['LEDGER_SIGNING_KEY', 'short', /LEDGER_SIGNING_KEY must be a base64-encoded 32-byte/],
    ['JWT_SIGNING_KEYS', '{"not":"an array"}', /JWT_SIGNING_KEYS must be a JSON array/],
  ])('names %s when it is invalid', (name, value, expected) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('never echoes a rejected secret', () => {
    const secret = 'postgres-like-secret-value';
    const problems = problemsOf({ DATABASE_URL: `ftp://user:${secret}@host/db`, LEDGER_SIGNING_KEY: secret });
    expect(problems.join('\n')).not.toContain(secret);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'y', CONSENT_MAX_DAYS: '0' });
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['PORT', 'LOG_LEVEL', 'CONSENT_MAX_DAYS']);
  });

  it('requires real signing keys and the public URL in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual([
      expect.stringMatching(/^JWT_SIGNING_KEYS is required when NODE_ENV=production/),
      expect.stringMatching(/^LEDGER_SIGNING_KEY is required when NODE_ENV=production/),
      expect.stringMatching(/^PUBLIC_URL is required when NODE_ENV=production/),
      expect.stringMatching(/^OPAQUE_SERVER_SETUP is required when NODE_ENV=production/),
    ]);
  });

  it.each([
    ['https://ccr.example.org', 'https://ccr.example.org'],
    ['https://ccr.example.org/', 'https://ccr.example.org'],
    ['https://ccr.example.org:8443', 'https://ccr.example.org:8443'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['http://localhost:4000/', 'http://localhost:4000'],
    ['http://[::1]:4000', 'http://[::1]:4000'],
  ])('takes PUBLIC_URL %s as the issuer %s', (value, issuer) => {
    const config = loadConfig({ PUBLIC_URL: value });
    expect(config.auth.issuer).toBe(issuer);
    expect(config.http.publicUrl).toBe(issuer);
  });

  it.each([
    ['http://ccr.example.org', 'plain http off loopback'],
    ['https://ccr.example.org/ccr', 'a path'],
    ['https://ccr.example.org/?x=1', 'a query'],
    ['https://ccr.example.org/#top', 'a fragment'],
    ['https://user:pass@ccr.example.org', 'credentials'],
    ['ccr-exchange', 'not a URL'],
  ])('refuses PUBLIC_URL %s (%s)', (value) => {
    expect(problemsOf({ PUBLIC_URL: value })).toEqual([expect.stringMatching(/^PUBLIC_URL must be an https:\/\/ origin/)]);
  });

  it('names JWT_ISSUER, which PUBLIC_URL replaced, instead of ignoring it', () => {
    expect(problemsOf({ JWT_ISSUER: 'ccr-exchange' })).toEqual([expect.stringMatching(/^JWT_ISSUER is no longer read: .*set PUBLIC_URL/)]);
  });

  it('accepts configured signing keys, current key first', () => {
    const jwk = (kid: string) => ({ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid });
    const seed = randomBytes(32).toString('base64');
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SIGNING_KEYS: JSON.stringify([jwk('2026-11'), jwk('2026-10')]),
      LEDGER_SIGNING_KEY: seed,
      PUBLIC_URL: 'https://ccr.example.org',
      OPAQUE_SERVER_SETUP: OPAQUE_SETUP,
    });
    expect(config.auth.signingKeys.map((key) => key.kid)).toEqual(['2026-11', '2026-10']);
    expect(config.people).toMatchObject({ opaqueServerSetup: OPAQUE_SETUP, opaqueSetupFolder: null });
    expect(config.auth.signingKeysFile).toBeNull();
    expect(config.ledger.keyFolder).toBeNull();
    expect(Buffer.from(config.ledger.signingSeed).toString('base64')).toBe(seed);
  });

  it('requires the external identity provider settings together', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://idp.example' })).toEqual([expect.stringMatching(/must be set together/)]);
    const config = loadConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URL: 'https://idp.example/jwks', OIDC_AUDIENCE: 'ccr' });
    expect(config.auth.oidc).toEqual({
      issuer: 'https://idp.example',
      jwksUrl: 'https://idp.example/jwks',
      audience: 'ccr',
      principalClaim: 'preferred_username',
    });
  });

  it('parses sizes with units', () => {
    expect(loadConfig({ BODY_LIMIT: '512kb' }).http.bodyLimitBytes).toBe(512 * 1024);
    expect(loadConfig({ BODY_LIMIT: '2mb' }).http.bodyLimitBytes).toBe(2 * 1024 * 1024);
  });

  describe('development keys in the data folder', () => {
    it('are made once (folder 0700, files 0600) and read back on every later start', () => {
      const dataDir = freshDataDir();
      const first = loadConfig({}, dataDir);
      const keys = join(dataDir, 'keys');
      expect(statSync(keys).mode & 0o777).toBe(0o700);
      const files = readdirSync(keys).sort();
      expect(files).toEqual(['ledger-signing.key', 'token-signing-keys.json']);
      expect(files.map((file) => statSync(join(keys, file)).mode & 0o777)).toEqual([0o600, 0o600]);
      const second = loadConfig({ NODE_ENV: 'test' }, dataDir);
      expect(Buffer.from(second.ledger.signingSeed)).toEqual(Buffer.from(first.ledger.signingSeed));
      expect(second.auth.signingKeys.map((key) => key.kid)).toEqual(first.auth.signingKeys.map((key) => key.kid));
      expect(second.ledger.nextSigningSeed).toBeNull();
    });

    it('narrows a key file others can read, and reads the next key of a rotation in progress', () => {
      const dataDir = freshDataDir();
      loadConfig({}, dataDir);
      const ledgerFile = join(dataDir, 'keys', 'ledger-signing.key');
      chmodSync(ledgerFile, 0o644);
      const next = randomBytes(32);
      expect(createKeyFile(join(dataDir, 'keys'), 'ledger-signing.next.key', `${next.toString('base64')}\n`)).toBe(true);
      const config = loadConfig({}, dataDir);
      expect(statSync(ledgerFile).mode & 0o777).toBe(0o600);
      expect(Buffer.from(config.ledger.nextSigningSeed as Uint8Array)).toEqual(next);
    });

    it('never replaces a key file another process made first', () => {
      const dataDir = freshDataDir();
      const original = loadConfig({}, dataDir).ledger.signingSeed;
      expect(createKeyFile(join(dataDir, 'keys'), 'ledger-signing.key', `${randomBytes(32).toString('base64')}\n`)).toBe(false);
      expect(Buffer.from(loadConfig({}, dataDir).ledger.signingSeed)).toEqual(Buffer.from(original));
    });

    it('names a damaged key file, never its content', () => {
      const dataDir = freshDataDir();
      loadConfig({}, dataDir);
      writeFileSync(join(dataDir, 'keys', 'ledger-signing.key'), 'secret-but-not-a-seed\n');
      const problems = problemsOf({ DATA_DIR: dataDir });
      expect(problems).toEqual([expect.stringContaining(join(dataDir, 'keys', 'ledger-signing.key'))]);
      expect(problems.join('\n')).not.toContain('secret-but-not-a-seed');
    });

    it('are not made when the environment gives the keys, nor in production', () => {
      const dataDir = freshDataDir();
      const jwk = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'k' };
      loadConfig({ JWT_SIGNING_KEYS: JSON.stringify([jwk]), LEDGER_SIGNING_KEY: randomBytes(32).toString('base64') }, dataDir);
      expect(existsSync(join(dataDir, 'keys'))).toBe(false);
      expect(problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'https://ccr.example.org', DATA_DIR: dataDir })).toEqual([
        expect.stringContaining('JWT_SIGNING_KEYS is required'),
        expect.stringContaining('LEDGER_SIGNING_KEY is required'),
        expect.stringContaining('OPAQUE_SERVER_SETUP is required'),
      ]);
      expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    });

    it('checks the next log key of a rotation given in the environment', () => {
      const seed = randomBytes(32).toString('base64');
      expect(problemsOf({ LEDGER_NEXT_SIGNING_KEY: seed })).toEqual([expect.stringMatching(/LEDGER_NEXT_SIGNING_KEY needs LEDGER_SIGNING_KEY/)]);
      expect(problemsOf({ LEDGER_SIGNING_KEY: seed, LEDGER_NEXT_SIGNING_KEY: seed })).toEqual([expect.stringMatching(/must differ/)]);
      const next = randomBytes(32);
      const config = loadConfig({ LEDGER_SIGNING_KEY: seed, LEDGER_NEXT_SIGNING_KEY: next.toString('base64') });
      expect(Buffer.from(config.ledger.nextSigningSeed as Uint8Array)).toEqual(next);
    });
  });
});
