import { createPrivateKey, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ConfigError } from './config.errors';
import { type AppConfig, LOG_LEVELS, NODE_ENVS, type OidcTrustConfig, type TokenSigningKey } from './config.types';
import { EnvReader } from './env-reader';
import { KEY_FILES, keyFolderOf, readKeyFile, readOrCreateKeyFile } from './key-files';

export const CONFIG = Symbol('CCR_CONFIG');

export interface LoadConfigOptions {
  /**
   * For tools that never start the application (migrations): signing keys the environment does not
   * give are made up in memory instead of kept in the data folder. Never for anything that runs the
   * application on a database: its checkpoint publisher would sign with a key the log does not have.
   */
  signingKeysUnused?: boolean;
}

/**
 * Builds the one validated configuration object from the environment. Throws a ConfigError
 * naming every bad variable; secrets (keys) are read only from here and never echoed. Outside
 * production, signing keys the environment does not give are kept in DATA_DIR/keys/ (made on the
 * first start, read on every later one: decision 0041).
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, options: LoadConfigOptions = {}): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const production = nodeEnv === 'production';
  const dataDir = resolve(read.string('DATA_DIR', './.data'));
  const keys: KeySource = { production, folder: options.signingKeysUnused ? null : keyFolderOf(dataDir) };

  const signing = readTokenSigningKeys(read, keys);
  const ledgerKey = readLedgerSigningSeeds(read, keys);
  const publicUrl = readPublicUrl(read, production);
  const config: AppConfig = {
    env: nodeEnv,
    http: {
      host: read.string('HOST', '127.0.0.1'),
      port: read.int('PORT', 3000, { min: 0, max: 65535 }),
      bodyLimitBytes: read.bytes('BODY_LIMIT', 1024 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
      corsOrigins: read.list('CORS_ORIGINS'),
      trustProxy: read.bool('TRUST_PROXY', false),
      shutdownGraceMs: read.int('SHUTDOWN_GRACE_MS', 10_000, { min: 0, max: 600_000 }),
      publicUrl,
    },
    database: {
      url: read.optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']),
      migrationUrl: read.optionalUrl('MIGRATION_DATABASE_URL', ['postgres:', 'postgresql:']),
      dataDir,
      embeddedPort: read.int('EMBEDDED_POSTGRES_PORT', 54329, { min: 1024, max: 65535 }),
      poolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
      statementTimeoutMs: read.int('DATABASE_STATEMENT_TIMEOUT_MS', 15_000, { min: 100, max: 600_000 }),
    },
    logging: { level: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info') },
    auth: {
      issuer: publicUrl,
      audience: read.string('JWT_AUDIENCE', 'ccr-exchange-api'),
      accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 900, { min: 60, max: 3600 }),
      signingKeys: signing.keys,
      signingKeysFile: signing.file,
      oidc: readOidcTrust(read),
      clientAssertionMaxAgeSeconds: read.int('CLIENT_ASSERTION_MAX_AGE_SECONDS', 300, { min: 30, max: 3600 }),
      tokenFailures: {
        freeAttemptsPerClient: read.int('TOKEN_FAILURES_BEFORE_BACKOFF', 5, { min: 1, max: 100 }),
        freeAttemptsPerAddress: read.int('TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF', 50, { min: 1, max: 10_000 }),
        baseBackoffSeconds: read.int('TOKEN_BACKOFF_BASE_SECONDS', 1, { min: 1, max: 60 }),
        maxBackoffSeconds: read.int('TOKEN_BACKOFF_MAX_SECONDS', 900, { min: 1, max: 86_400 }),
        windowSeconds: read.int('TOKEN_FAILURE_WINDOW_SECONDS', 900, { min: 10, max: 86_400 }),
      },
    },
    people: {
      ...readOpaqueServerSetup(read, keys),
      sessionIdleSeconds: read.int('PERSON_SESSION_IDLE_SECONDS', 1800, { min: 60, max: 86_400 }),
      sessionMaxSeconds: read.int('PERSON_SESSION_MAX_SECONDS', 43_200, { min: 300, max: 604_800 }),
      enrolmentCodeTtlSeconds: read.int('ENROLMENT_CODE_TTL_SECONDS', 259_200, { min: 300, max: 2_592_000 }),
    },
    ledger: {
      origin: read.string('LEDGER_ORIGIN', 'ccr-exchange.local/disclosures'),
      signingSeed: ledgerKey.seed,
      nextSigningSeed: ledgerKey.next,
      keyFolder: ledgerKey.folder,
      checkpointIntervalMs: read.int('LEDGER_CHECKPOINT_INTERVAL_MS', 60_000, { min: 100, max: 86_400_000 }),
    },
    consent: { maxDurationDays: read.int('CONSENT_MAX_DAYS', 365, { min: 1, max: 3650 }) },
    envelope: {
      maxCiphertextBytes: read.bytes('ENVELOPE_MAX_CIPHERTEXT', 512 * 1024, { min: 1024, max: 32 * 1024 * 1024 }),
      maxRecipients: read.int('ENVELOPE_MAX_RECIPIENTS', 32, { min: 1, max: 256 }),
    },
    scheduler: {
      enabled: read.bool('SCHEDULER_ENABLED', nodeEnv !== 'test'),
      sweepCron: read.string('SCHEDULER_SWEEP_CRON', '* * * * *'),
      pollingIntervalSeconds: read.int('SCHEDULER_POLLING_SECONDS', 2, { min: 1, max: 600 }),
    },
    webhooks: {
      refusePrivateTargets: production,
      allowedPrivateHosts: read.raw('WEBHOOK_ALLOWED_PRIVATE_HOSTS') === undefined && !production ? ['localhost', '127.0.0.1', '::1'] : read.list('WEBHOOK_ALLOWED_PRIVATE_HOSTS'),
      requestTimeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 10_000, { min: 100, max: 60_000 }),
      retryWindowSeconds: read.int('WEBHOOK_RETRY_WINDOW_SECONDS', 86_400, { min: 1, max: 7 * 86_400 }),
      retryBaseMs: read.int('WEBHOOK_RETRY_BASE_MS', 5_000, { min: 1, max: 3_600_000 }),
      retryMaxMs: read.int('WEBHOOK_RETRY_MAX_MS', 3_600_000, { min: 1, max: 86_400_000 }),
      secretOverlapSeconds: read.int('WEBHOOK_SECRET_OVERLAP_SECONDS', 86_400, { min: 0, max: 30 * 86_400 }),
    },
    benchBaselineRoute: read.bool('BENCH_BASELINE_ROUTE', false),
  };
  if (production && config.webhooks.allowedPrivateHosts.length > 0) read.fail('WEBHOOK_ALLOWED_PRIVATE_HOSTS is for tests and development: production refuses private webhook targets');
  if (config.ledger.origin.includes('\n')) read.fail('LEDGER_ORIGIN must be a single line');
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** Where keys the environment does not give come from: nowhere in production, else the data folder (null: memory). */
interface KeySource {
  production: boolean;
  folder: string | null;
}

function readTokenSigningKeys(read: EnvReader, source: KeySource): { keys: TokenSigningKey[]; file: string | null } {
  const raw = read.raw('JWT_SIGNING_KEYS');
  if (raw !== undefined) return { keys: parseTokenKeys(read, raw, 'JWT_SIGNING_KEYS must be a JSON array of private EC P-256 JWKs, each with a "kid" (current key first)'), file: null };
  if (source.production) {
    read.fail('JWT_SIGNING_KEYS is required when NODE_ENV=production (generate one with `npm run admin -- server-keys`)');
    return { keys: [newTokenKey()], file: null };
  }
  if (source.folder === null) return { keys: [newTokenKey()], file: null };
  const file = join(source.folder, KEY_FILES.tokens);
  const text = keyFileOrFail(read, source.folder, () => readOrCreateKeyFile(source.folder as string, KEY_FILES.tokens, () => `${JSON.stringify([newTokenJwk()])}\n`));
  if (text === undefined) return { keys: [newTokenKey()], file };
  return { keys: parseTokenKeys(read, text, `${file} must hold a JSON array of private EC P-256 JWKs with a "kid" (delete it to have a new one made)`), file };
}

function parseTokenKeys(read: EnvReader, text: string, problem: string): TokenSigningKey[] {
  try {
    const jwks = JSON.parse(text) as unknown;
    if (!Array.isArray(jwks) || jwks.length === 0) throw new Error('not a non-empty array');
    return jwks.map((jwk) => parseTokenKey(jwk as JsonWebKey & { kid?: unknown }));
  } catch {
    read.fail(problem);
    return [newTokenKey()];
  }
}

function parseTokenKey(jwk: JsonWebKey & { kid?: unknown }): TokenSigningKey {
  if (typeof jwk.kid !== 'string' || jwk.kid.length === 0) throw new Error('kid');
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string') throw new Error('key type');
  return { kid: jwk.kid, privateKey: createPrivateKey({ key: jwk, format: 'jwk' }) };
}

function newTokenJwk(): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: `dev-${randomBytes(6).toString('hex')}` };
}

function newTokenKey(): TokenSigningKey {
  const jwk = newTokenJwk();
  return { kid: jwk.kid, privateKey: createPrivateKey({ key: jwk, format: 'jwk' }) };
}

/**
 * OPAQUE_SERVER_SETUP, checked for shape here and by the OPAQUE library at start-up. Outside
 * production without it, the setup lives in the data folder's key folder: the library that makes
 * one needs an asynchronous start, so the file is made then (src/people/opaque-server.ts).
 */
function readOpaqueServerSetup(read: EnvReader, source: KeySource): { opaqueServerSetup: string | null; opaqueSetupFolder: string | null } {
  const raw = read.raw('OPAQUE_SERVER_SETUP');
  if (raw !== undefined) {
    if (!/^[A-Za-z0-9_-]{100,400}$/.test(raw.trim())) read.fail('OPAQUE_SERVER_SETUP must be a server setup as `npm run admin -- server-keys` prints it (base64url)');
    return { opaqueServerSetup: raw.trim(), opaqueSetupFolder: null };
  }
  if (source.production) read.fail('OPAQUE_SERVER_SETUP is required when NODE_ENV=production (generate one with `npm run admin -- server-keys`)');
  return { opaqueServerSetup: null, opaqueSetupFolder: source.folder };
}

interface LedgerSeeds {
  seed: Uint8Array;
  next: Uint8Array | null;
  /** The key folder when the seeds live there (re-read after a rotation), else null. */
  folder: string | null;
}

function readLedgerSigningSeeds(read: EnvReader, source: KeySource): LedgerSeeds {
  const raw = read.raw('LEDGER_SIGNING_KEY');
  const nextRaw = read.raw('LEDGER_NEXT_SIGNING_KEY');
  if (raw !== undefined) {
    const seed = parseSeed(read, raw, 'LEDGER_SIGNING_KEY must be a base64-encoded 32-byte Ed25519 seed');
    const next = nextRaw === undefined ? null : parseSeed(read, nextRaw, 'LEDGER_NEXT_SIGNING_KEY must be a base64-encoded 32-byte Ed25519 seed');
    if (next && Buffer.from(next).equals(Buffer.from(seed))) read.fail('LEDGER_NEXT_SIGNING_KEY must differ from LEDGER_SIGNING_KEY');
    return { seed, next, folder: null };
  }
  if (nextRaw !== undefined) read.fail('LEDGER_NEXT_SIGNING_KEY needs LEDGER_SIGNING_KEY (the key it takes over from)');
  if (source.production) {
    read.fail('LEDGER_SIGNING_KEY is required when NODE_ENV=production (generate one with `npm run admin -- server-keys`)');
    return { seed: randomBytes(32), next: null, folder: null };
  }
  const folder = source.folder;
  if (folder === null) return { seed: randomBytes(32), next: null, folder: null };
  const text = keyFileOrFail(read, folder, () => readOrCreateKeyFile(folder, KEY_FILES.ledger, () => `${randomBytes(32).toString('base64')}\n`));
  const nextText = keyFileOrFail(read, folder, () => readKeyFile(join(folder, KEY_FILES.ledgerNext)));
  const problem = (name: string) => `${join(folder, name)} must hold a base64-encoded 32-byte Ed25519 seed`;
  return {
    seed: text === undefined ? randomBytes(32) : parseSeed(read, text.trim(), problem(KEY_FILES.ledger)),
    next: nextText === undefined ? null : parseSeed(read, nextText.trim(), problem(KEY_FILES.ledgerNext)),
    folder,
  };
}

/**
 * Exported for the data folder's key files: a seed as LEDGER_SIGNING_KEY spells it (canonical
 * base64 of 32 bytes). A secret, so not crypto/base64.ts's decoder, which is for public wire data
 * (secrets go through libsodium's constant-time codec, which the synchronous configuration cannot
 * await); decoded once at start-up, as before.
 */
export function parseLedgerSeed(text: string): Uint8Array | null {
  const seed = Buffer.from(text, 'base64');
  return seed.length === 32 && seed.toString('base64') === text ? seed : null;
}

function parseSeed(read: EnvReader, text: string, problem: string): Uint8Array {
  const seed = parseLedgerSeed(text);
  if (seed) return seed;
  read.fail(problem);
  return randomBytes(32);
}

/** Runs a key file operation; a file system error becomes a configuration problem naming the folder (never a key). */
function keyFileOrFail(read: EnvReader, folder: string, work: () => string | undefined): string | undefined {
  try {
    return work();
  } catch (error) {
    read.fail(`cannot keep the signing keys in ${folder} (${(error as NodeJS.ErrnoException).code ?? 'error'}): fix its permissions, or set the keys in the environment`);
    return undefined;
  }
}

const DEVELOPMENT_PUBLIC_URL = 'http://127.0.0.1:3000';
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/**
 * The service's public base URL, as clients reach it (behind any proxy): the OAuth issuer
 * identifier and the base of the absolute URLs in the RFC 8414 metadata. RFC 8414 wants https;
 * plain http is allowed on loopback only, for development and tests. Returned as an origin
 * without a trailing slash.
 */
function readPublicUrl(read: EnvReader, production: boolean): string {
  if (read.raw('JWT_ISSUER') !== undefined) read.fail('JWT_ISSUER is no longer read: the issuer is the service\'s public URL, set PUBLIC_URL (e.g. https://ccr.example.org)');
  const raw = read.raw('PUBLIC_URL');
  if (raw === undefined) {
    if (production) read.fail('PUBLIC_URL is required when NODE_ENV=production: the https URL agencies reach the service at (the OAuth issuer)');
    return DEVELOPMENT_PUBLIC_URL;
  }
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  const loopback = url !== undefined && (LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname));
  const valid =
    url !== undefined &&
    (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) &&
    url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  if (!valid) {
    read.fail(`PUBLIC_URL must be an https:// origin without path, query or fragment (http:// only on a loopback address) (got "${raw}")`);
    return DEVELOPMENT_PUBLIC_URL;
  }
  return url.origin;
}

function readOidcTrust(read: EnvReader): OidcTrustConfig | undefined {
  const issuer = read.optionalString('OIDC_ISSUER');
  const jwksUrl = read.optionalUrl('OIDC_JWKS_URL', ['https:', 'http:']);
  const audience = read.optionalString('OIDC_AUDIENCE');
  const principalClaim = read.string('OIDC_PRINCIPAL_CLAIM', 'preferred_username');
  const given = [issuer, jwksUrl, audience].filter((value) => value !== undefined).length;
  if (given === 0) return undefined;
  if (given < 3 || !issuer || !jwksUrl || !audience) {
    read.fail('OIDC_ISSUER, OIDC_JWKS_URL and OIDC_AUDIENCE must be set together to trust an external identity provider');
    return undefined;
  }
  return { issuer, jwksUrl, audience, principalClaim };
}
