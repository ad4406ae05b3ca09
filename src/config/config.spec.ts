import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadConfig } from './config';
import { ConfigError } from './config.errors';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('builds a complete configuration from an empty development environment', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toMatch(/\.data$/);
    expect(config.auth.signingKeysAreEphemeral).toBe(true);
    expect(config.ledger.signingKeyIsEphemeral).toBe(true);
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
    });
    expect(config.auth.signingKeys.map((key) => key.kid)).toEqual(['2026-11', '2026-10']);
    expect(config.auth.signingKeysAreEphemeral).toBe(false);
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
});
