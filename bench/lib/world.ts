import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  type AgencyKeyEpoch,
  generateAgencyKeyEpoch,
  sealRecord,
  type SealedRecordV1,
  signConsentTerms,
  signKeyRegistration,
  toBase64,
  utf8,
} from '../../src/crypto';
import { consentTermsV1 } from '../../src/consent/consent-terms';
import { INFORMED_CONSENT_ITEMS } from '../../src/consent/consent.vocabulary';
import { newOpaqueServerSetup } from '../../src/people/opaque-server';
import { REPO_ROOT } from '../../src/tooling/service-process';
import { BenchHttp } from './http';

export interface BenchAgency {
  id: string;
  clientId: string;
  secret: string;
  keys: AgencyKeyEpoch;
  token: string;
}

export interface BenchWorld {
  http: BenchHttp;
  adminToken: string;
  auditorToken: string;
  police: BenchAgency;
  advocacy: BenchAgency;
  prosecution: BenchAgency;
  probation: BenchAgency;
  /** Police case and the survivor's release police → advocacy (referrals). */
  policeCaseId: string;
  referralConsentId: string;
  /** Advocacy case with releases to prosecution and probation covering `risk` (3-recipient notes). */
  advocacyCaseId: string;
  noteConsents: { prosecution: string; probation: string };
  credentials: { adminUser: string; adminPassword: string; auditorUser: string; auditorPassword: string };
}

const DAY = 86_400_000;

/** The CCR the benchmark runs against, built through the real API (and the operator CLI). */
export async function buildWorld(baseUrl: string, databaseUrl: string): Promise<BenchWorld> {
  const http = new BenchHttp(baseUrl);
  const adminUser = `bench-admin-${randomBytes(3).toString('hex')}`;
  const adminPassword = await bootstrapAdmin(databaseUrl, adminUser);
  const adminToken = await http.token({ grant_type: 'password', username: adminUser, password: adminPassword });
  const me = await http.json<{ agencyId: string }>('GET', '/principals/me', { token: adminToken });
  const auditorUser = `bench-auditor-${randomBytes(3).toString('hex')}`;
  const auditor = await http.json<{ oneTimeSecret: string }>('POST', `/agencies/${me.agencyId}/principals`, {
    token: adminToken,
    body: { kind: 'person', username: auditorUser, displayName: 'Bench auditor', roles: ['auditor'] },
  });
  const agency = (name: string, kind: string, regime: string) => onboard(http, adminToken, name, kind, regime);
  const police = await agency('Bench Police Department', 'law_enforcement', 'criminal_justice');
  const advocacy = await agency('Bench Advocacy Program', 'advocacy', 'vawa_fvpsa_voca');
  const prosecution = await agency('Bench Prosecutor', 'prosecution', 'criminal_justice');
  const probation = await agency('Bench Probation', 'probation', 'criminal_justice');

  const policeCaseId = (await http.json<{ id: string }>('POST', '/cases', { token: police.token, body: {} })).id;
  const referralConsentId = await recordConsent(http, police, policeCaseId, advocacy.id, { actions: ['receive_referral', 'share_status_back'], categories: [], purpose: 'advocacy_services' });
  const advocacyCaseId = (await http.json<{ id: string }>('POST', '/cases', { token: advocacy.token, body: {} })).id;
  const noteTerms = { actions: ['receive_notes'], categories: ['risk'], purpose: 'prosecution_support' };
  const noteConsents = {
    prosecution: await recordConsent(http, advocacy, advocacyCaseId, prosecution.id, noteTerms),
    probation: await recordConsent(http, advocacy, advocacyCaseId, probation.id, { ...noteTerms, purpose: 'supervision' }),
  };
  return {
    http,
    adminToken,
    auditorToken: await http.token({ grant_type: 'password', username: auditorUser, password: auditor.oneTimeSecret }),
    police,
    advocacy,
    prosecution,
    probation,
    policeCaseId,
    referralConsentId,
    advocacyCaseId,
    noteConsents,
    credentials: { adminUser, adminPassword, auditorUser, auditorPassword: auditor.oneTimeSecret },
  };
}

/** Fresh tokens for every principal (they live 15 minutes; a full run is longer). */
export async function refreshTokens(world: BenchWorld): Promise<void> {
  const { http, credentials } = world;
  world.adminToken = await http.token({ grant_type: 'password', username: credentials.adminUser, password: credentials.adminPassword });
  world.auditorToken = await http.token({ grant_type: 'password', username: credentials.auditorUser, password: credentials.auditorPassword });
  for (const agency of [world.police, world.advocacy, world.prosecution, world.probation]) {
    agency.token = await http.token({ grant_type: 'client_credentials', client_id: agency.clientId, client_secret: agency.secret });
  }
}

async function bootstrapAdmin(databaseUrl: string, username: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['dist/src/admin/main.js', 'bootstrap', '--username', username], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
  });
  return stdout.split('\n')[2].trim();
}

async function onboard(http: BenchHttp, adminToken: string, name: string, kind: string, regime: string): Promise<BenchAgency> {
  const { id } = await http.json<{ id: string }>('POST', '/agencies', { token: adminToken, body: { name: `${name} ${randomBytes(2).toString('hex')}`, kind, regime } });
  const clientId = `bench-${kind}-${randomBytes(3).toString('hex')}`;
  const created = await http.json<{ oneTimeSecret: string }>('POST', `/agencies/${id}/principals`, {
    token: adminToken,
    body: { kind: 'service', username: clientId, displayName: clientId, roles: ['service'] },
  });
  const token = await http.token({ grant_type: 'client_credentials', client_id: clientId, client_secret: created.oneTimeSecret });
  const keys = await generateAgencyKeyEpoch(id, 1);
  await http.json('POST', `/agencies/${id}/keys`, { token, body: await signKeyRegistration(keys) });
  return { id, clientId, secret: created.oneTimeSecret, keys, token };
}

async function recordConsent(http: BenchHttp, custodian: BenchAgency, caseId: string, recipientAgencyId: string, terms: { actions: string[]; categories: string[]; purpose: string }): Promise<string> {
  const consentId = randomUUID();
  const now = Date.now();
  const fields = {
    caseId,
    custodianAgencyId: custodian.id,
    recipientAgencyId,
    categories: terms.categories,
    actions: terms.actions,
    purpose: terms.purpose,
    validFrom: new Date(now - 60_000).toISOString(),
    validUntil: new Date(now + 90 * DAY).toISOString(),
    captureMode: 'written_signature',
    language: 'en',
    interpreter: { used: false },
    informedConsent: [...INFORMED_CONSENT_ITEMS],
    denyAgencyIds: [],
  } as Parameters<typeof consentTermsV1>[0];
  const signature = await signConsentTerms(consentId, 1, consentTermsV1(fields), custodian.keys.sign.privateKey);
  const { caseId: _case, custodianAgencyId: _custodian, ...body } = fields;
  await http.json('POST', `/cases/${caseId}/consents`, { token: custodian.token, body: { ...body, consentId, signerEpoch: 1, signature: toBase64(signature) } });
  return consentId;
}

/** A sealed record of about 1 KiB, as the author's SDK would make it. */
export function seal(author: BenchAgency, caseId: string, category: string, recipients: { agency: BenchAgency; consentId: string }[], size = 1024): Promise<SealedRecordV1> {
  return sealRecord({
    recordId: randomUUID(),
    caseId,
    category,
    authorAgencyId: author.id,
    createdAt: new Date().toISOString(),
    supersedes: null,
    body: utf8(randomBytes(Math.ceil(size * 0.75)).toString('base64').slice(0, size)),
    author: { epoch: 1, signSecretKey: author.keys.sign.privateKey },
    recipients: [
      { agencyId: author.id, epoch: 1, consentId: null, boxPublicKey: author.keys.box.publicKey },
      ...recipients.map(({ agency, consentId }) => ({ agencyId: agency.id, epoch: 1, consentId, boxPublicKey: agency.keys.box.publicKey })),
    ],
  });
}

/** The API's environment for a benchmark: fresh signing keys and OPAQUE setup, the baseline route, no checkpoint timer in the way. */
export async function benchServiceEnv(databaseUrl: string): Promise<Record<string, string>> {
  const jwk = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'bench' };
  return {
    DATABASE_URL: databaseUrl,
    JWT_SIGNING_KEYS: JSON.stringify([jwk]),
    LEDGER_SIGNING_KEY: randomBytes(32).toString('base64'),
    OPAQUE_SERVER_SETUP: await newOpaqueServerSetup(),
    NODE_ENV: 'production',
    // One issuer for every API process of the run (a token of one is accepted by the other, as behind
    // a load balancer); clients discover it, so it need not name a port.
    PUBLIC_URL: 'http://127.0.0.1',
    BENCH_BASELINE_ROUTE: 'true',
    LEDGER_CHECKPOINT_INTERVAL_MS: '3600000',
    // No deadline sweeps or deliveries in the measured process (the webhook figures start a worker for those).
    SCHEDULER_ENABLED: 'false',
    DATABASE_POOL_SIZE: '10',
  };
}

/** `count` referrals police → advocacy, for the read scenarios. */
export async function seedReferrals(world: BenchWorld, count: number): Promise<string[]> {
  const ids: string[] = [];
  // A key per request: a second seeding in the same run (the sweep's) would otherwise replay the first's keys (409).
  for (let i = 0; i < count; i += 1) {
    const content = await seal(world.police, world.policeCaseId, 'referral', [{ agency: world.advocacy, consentId: world.referralConsentId }]);
    const body = { toAgencyId: world.advocacy.id, fromCaseId: world.policeCaseId, consentId: world.referralConsentId, purpose: 'advocacy_services', priority: 'routine', content };
    ids.push((await world.http.json<{ id: string }>('POST', '/referrals', { token: world.police.token, body, headers: { 'Idempotency-Key': `seed-${randomUUID()}` } })).id);
  }
  return ids;
}

/** Signs a checkpoint now (with fresh tokens) and answers its tree size: what the proof scenarios prove against. */
export async function checkpointNow(world: BenchWorld): Promise<number> {
  await refreshTokens(world);
  const { checkpoint } = await world.http.json<{ checkpoint: { treeSize: number } }>('POST', '/ledger/checkpoints', { token: world.auditorToken, expect: 200 });
  return checkpoint.treeSize;
}
