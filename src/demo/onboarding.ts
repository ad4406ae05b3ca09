import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AgencyKeystore, CcrClient, Credentials, INFORMED_CONSENT_ITEMS, type ReleaseTerms } from '../sdk';
import { REPO_ROOT } from '../tooling/service-process';

/** What an administrator's console would do: a few API calls as the CCR administrator. */
export class AdminConsole {
  private constructor(readonly client: CcrClient) {}

  static async signIn(baseUrl: string, username: string, password: string): Promise<AdminConsole> {
    return new AdminConsole(await CcrClient.connect({ baseUrl, credentials: Credentials.password(username, password) }));
  }

  get coordinatingBodyId(): string {
    return this.client.principal.agencyId;
  }

  async onboardAgency(name: string, kind: string, regime: string): Promise<string> {
    return (await this.post<{ id: string }>('/agencies', { name, kind, regime })).id;
  }

  async addPerson(agencyId: string, username: string, roles: string[]): Promise<string> {
    return (await this.post<{ oneTimeSecret: string }>(`/agencies/${agencyId}/principals`, { kind: 'person', username, displayName: username, roles })).oneTimeSecret;
  }

  async addServiceAccount(agencyId: string, username: string, clientJwk: object): Promise<void> {
    await this.post(`/agencies/${agencyId}/principals`, { kind: 'service', username, displayName: username, roles: ['service'], clientJwk });
  }

  async registerWitness(name: string, verifierKey: string, agencyId: string): Promise<void> {
    await this.post('/ledger/witnesses', { name, verifierKey, agencyId });
  }

  async post<T>(path: string, body: object): Promise<T> {
    return (await this.client.http.request<T>({ method: 'POST', path, json: body })).body;
  }
}

/** `npm run admin -- bootstrap`, as the operator runs it next to the service: prints a one-time password. */
export async function bootstrapAdministrator(env: Record<string, string>, username: string): Promise<string> {
  return (await operator(env, ['bootstrap', '--username', username])).split('\n')[2].trim();
}

/** `npm run admin -- <args>` next to the service, with its environment; its standard output. */
export async function operator(env: Record<string, string>, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['dist/src/admin/main.js', ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
  });
  return stdout;
}

export interface AgencyDesk {
  name: string;
  agencyId: string;
  keystorePath: string;
  passphrase: string;
  client: CcrClient;
  keystore: AgencyKeystore;
  /** For people: their sign-in name and password (the CLI signs in with --user). */
  person?: { username: string; password: string };
}

/** An agency system: a keystore with agency keys and a client key, a service account bound to it. */
export async function agencySystem(admin: AdminConsole, baseUrl: string, directory: string, name: string, agencyId: string): Promise<AgencyDesk> {
  const username = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-system`;
  const { keystore, path, passphrase } = await newKeystore(directory, agencyId, username);
  await admin.addServiceAccount(agencyId, username, await keystore.clientPublicJwk());
  const client = await CcrClient.connect({ baseUrl, credentials: Credentials.fromKeystore(keystore), keystore });
  await client.keys.register();
  return { name, agencyId, keystorePath: path, passphrase, client, keystore };
}

/** A person (advocate, agency worker) at the agency's workstation, which holds the agency keystore. */
export async function agencyPerson(admin: AdminConsole, baseUrl: string, directory: string, name: string, agencyId: string, username: string, roles: string[]): Promise<AgencyDesk> {
  const password = await admin.addPerson(agencyId, username, roles);
  const { keystore, path, passphrase } = await newKeystore(directory, agencyId);
  const client = await CcrClient.connect({ baseUrl, credentials: Credentials.password(username, password), keystore });
  await client.keys.register();
  return { name, agencyId, keystorePath: path, passphrase, client, keystore, person: { username, password } };
}

async function newKeystore(directory: string, agencyId: string, clientId?: string): Promise<{ keystore: AgencyKeystore; path: string; passphrase: string }> {
  const path = join(directory, `keystore-${agencyId}.json`);
  const passphrase = randomBytes(18).toString('base64url');
  const keystore = await AgencyKeystore.create({ path, agencyId, clientId, passphrase, strength: 'interactive' });
  return { keystore, path, passphrase };
}

/** The survivor's written 30-day release for a referral to one agency and status back (the demo's and the browser tests' story). */
export function referralRelease(recipientAgencyId: string): ReleaseTerms {
  return {
    recipientAgencyId,
    actions: ['receive_referral', 'share_status_back'],
    purpose: 'advocacy_services',
    validFrom: new Date(),
    validUntil: new Date(Date.now() + 30 * 86_400_000),
    captureMode: 'written_signature',
    language: 'en',
    interpreter: { used: false },
    informedConsent: [...INFORMED_CONSENT_ITEMS],
  };
}
