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

  it('requires real signing keys in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual([
      expect.stringMatching(/^JWT_SIGNING_KEYS is required when NODE_ENV=production/),
      expect.stringMatching(/^LEDGER_SIGNING_KEY is required when NODE_ENV=production/),
    ]);
  });

  it('accepts configured signing keys, current key first', () => {
    const jwk = (kid: string) => ({ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid });
    const seed = randomBytes(32).toString('base64');
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SIGNING_KEYS: JSON.stringify([jwk('2026-11'), jwk('2026-10')]),
      LEDGER_SIGNING_KEY: seed,
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
