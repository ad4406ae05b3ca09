import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { writeFile } from 'node:fs/promises';
import { createEd25519NoteSigner, createNoteVerifier, formatCheckpoint, keyFingerprint, parseKeyTransition, parseNote, signNote } from '../../src/ledger/checkpoint';
import { LogKeysService } from '../../src/ledger/log/log-keys.service';
import { rootFromFrontier } from '../../src/ledger/merkle';
import { type AccountingBundle, HttpLedgerClient, verifyAccounting, verifyLog } from '../../src/ledger/verifier';
import { createWitnessKeyFile, createWitnessState, loadWitnessKey, runWitnessOnce } from '../../src/ledger/witness-client';
import { connectAsApiRole } from '../support/api-role';
import { type Actor } from '../support/ccr';
import { createMigratedDatabase, type TestDatabase } from '../support/database';
import { apiAs, LedgerFixtures } from '../support/ledger-fixtures';
import { type ListeningApp, runCli, startListeningApp, TempFolder } from '../support/sdk';
import { freePort, runAdmin, type ServiceProcess, spawnService, waitForReady } from '../support/service-process';

/** A CCR built over plain HTTP on a real service process: the bootstrap administrator, then principals. */
class HttpCcr {
  constructor(private port: number) {}

  at(port: number): this {
    this.port = port;
    return this;
  }

  async call<T = Record<string, unknown>>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as T };
  }

  async token(username: string, password: string): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${this.port}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', username, password }) });
    if (response.status !== 200) throw new Error(`POST /oauth/token for ${username} answered ${response.status}, not 200`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  /** A person in the agency: username and one-time password. */
  async person(adminToken: string, agencyId: string, username: string, roles: string[]): Promise<{ username: string; password: string }> {
    const created = await this.call<{ oneTimeSecret: string }>('POST', `/agencies/${agencyId}/principals`, adminToken, { kind: 'person', username, displayName: username, roles });
    if (created.status !== 201) throw new Error(`creating ${username} answered ${created.status}, not 201`);
    return { username, password: created.body.oneTimeSecret };
  }
}

async function bootstrap(env: Record<string, string>): Promise<string> {
  const run = await runAdmin(['bootstrap', '--username', 'ccr-admin'], env);
  expect(run.code).toBe(0);
  return run.stdout.split('\n')[2].trim();
}

const asPerson = (port: number, person: { password: string }) => ({ CCRX_API: `http://127.0.0.1:${port}`, CCRX_PASSWORD: person.password });

/** Every service process a test started: stopped after the suite even if a test failed half-way. */
const started: ServiceProcess[] = [];
function start(env: Record<string, string>): ServiceProcess {
  const service = spawnService(env);
  started.push(service);
  return service;
}
afterAll(async () => {
  const running = started.filter((service) => service.child.exitCode === null && service.child.signalCode === null);
  for (const service of running) service.child.kill('SIGTERM');
  await Promise.all(running.map((service) => service.exited));
});

async function stop(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(0);
}

/** Every secret the data folder holds, as text that must never appear in a log. */
function secretsIn(keyFolder: string): string[] {
  const seeds = readdirSync(keyFolder)
    .filter((name) => name.endsWith('.key'))
    .map((name) => readFileSync(join(keyFolder, name), 'utf8').trim());
  const jwks = JSON.parse(readFileSync(join(keyFolder, 'token-signing-keys.json'), 'utf8')) as { d: string }[];
  return [...seeds, ...jwks.map((jwk) => jwk.d)];
}

describe('the log key on the development default (kept in the data folder)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccr-log-keys-'));
  const work = mkdtempSync(join(tmpdir(), 'ccr-log-keys-work-'));
  const file = (name: string) => join(work, name);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('survives restarts and a rotation: verify and the survivor\'s receipt pass with the trust policy made first; an unknown key fails naming the checkpoint', async () => {
    const [port, databasePort] = [await freePort(), await freePort()];
    const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort), LOG_LEVEL: 'info', LEDGER_CHECKPOINT_INTERVAL_MS: '3600000' };
    const adminEnv = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(databasePort), LOG_LEVEL: 'warn' };
    const ccr = new HttpCcr(port);

    // First start: the keys are made, the CCR is set up, an auditor pins the log key.
    let service = start(env);
    await waitForReady(port, service, 180_000);
    const admin = await ccr.token('ccr-admin', await bootstrap(adminEnv));
    const coordinatingBody = (await ccr.call<{ agencyId: string }>('GET', '/principals/me', admin)).body.agencyId;
    const advocacy = (await ccr.call<{ id: string }>('POST', '/agencies', admin, { name: 'Safe Haven', kind: 'advocacy', regime: 'vawa_fvpsa_voca' })).body.id;
    const auditor = await ccr.person(admin, coordinatingBody, 'auditor-1', ['auditor']);
    const advocate = await ccr.person(admin, advocacy, 'advocate-1', ['advocate']);
    const advocateToken = await ccr.token(advocate.username, advocate.password);
    const caseId = (await ccr.call<{ id: string }>('POST', '/cases', advocateToken, {})).body.id;
    expect((await ccr.call('POST', '/ledger/checkpoints', await ccr.token(auditor.username, auditor.password))).status).toBe(200);

    const init = await runCli(['ledger', 'trust', 'init', '--trust', file('trust.json')], { CCRX_API: `http://127.0.0.1:${port}` });
    expect(init.code).toBe(0);
    const rootKey = JSON.parse(readFileSync(file('trust.json'), 'utf8')).log as string;
    const rootFingerprint = ((await ccr.call<{ keys: { fingerprint: string }[] }>('GET', '/ledger/log-keys')).body.keys[0]).fingerprint;
    expect(init.stdout).toContain(rootFingerprint);
    expect(init.stdout).toContain('compare the fingerprint');
    const first = await runCli(['--user', advocate.username, 'ledger', 'accounting', '--case', caseId, '--trust', file('trust.json'), '--save-receipt', file('receipt.note')], asPerson(port, advocate));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    await stop(service);

    // Restart on the same data: the same key signs, the receipt and the old policy still verify.
    service = start(env);
    await waitForReady(port, service, 180_000);
    expect((await ccr.call<{ verifierKey: string }>('GET', '/ledger/log-key')).body.verifierKey).toBe(rootKey);
    expect((await ccr.call('GET', '/principals/me', advocateToken)).status).toBe(200); // the token key survived too
    await ccr.call('POST', '/cases', advocateToken, {});
    expect((await ccr.call('POST', '/ledger/checkpoints', await ccr.token(auditor.username, auditor.password))).status).toBe(200);
    const afterRestart = await runCli(['--user', auditor.username, 'ledger', 'verify', '--trust', file('trust.json'), '--previous', file('receipt.note')], asPerson(port, auditor));
    expect(afterRestart.stderr).toBe('');
    expect(afterRestart.code).toBe(0);
    const receiptAfterRestart = await runCli(['--user', advocate.username, 'ledger', 'accounting', '--case', caseId, '--trust', file('trust.json'), '--previous', file('receipt.note')], asPerson(port, advocate));
    expect(receiptAfterRestart.code).toBe(0);

    // Rotation while the service runs: the operator's command appends the signed transition.
    const rotated = await runAdmin(['rotate-log-key'], adminEnv);
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    const keys = (await ccr.call<{ keys: { verifierKey: string; fingerprint: string; from: number; transition: { index: number } | null }[] }>('GET', '/ledger/log-keys')).body.keys;
    expect(keys).toHaveLength(2);
    expect(keys[0].verifierKey).toBe(rootKey);
    expect(keys[1]).toMatchObject({ transition: { index: keys[1].from - 1 } });
    expect(rotated.stdout).toContain(keys[1].fingerprint);
    expect(readdirSync(join(dataDir, 'keys')).sort()).toEqual(['ledger-signing.key', 'opaque-server-setup.key', 'token-signing-keys.json']);
    await ccr.call('POST', '/cases', advocateToken, {});
    const signedByNewKey = await ccr.call<{ checkpoint: { note: string } }>('POST', '/ledger/checkpoints', await ccr.token(auditor.username, auditor.password));
    expect(signedByNewKey.status).toBe(200);
    expect(signedByNewKey.body.checkpoint.note).toContain(`— ${keys[1].verifierKey.split('+')[0]} `);
    expect((await ccr.call<{ verifierKey: string }>('GET', '/ledger/log-key')).body.verifierKey).toBe(keys[1].verifierKey);
    const afterRotation = await runCli(['--user', auditor.username, 'ledger', 'verify', '--trust', file('trust.json'), '--previous', file('receipt.note')], asPerson(port, auditor));
    expect(afterRotation.stderr).toBe('');
    expect(afterRotation.code).toBe(0);
    expect(afterRotation.stdout).toContain('1 signed key transition(s)');
    const receiptAfterRotation = await runCli(
      ['--user', advocate.username, 'ledger', 'accounting', '--case', caseId, '--trust', file('trust.json'), '--previous', file('receipt.note'), '--save-receipt', file('receipt-2.note')],
      asPerson(port, advocate),
    );
    expect(receiptAfterRotation.code).toBe(0);
    await stop(service);

    // And a restart after the rotation: the data folder's key is now the new one.
    service = start(env);
    await waitForReady(port, service, 180_000);
    await ccr.call('POST', '/cases', advocateToken, {});
    expect((await ccr.call('POST', '/ledger/checkpoints', await ccr.token(auditor.username, auditor.password))).status).toBe(200);
    const afterBoth = await runCli(['--user', advocate.username, 'ledger', 'accounting', '--case', caseId, '--trust', file('trust.json'), '--previous', file('receipt.note')], asPerson(port, advocate));
    expect(afterBoth.code).toBe(0);
    const secrets = secretsIn(join(dataDir, 'keys'));
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(service.output()).not.toContain(secret);
    expect(service.output()).toContain('the log key is kept in the data folder');

    // A checkpoint by a key the log never handed over to: exit 6, naming the checkpoint and the key.
    const password = readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim();
    const owner = new Client({ host: '127.0.0.1', port: databasePort, user: 'postgres', password, database: 'postgres' });
    await owner.connect();
    try {
      await ccr.call('POST', '/cases', advocateToken, {});
      const state = (await owner.query<{ tree_size: string; frontier: Buffer[] }>('SELECT tree_size, frontier FROM ledger_state')).rows[0];
      const stranger = await createEd25519NoteSigner('ccr-exchange.local/disclosures', randomBytes(32));
      const size = Number(state.tree_size);
      const forged = signNote(formatCheckpoint({ origin: stranger.name, treeSize: size, rootHash: rootFromFrontier(state.frontier), extensions: [] }), [stranger]);
      await owner.query('INSERT INTO ledger_checkpoints (tree_size, root, note, signed_at) VALUES ($1, $2, $3, now())', [size, rootFromFrontier(state.frontier), forged]);
      const strangerLabel = `${stranger.name}+${stranger.keyId.toString(16).padStart(8, '0')}`;

      const refused = await runCli(['--user', auditor.username, 'ledger', 'verify', '--trust', file('trust.json')], asPerson(port, auditor));
      expect(refused.code).toBe(6);
      expect(refused.stdout).toContain(`checkpoint of size ${size} is signed by an unknown log key ${strangerLabel}`);
      const receiptRefused = await runCli(['--user', advocate.username, 'ledger', 'accounting', '--case', caseId, '--trust', file('trust.json')], asPerson(port, advocate));
      expect(receiptRefused.code).toBe(6);
      expect(receiptRefused.stdout).toContain(`checkpoint of size ${size} is signed by an unknown log key ${strangerLabel}`);
      // The service will not sign on top of it either: its own key history does not cover that key.
      await ccr.call('POST', '/cases', advocateToken, {});
      const publish = await ccr.call<{ type: string }>('POST', '/ledger/checkpoints', await ccr.token(auditor.username, auditor.password));
      expect(publish).toMatchObject({ status: 503, body: { type: expect.stringContaining('log-key-unavailable') } });
      expect(service.output()).toContain(`signed by an unknown log key ${strangerLabel}`);
    } finally {
      await owner.end();
      await stop(service);
    }
  }, 600_000);
});

describe('two API processes on one data folder', () => {
  let database: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'ccr-shared-keys-'));
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    database = await createMigratedDatabase();
  });
  afterAll(async () => {
    for (const service of services) service.child.kill('SIGTERM');
    await Promise.all(services.map((service) => service.exited));
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('make the keys once, between them, and sign with the same log key; the key files are 0600 and never logged', async () => {
    const ports = [await freePort(), await freePort()];
    // Started together: both race to create the keys, and must end up with one set.
    for (const port of ports) services.push(start({ DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', LEDGER_CHECKPOINT_INTERVAL_MS: '3600000' }));
    await Promise.all(ports.map((port, i) => waitForReady(port, services[i], 180_000)));

    const keyFolder = join(dataDir, 'keys');
    expect(statSync(keyFolder).mode & 0o777).toBe(0o700);
    const keyFiles = readdirSync(keyFolder).sort();
    expect(keyFiles).toEqual(['ledger-signing.key', 'opaque-server-setup.key', 'token-signing-keys.json']);
    expect(keyFiles.map((name) => statSync(join(keyFolder, name)).mode & 0o777)).toEqual([0o600, 0o600, 0o600]);
    const [one, two] = ports.map((port) => new HttpCcr(port));
    const logKeys = await Promise.all([one, two].map(async (ccr) => (await ccr.call<{ verifierKey: string }>('GET', '/ledger/log-key')).body.verifierKey));
    expect(logKeys[0]).toBe(logKeys[1]);

    const admin = await one.token('ccr-admin', await bootstrap({ DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
    expect((await two.call('GET', '/principals/me', admin)).status).toBe(200); // a token of one is good at the other
    const coordinatingBody = (await one.call<{ agencyId: string }>('GET', '/principals/me', admin)).body.agencyId;
    const auditor = await one.person(admin, coordinatingBody, 'auditor-shared', ['auditor']);
    const auditorToken = await one.token(auditor.username, auditor.password);
    // Each signs a checkpoint on top of the other's: each checks the latest was signed by the key in force.
    await one.call('GET', '/ledger/audit/entries?limit=1', auditorToken);
    expect((await one.call('POST', '/ledger/checkpoints', auditorToken)).status).toBe(200);
    await two.call('GET', '/ledger/audit/entries?limit=1', auditorToken);
    expect((await two.call('POST', '/ledger/checkpoints', auditorToken)).status).toBe(200);
    await one.call('GET', '/ledger/audit/entries?limit=1', auditorToken);
    expect((await one.call('POST', '/ledger/checkpoints', auditorToken)).status).toBe(200);

    const secrets = secretsIn(keyFolder);
    expect(secrets.length).toBeGreaterThan(0);
    expect(services).toHaveLength(2);
    for (const secret of secrets) for (const service of services) expect(service.output()).not.toContain(secret);
  }, 300_000);
});

describe('witnesses and trust policies across a rotation (in-process)', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let log: LedgerFixtures;
  let admin: Actor;
  let auditor: Actor;
  let system: Actor;
  let rootKey: string;
  let witness: { keyPath: string; statePath: string; vkey: string };
  const trustFile = () => folder.file('trust.json');

  beforeAll(async () => {
    app = await startListeningApp({ env: { LEDGER_NEXT_SIGNING_KEY: randomBytes(32).toString('base64') } });
    folder = await TempFolder.create();
    admin = await app.ccr.admin();
    auditor = await app.ccr.person(await app.ccr.coordinatingBodyId(), ['auditor']);
    system = await app.ccr.service(await app.ccr.agency('probation', 'criminal_justice'));
    log = await LedgerFixtures.connect(app.t.database.url, await connectAsApiRole(app.t.database.url));
    rootKey = (await app.t.http().get('/ledger/log-key').expect(200)).body.verifierKey;
    const cosigner = await createWitnessKeyFile(folder.file('w.key'), 'witness.probation.example/w1');
    await createWitnessState(folder.file('w.state'), rootKey);
    await app.t.http().post('/ledger/witnesses').set('Authorization', admin.bearer).send({ name: cosigner.name, verifierKey: cosigner.verifierKey, agencyId: system.agencyId }).expect(201);
    witness = { keyPath: folder.file('w.key'), statePath: folder.file('w.state'), vkey: cosigner.verifierKey };
  });
  afterAll(async () => {
    await log.close();
    await app.close();
    await folder.remove();
  });

  async function growAndPublish(): Promise<number> {
    const caseId = await log.openCase(system.agencyId, system);
    await log.log('record_stored', { case: caseId, categories: ['risk'] });
    return (await app.t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200)).body.checkpoint.treeSize;
  }

  async function witnessRound() {
    const { cosigner } = await loadWitnessKey(witness.keyPath);
    return runWitnessOnce({ client: new HttpLedgerClient(apiAs(app.t, system)), cosigner, statePath: witness.statePath });
  }

  it('writes, extends and explains a trust policy, refusing to overwrite it or list a witness twice', async () => {
    const env = { CCRX_API: app.baseUrl };
    const init = await runCli(['--json', 'ledger', 'trust', 'init', '--trust', trustFile()], env);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ log: rootKey, fingerprint: keyFingerprint(rootKey), fromServer: true });
    expect((await runCli(['ledger', 'trust', 'init', '--trust', trustFile()], env)).code).toBe(5);
    const added = await runCli(['ledger', 'trust', 'add-witness', '--trust', trustFile(), '--witness', witness.vkey, '--quorum', '1'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(keyFingerprint(witness.vkey));
    expect(JSON.parse(readFileSync(trustFile(), 'utf8'))).toEqual({ log: rootKey, witnesses: [witness.vkey], quorum: 1 });
    const twice = await runCli(['ledger', 'trust', 'add-witness', '--trust', trustFile(), '--witness', witness.vkey], env);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('listed already');
    const shown = await runCli(['ledger', 'trust', 'show', '--trust', trustFile()], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`fingerprint ${keyFingerprint(rootKey)}`);
    expect(shown.stdout).toContain('at least 1 of them');
    expect(shown.stdout).toContain('witness.probation.example/w1');
    // Offline, from a key given on the command line: the same file, no server asked.
    const offline = await runCli(['ledger', 'trust', 'init', '--trust', folder.file('offline.json'), '--log-key', rootKey], {});
    expect(offline.code).toBe(0);
    expect(JSON.parse(readFileSync(folder.file('offline.json'), 'utf8'))).toEqual({ log: rootKey, witnesses: [], quorum: 0 });
    await writeFile(folder.file('bad.json'), '{"log": "not a key"}');
    expect((await runCli(['ledger', 'trust', 'show', '--trust', folder.file('bad.json')], {})).code).toBe(2);
  }, 300_000);

  it('has the witness cosign before and after the key changes, and the verifier pass with the policy made before', async () => {
    const before = await growAndPublish();
    expect(await witnessRound()).toMatchObject({ status: 'cosigned', treeSize: before });
    const rotation = await app.t.app.get(LogKeysService).rotate();
    expect(rotation).toMatchObject({ oldKey: rootKey, from: rotation.index + 1, alreadyRecorded: false });
    expect(parseKeyTransition(parseNote(rotation.note).text)).toEqual({ origin: expect.any(String), oldKey: rootKey, newKey: rotation.newKey, from: rotation.from });
    const [entry] = await log.entriesOfKind('log_key_transition');
    expect(entry).toMatchObject({ idx: rotation.index, entry: { detail: { transition: rotation.note } } });
    const policy = { logKey: await createNoteVerifier(rootKey), witnessKeys: [await createNoteVerifier(witness.vkey)], quorum: 1 };

    // An accounting now: its receipt is signed for it by the new key and has no cosignature yet; the
    // witness vouches for it through the checkpoint it cosigned under the old key, which it extends.
    const advocate = await app.ccr.person(system.agencyId, ['advocate']);
    const caseId = await log.openCase(system.agencyId, system);
    const bundle = (await app.t.http().get(`/cases/${caseId}/accounting`).set('Authorization', advocate.bearer).expect(200)).body as AccountingBundle & {
      receipt: { treeSize: number; cosignatures: unknown[] };
      witnessed: { checkpoint: { treeSize: number } };
    };
    expect(bundle.receipt.treeSize).toBeGreaterThan(rotation.from);
    expect(bundle.receipt.cosignatures).toEqual([]);
    expect(bundle.witnessed.checkpoint.treeSize).toBe(before);
    expect(bundle.logKeyTransitions).toEqual([{ index: rotation.index, note: rotation.note }]);
    expect(await verifyAccounting(bundle, policy)).toMatchObject({ ok: true, witnessedSize: before, witnesses: [{ name: 'witness.probation.example/w1' }], failures: [] });
    // Without the transitions the new key is unknown to a policy that trusts the root alone.
    expect(await verifyAccounting({ ...bundle, logKeyTransitions: [] }, policy)).toMatchObject({ ok: false, failures: [expect.objectContaining({ code: 'checkpoint' })] });

    const after = await growAndPublish();
    expect(after).toBeGreaterThan(rotation.from);
    expect(await witnessRound()).toMatchObject({ status: 'cosigned', treeSize: after, previousSize: before });
    const report = await verifyLog(new HttpLedgerClient(apiAs(app.t, auditor)), policy);
    expect(report).toMatchObject({ ok: true, treeSize: after, logKeys: [{ verifierKey: rootKey, from: 0 }, { verifierKey: rotation.newKey, from: rotation.from }] });
    const cli = await runCli(['--user', auditor.username, 'ledger', 'verify', '--trust', trustFile()], { CCRX_API: app.baseUrl, CCRX_PASSWORD: auditor.secret });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    // Rotating again to the same next key is a no-op that says so.
    expect(await app.t.app.get(LogKeysService).rotate()).toMatchObject({ alreadyRecorded: true, index: rotation.index });
  }, 180_000);

  it('has the witness refuse a checkpoint signed by a key the log never handed over to, naming it', async () => {
    await log.log('ledger_read', { detail: { view: 'test' } });
    const state = (await log.owner.query<{ tree_size: string; frontier: Buffer[] }>('SELECT tree_size, frontier FROM ledger_state')).rows[0];
    const stranger = await createEd25519NoteSigner(rootKey.split('+')[0], randomBytes(32));
    const size = Number(state.tree_size);
    const note = signNote(formatCheckpoint({ origin: stranger.name, treeSize: size, rootHash: rootFromFrontier(state.frontier), extensions: [] }), [stranger]);
    await log.owner.query('INSERT INTO ledger_checkpoints (tree_size, root, note, signed_at) VALUES ($1, $2, $3, now())', [size, rootFromFrontier(state.frontier), note]);
    const outcome = await witnessRound();
    expect(outcome).toMatchObject({ status: 'refused', reason: 'bad-signature', treeSize: size });
    expect(outcome.status === 'refused' && outcome.message).toContain(`checkpoint of size ${size} is signed by an unknown log key ${stranger.name}+${stranger.keyId.toString(16).padStart(8, '0')}`);
  });
});
