/**
 * ccrx for people (issue 19): a person enrols and signs in with their own secret and TOTP, the
 * agency moves from its keystore file to membership wraps, the person unlocks with no file, and a
 * member recovers and removes people. Each ccrx run is a real process against the real service.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Authenticator, issueEnrolmentCode } from '../support/people';
import { connect, KEYSTORE_PASSPHRASE, type ListeningApp, runCli, serviceAgency, type ServiceAgency, startListeningApp, TempFolder, uniqueName } from '../support/sdk';
import { entryPointArgs } from '../support/entry-points';
import { REPO_ROOT } from '../support/service-process';

jest.setTimeout(300_000);

describe('ccrx person and ccrx agency move-to-members', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let shelter: ServiceAgency;
  let person: { id: string; username: string; secret: string; authenticator?: Authenticator; fingerprint?: string };

  beforeAll(async () => {
    app = await startListeningApp({ env: { TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '10000' } });
    folder = await TempFolder.create();
    shelter = await serviceAgency(app, folder, 'advocacy');
    await (await connect(app, shelter)).keys.register();
    const username = uniqueName('advocate');
    const created = await app.ccr.createPrincipal(shelter.agencyId, { kind: 'person', username, displayName: username, roles: ['advocate'] });
    person = { id: created.id, username, secret: 'my own long secret, chosen by me' };
  });
  afterAll(async () => {
    await app.close();
    await folder.remove();
  });

  const env = (extra: Record<string, string> = {}) => ({ CCRX_API: app.baseUrl, CCRX_ORIGIN: app.t.config.http.publicUrl, ...extra });
  const asSystem = () => ({ CCRX_KEYSTORE: shelter.keystore.path, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE });
  const asPerson = async () => env({ CCRX_SECRET: person.secret, CCRX_TOTP: await (person.authenticator as Authenticator).code() });
  const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

  it('enrols: the TOTP key is shown, the first code confirms it', async () => {
    const code = await issueEnrolmentCode(app.t, app.ccr, shelter.agencyId, person.id);
    const run = await enrolInteractively(['--json', 'person', 'enrol', '--code', code], env({ CCRX_NEW_SECRET: person.secret }), (key) => {
      person.authenticator = new Authenticator(key);
      return person.authenticator.code();
    });
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({ principalId: person.id, username: person.username, recovered: false });
  });

  it('signs in the first time: makes the person keys and prints the fingerprint to read to a member', async () => {
    const run = await runCli(['--json', 'person', 'sign-in', '--username', person.username], await asPerson());
    expect(run.stderr).toBe('');
    const answer = json(run.stdout);
    expect(answer).toMatchObject({ personId: person.id, agencyId: shelter.agencyId, keysMadeNow: true, member: false });
    person.fingerprint = answer.fingerprint as string;
    expect(person.fingerprint).toMatch(/^([0-9a-f]{4}-){7}[0-9a-f]{4}$/);
  });

  it('moves the agency from its keystore file to membership wraps, only for the fingerprint confirmed', async () => {
    const wrong = await runCli(['agency', 'move-to-members', '--member', `${person.id}=0000-0000-0000-0000-0000-0000-0000-0000`], env(asSystem()));
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/not the one confirmed: nothing was wrapped/);
    const moved = await runCli(['--json', 'agency', 'move-to-members', '--member', `${person.id}=${person.fingerprint}`], env(asSystem()));
    expect(moved.stderr).toBe('');
    expect(json(moved.stdout)).toMatchObject({ agencyId: shelter.agencyId, members: [{ personId: person.id, epochs: [1], fingerprint: person.fingerprint }] });
  });

  it('unlocks from the wrap, with no keystore file anywhere in reach', async () => {
    const run = await runCli(['--json', '--keystore', folder.file('no-such-file.json'), 'person', 'unlock', '--username', person.username], await asPerson());
    expect(run.stderr).toBe('');
    expect(json(run.stdout)).toMatchObject({ agencyId: shelter.agencyId, epochs: [1], rotationDue: false });
  });

  it('--user signs in as the person (secret and TOTP, no password grant) and seals and opens with their membership keys, no keystore file', async () => {
    const noFile = folder.file('no-such-keystore.json');
    const who = await runCli(['--json', '--user', person.username, 'whoami'], await asPerson());
    expect(who.stderr).toBe('');
    expect(json(who.stdout)).toMatchObject({ id: person.id, kind: 'person', agencyId: shelter.agencyId });
    const profile = folder.file('profile.json');
    await writeFile(profile, JSON.stringify({ name: 'Marisol Quintero' }));
    const opened = await runCli(['--json', '--user', person.username, '--keystore', noFile, 'case', 'open', '--profile', profile], await asPerson());
    expect(opened.stderr).toBe('');
    const caseId = json(opened.stdout).id as string;
    const read = await runCli(['--json', '--user', person.username, '--keystore', noFile, 'case', 'profile', '--case', caseId], await asPerson());
    expect(read.stderr).toBe('');
    expect(read.stdout).toContain('Marisol Quintero');
    // A wrong secret is refused before any code is asked, and no password grant is tried.
    const wrong = await runCli(['--user', person.username, 'whoami'], env({ CCRX_SECRET: 'not my secret at all', CCRX_TOTP: '000000' }));
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/username and secret did not work/);
  });

  it('recovers and removes as a member; removal rotates the keys when people remain', async () => {
    const recovered = await runCli(['--json', 'person', 'recover', '--person', person.id], env(asSystem()));
    expect(recovered.stderr).toBe('');
    expect(json(recovered.stdout).link).toMatch(/#enrol=[A-Za-z0-9_-]{22}$/);
    const removed = await runCli(['--json', 'person', 'remove', '--person', person.id], env(asSystem()));
    expect(removed.stderr).toBe('');
    expect(json(removed.stdout)).toMatchObject({ removed: { rotationDue: true }, rotated: { epoch: 2, people: [], skipped: [] } });
    // The removed person can no longer sign in.
    const after = await runCli(['person', 'unlock', '--username', person.username], await asPerson());
    expect(after.code).not.toBe(0);
  });
});

/** Runs ccrx, answering the one question (the TOTP code) from the key it printed on stderr. */
function enrolInteractively(args: string[], env: Record<string, string>, answer: (totpKey: string) => Promise<string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryPointArgs('src/cli/main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: 'tsconfig.json', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const key = /authenticator app \(TOTP, 6 digits, 30 s\): ([A-Z2-7 ]+)\n/.exec(stderr)?.[1];
      if (key && !answered) {
        answered = true;
        answer(key.replace(/ /g, '')).then((code) => child.stdin.end(`${code}\n`), reject);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
