import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyKeystore, CcrClient, Credentials } from '../../src/sdk';
import { startTestApp, type TestApp, type TestAppOptions } from './app';
import { TestCcr, uniqueName } from './ccr';
import { entryPointArgs } from './entry-points';
import { REPO_ROOT } from './service-process';

export const KEYSTORE_PASSPHRASE = 'e2e keystore passphrase';

/** The real application listening on a loopback port, for clients that speak HTTP themselves. */
export interface ListeningApp {
  t: TestApp;
  ccr: TestCcr;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startListeningApp(options: TestAppOptions = {}): Promise<ListeningApp> {
  const t = await startTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { t, ccr: new TestCcr(t), baseUrl: `http://127.0.0.1:${port}`, close: () => t.close() };
}

export class TempFolder {
  private constructor(readonly path: string) {}

  static async create(): Promise<TempFolder> {
    return new TempFolder(await mkdtemp(join(tmpdir(), 'ccrx-e2e-')));
  }

  file(name: string): string {
    return join(this.path, name);
  }

  remove(): Promise<void> {
    return rm(this.path, { recursive: true, force: true });
  }
}

export interface ServiceAgency {
  agencyId: string;
  clientId: string;
  keystore: AgencyKeystore;
}

/** An agency onboarded by the administrator, with a service account whose clientJwk is the keystore's client key. */
export async function serviceAgency(app: ListeningApp, folder: TempFolder, kind: Parameters<TestCcr['agency']>[0] = 'advocacy'): Promise<ServiceAgency> {
  const agencyId = await app.ccr.agency(kind, kind === 'advocacy' ? 'vawa_fvpsa_voca' : 'criminal_justice');
  const clientId = uniqueName('system');
  const keystore = await AgencyKeystore.create({ path: folder.file(`${clientId}.json`), agencyId, clientId, passphrase: KEYSTORE_PASSPHRASE, strength: 'interactive' });
  await registerServiceAccount(app, agencyId, clientId, keystore);
  return { agencyId, clientId, keystore };
}

export async function registerServiceAccount(app: ListeningApp, agencyId: string, clientId: string, keystore: AgencyKeystore): Promise<void> {
  await app.ccr.createPrincipal(agencyId, { kind: 'service', username: clientId, displayName: clientId, roles: ['service'], clientJwk: await keystore.clientPublicJwk() });
}

export function connect(app: ListeningApp, agency: ServiceAgency): Promise<CcrClient> {
  return CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.fromKeystore(agency.keystore), keystore: agency.keystore });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the ccrx CLI as a child process (the build when current, else the source: entryPointArgs), with exactly the given environment plus PATH. */
export function runCli(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryPointArgs('src/cli/main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: 'tsconfig.json', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** The URL a fetch call was given, whatever its form. */
export function urlOf(input: string | URL | Request): string {
  return input instanceof Request ? input.url : input.toString();
}

export { randomUUID, uniqueName };
