import { readFile, stat, writeFile } from 'node:fs/promises';
import { AgencyKeystore } from '../../src/sdk';
import { freePort } from '../support/service-process';
import { KEYSTORE_PASSPHRASE, type ListeningApp, randomUUID, runCli, startListeningApp, TempFolder, uniqueName } from '../support/sdk';

// Every test spawns the CLI from source (ts-node) one or more times: seconds each on a busy machine.
jest.setTimeout(180_000);

describe('ccrx CLI basics', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let agencyId: string;
  let keystorePath: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    agencyId = await app.ccr.agency('advocacy', 'vawa_fvpsa_voca');
    keystorePath = folder.file('agency.json');
    env = { CCRX_API: app.baseUrl, CCRX_KEYSTORE: keystorePath, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE };
  });
  afterAll(async () => {
    await app.close();
    await folder.remove();
  });

  it('prints help with every command and the exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['keys', 'whoami', 'seal', 'open']) expect(run.stdout).toContain(command);
    expect(run.stdout).toContain('Exit codes');
    const init = await runCli(['keys', 'init', '--help']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('--client-id');
  });

  it('answers a usage error with exit code 2 and no stack trace', async () => {
    const run = await runCli(['keys', 'init', '--client-id', 'x-system'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '--agency <id>'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('creates a keystore with keys init, printing the fingerprint and the client JWK to register', async () => {
    const clientId = uniqueName('cli-system');
    const run = await runCli(['--json', 'keys', 'init', '--agency', agencyId, '--client-id', clientId, '--kdf', 'interactive'], env);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({ agencyId, clientId, epochs: [{ epoch: 1, fingerprint: expect.stringMatching(/^[0-9a-f ]{39}$/) }] });
    expect(output.serviceAccount).toMatchObject({ kind: 'service', username: clientId, roles: ['service'], clientJwk: { kty: 'OKP', crv: 'Ed25519' } });
    expect((await stat(keystorePath)).mode & 0o777).toBe(0o600);
    expect(await readFile(keystorePath, 'utf8')).not.toContain(output.clientJwk.x); // everything inside is encrypted

    await app.ccr.createPrincipal(agencyId, output.serviceAccount);
    const again = await runCli(['keys', 'init', '--agency', agencyId, '--client-id', clientId, '--kdf', 'interactive'], env);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('already exists');
  });

  it('whoami authenticates with the keystore client key (private_key_jwt) against the real server', async () => {
    const run = await runCli(['whoami'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(agencyId);
    const json = JSON.parse((await runCli(['--json', 'whoami'], env)).stdout);
    expect(json).toMatchObject({ agencyId, kind: 'service', roles: ['service'] });
  });

  it('signs a person in as CCRX_USER, and answers each kind of caller a failed sign-in with its own hint', async () => {
    const person = await app.ccr.person(agencyId, ['advocate']);
    const asPerson = { CCRX_API: app.baseUrl, CCRX_USER: person.username, CCRX_PASSWORD: person.secret };
    const whoami = await runCli(['--json', 'whoami'], asPerson);
    expect(whoami.stderr).toBe('');
    expect(JSON.parse(whoami.stdout)).toMatchObject({ username: person.username, kind: 'person', agencyId });

    const wrongPassword = await runCli(['whoami'], { ...asPerson, CCRX_PASSWORD: 'not her password' });
    expect(wrongPassword.code).toBe(3);
    expect(wrongPassword.stderr).toContain(`check the username (${person.username}, from --user or CCRX_USER) and the password (CCRX_PASSWORD`);
    expect(wrongPassword.stderr).not.toContain('client assertion');

    const unregistered = folder.file('unregistered.json');
    await (await AgencyKeystore.create({ path: unregistered, agencyId, clientId: uniqueName('nobody'), passphrase: KEYSTORE_PASSPHRASE, strength: 'interactive' })).close();
    const service = await runCli(['whoami'], { ...env, CCRX_KEYSTORE: unregistered });
    expect(service.code).toBe(3);
    expect(service.stderr).toContain('signs in with a client assertion (private_key_jwt)');
    expect(service.stderr).not.toContain('CCRX_PASSWORD');
  });

  it('refuses a wrong passphrase with a clear message and exit code 3', async () => {
    const run = await runCli(['whoami'], { ...env, CCRX_PASSPHRASE: 'not the passphrase' });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('the passphrase is wrong');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const noSource = await runCli(['whoami'], { CCRX_API: app.baseUrl, CCRX_KEYSTORE: keystorePath });
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toContain('CCRX_PASSPHRASE');
  });

  it('seals and opens a file offline, and refuses a tampered record with exit code 6', async () => {
    const plaintext = folder.file('note.txt');
    const sealed = folder.file('note.sealed.json');
    const opened = folder.file('note.opened.txt');
    await writeFile(plaintext, 'Safety plan: the survivor stays with her sister this week.');
    const caseId = randomUUID();
    const seal = await runCli(['seal', '--case', caseId, '--category', 'safety_plan', '--in', plaintext, '--out', sealed], env);
    expect(seal.code).toBe(0);
    const record = JSON.parse(await readFile(sealed, 'utf8'));
    expect(record).toMatchObject({ v: 1, suite: 'ccr1', caseId, category: 'safety_plan', authorAgencyId: agencyId });
    expect(JSON.stringify(record)).not.toContain('sister');

    const open = await runCli(['--json', 'open', '--in', sealed, '--out', opened], env);
    expect(open.code).toBe(0);
    expect(await readFile(opened, 'utf8')).toBe('Safety plan: the survivor stays with her sister this week.');
    expect((await stat(opened)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(open.stdout)).toMatchObject({ caseId, authorAgencyId: agencyId, signerEpoch: 1 });

    await writeFile(sealed, JSON.stringify({ ...record, category: 'risk' }));
    const tampered = await runCli(['open', '--in', sealed, '--out', folder.file('never.txt')], env);
    expect(tampered.code).toBe(6);
    expect(tampered.stderr).toContain('the record was refused');
    await expect(stat(folder.file('never.txt'))).rejects.toThrow();
  });

  it('refuses to seal for an agency whose keys are not pinned (exit 4)', async () => {
    const run = await runCli(['seal', '--case', randomUUID(), '--category', 'risk', '--to', `${randomUUID()}:${randomUUID()}`, '--in', '-', '--out', '-'], env, 'x');
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('no keys are pinned');
  });

  it('shows the keystore offline with fingerprints', async () => {
    const keystore = await AgencyKeystore.open(keystorePath, KEYSTORE_PASSPHRASE);
    const [epoch1] = await keystore.publicEpochs();
    await keystore.close();
    const run = await runCli(['keys', 'show'], { CCRX_KEYSTORE: keystorePath, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(epoch1.fingerprint);
  });

  it('reports an unreachable API with exit code 7', async () => {
    const run = await runCli(['whoami'], { ...env, CCRX_API: `http://127.0.0.1:${await freePort()}` });
    expect(run.code).toBe(7);
    expect(run.stderr).toContain('could not reach the API');
  });
});
