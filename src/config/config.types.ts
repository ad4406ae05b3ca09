import { type KeyObject } from 'node:crypto';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface TokenSigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface OidcTrustConfig {
  issuer: string;
  jwksUrl: string;
  audience: string;
  /** The claim of the external token that names the CCR principal (its username). */
  principalClaim: string;
}

export interface AppConfig {
  env: (typeof NODE_ENVS)[number];
  http: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    corsOrigins: string[];
    trustProxy: boolean;
    shutdownGraceMs: number;
    /** The origin clients reach the service at (e.g. https://ccr.example.org): the issuer and the base of published URLs. */
    publicUrl: string;
  };
  database: {
    /** Unset → the service starts an embedded PostgreSQL in `dataDir`. */
    url?: string;
    /** Owner credentials for migrations; defaults to `url`. */
    migrationUrl?: string;
    dataDir: string;
    embeddedPort: number;
    poolSize: number;
    statementTimeoutMs: number;
  };
  logging: { level: (typeof LOG_LEVELS)[number] };
  auth: {
    /** The OAuth issuer identifier (RFC 8414): the public URL. `iss` of our tokens, an accepted `aud` of client assertions. */
    issuer: string;
    audience: string;
    accessTokenTtlSeconds: number;
    /** First key signs; every key verifies (rotation keeps old tokens valid until they expire). */
    signingKeys: TokenSigningKey[];
    /** The data folder's file the keys were read from, when JWT_SIGNING_KEYS is unset (outside production). */
    signingKeysFile: string | null;
    oidc?: OidcTrustConfig;
    clientAssertionMaxAgeSeconds: number;
    /** Back-off on failed token requests; an address (many users behind one NAT) gets more slack than a client. */
    tokenFailures: { freeAttemptsPerClient: number; freeAttemptsPerAddress: number; baseBackoffSeconds: number; maxBackoffSeconds: number; windowSeconds: number };
  };
  people: {
    /**
     * The OPAQUE server setup (OPAQUE_SERVER_SETUP): its OPRF seed and static key pair. Null outside
     * production when unset: then it lives in `opaqueSetupFolder` (made on first start, decision 0041).
     */
    opaqueServerSetup: string | null;
    opaqueSetupFolder: string | null;
    /** A signed-in person's session ends after this long without a request… */
    sessionIdleSeconds: number;
    /** …and this long after sign-in, whatever happens. */
    sessionMaxSeconds: number;
    /** How long an enrolment code stays good. */
    enrolmentCodeTtlSeconds: number;
  };
  ledger: {
    origin: string;
    /** Signs checkpoints while it is the log key in force (LEDGER_SIGNING_KEY, or the data folder's file). */
    signingSeed: Uint8Array;
    /** The key a rotation hands the log over to (LEDGER_NEXT_SIGNING_KEY, or the data folder's next-key file). */
    nextSigningSeed: Uint8Array | null;
    /** The data folder's key folder when the log keys live there (re-read after a rotation); null for environment keys. */
    keyFolder: string | null;
    checkpointIntervalMs: number;
  };
  consent: { maxDurationDays: number };
  envelope: { maxCiphertextBytes: number; maxRecipients: number };
  /** The job scheduler (pg-boss, decision 0118): off in tests unless a test turns it on. */
  scheduler: {
    enabled: boolean;
    /** When the deadline sweep runs (cron, in UTC; pg-boss's finest grain is a minute). */
    sweepCron: string;
    /** How often each process asks for due jobs. */
    pollingIntervalSeconds: number;
  };
  /** Push delivery to agency systems (decisions 0119–0121). */
  webhooks: {
    /** Refuse targets that resolve to loopback, private or link-local addresses, and plain http (production). */
    refusePrivateTargets: boolean;
    /** Hosts exempt from that rule (tests, development): never in production. */
    allowedPrivateHosts: string[];
    requestTimeoutMs: number;
    /** Retries stop and the delivery is dead-lettered this long after the event. */
    retryWindowSeconds: number;
    retryBaseMs: number;
    retryMaxMs: number;
    /** After a rotation, the previous secret still signs for this long. */
    secretOverlapSeconds: number;
  };
  /** Mounts POST /bench/baseline (the benchmark's floor); off unless BENCH_BASELINE_ROUTE=true. */
  benchBaselineRoute: boolean;
}
