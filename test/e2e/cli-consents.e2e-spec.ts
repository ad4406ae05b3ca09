import { readFile, stat, writeFile } from 'node:fs/promises';
import { INFORMED_CONSENT_ITEMS } from '../../src/consent/consent.vocabulary';
import { KEYSTORE_PASSPHRASE, type ListeningApp, runCli, startListeningApp, TempFolder } from '../support/sdk';
import { feedOnce, sdkAgency, type SdkAgency, writtenRelease } from '../support/sdk-world';
import { runInTerminal } from '../support/terminal';

// Every step spawns ccrx from source (ts-node): seconds each on a busy machine.
jest.setTimeout(180_000);

/** `ccrx case …`, `ccrx consent …` and `ccrx events` as child processes against the real API. */
describe('ccrx case, consent and events commands', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let shelter: SdkAgency;
  let prosecution: SdkAgency;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    shelter = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    prosecution = await sdkAgency(app, folder, 'prosecution', 'criminal_justice');
  });
  afterAll(async () => {
    for (const agency of [shelter, prosecution]) await agency.keystore.close();
    await app.close();
    await folder.remove();
  });

  const env = () => ({ CCRX_API: app.baseUrl, CCRX_KEYSTORE: shelter.keystore.path, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE });

  it('opens a case with a profile from stdin and prints it back only on request', async () => {
    const open = await runCli(['--json', 'case', 'open', '--profile', '-'], env(), JSON.stringify({ names: ['Rosa M.'], safeContact: 'text only' }));
    expect(open.stderr).toBe('');
    expect(open.code).toBe(0);
    const handle = JSON.parse(open.stdout);
    expect(handle).toMatchObject({ custodianAgencyId: shelter.agencyId, profileRecordId: expect.any(String) });
    expect(open.stdout).not.toContain('Rosa');

    const out = folder.file('profile.json');
    const profile = await runCli(['case', 'profile', '--case', handle.id, '--out', out], env());
    expect(profile.code).toBe(0);
    expect(profile.stdout).not.toContain('Rosa');
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({ names: ['Rosa M.'], safeContact: 'text only' });
    expect((await stat(out)).mode & 0o777).toBe(0o600);

    const plain = await runCli(['case', 'list'], env());
    expect(plain.stdout).toMatch(new RegExp(`${handle.id}\\s+\\S+\\s+profile`));
    expect(plain.stdout).not.toContain('Rosa');
    const labelled = await runCli(['case', 'list', '--labels'], env());
    expect(labelled.code).toBe(0);
    expect(labelled.stdout).toMatch(new RegExp(`${handle.id}\\s+\\S+\\s+"Rosa M\\."`)); // opened here, from the sealed profile
  });

  it('records a release from flags with the words from stdin, shows it verified, and revokes it', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    const until = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const terms = ['--case', caseId, '--to', prosecution.agencyId, '--actions', 'receive_notes', '--categories', 'risk', '--purpose', 'prosecution_support', '--capture', 'written_signature', '--language', 'es', '--interpreter', 'none', '--informed', INFORMED_CONSENT_ITEMS.join(',')];
    const noEnd = await runCli(['consent', 'record', ...terms], env(), 'x');
    expect(noEnd.code).toBe(2);
    expect(noEnd.stderr).toContain('--until: missing (required)');

    const record = await runCli(['--json', 'consent', 'record', ...terms, '--until', until, '--words', '-'], env(), 'Para que la fiscalía sepa.');
    expect(record.stderr).toBe('');
    expect(record.code).toBe(0);
    const release = JSON.parse(record.stdout);
    expect(release).toMatchObject({ status: 'active', currentVersion: 1, recipientAgencyId: prosecution.agencyId, current: { language: 'es', termsRecordId: expect.any(String) } });
    expect(record.stdout).not.toContain('fiscalía');

    const show = await runCli(['consent', 'show', '--consent', release.id], env());
    expect(show.code).toBe(0);
    const prosecutionName = (await shelter.client.agencies.get(prosecution.agencyId)).name;
    expect(show.stdout).toMatch(new RegExp(`recipient:\\s+${prosecutionName} \\(${prosecution.agencyId}\\)`));
    const listed = await runCli(['consent', 'list', '--case', caseId], env());
    expect(listed.stdout).toContain(`to ${prosecutionName} (${prosecution.agencyId})`);
    expect(show.stdout).toContain("every version verified with this agency's key");

    await shelter.client.notes.add(caseId, { category: 'risk', content: 'Risk summary.' });
    await prosecution.client.notes.read((await shelter.client.notes.list(caseId))[0].id);
    const revoke = await runCli(['consent', 'revoke', '--consent', release.id, '--channel', 'in_person', '--yes'], env());
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toContain('It takes effect now.');
    expect(revoke.stdout).toContain('Already read, and NOT recalled');
    expect(revoke.stdout).toContain(`agency ${prosecutionName} (${prosecution.agencyId}) read risk`);
    await expect(shelter.client.consents.get(release.id)).resolves.toMatchObject({ status: 'revoked', revocation: { channel: 'in_person', signerEpoch: 1 } });
  });

  it('asks before revoking on a terminal, naming the recipient; refuses without a terminal unless --yes', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    const release = await shelter.client.consents.record(caseId, writtenRelease(prosecution.agencyId));
    const revokeArgs = ['--api', app.baseUrl, '--keystore', shelter.keystore.path, 'consent', 'revoke', '--consent', release.id, '--channel', 'phone'];

    const noTerminal = await runCli(revokeArgs, { CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE });
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('without a terminal to ask on, pass --yes');

    const declined = await runInTerminal(revokeArgs, ['n']);
    expect(declined.code).toBe(2);
    expect(declined.shown).toContain(`lets ${(await shelter.client.agencies.get(prosecution.agencyId)).name} (${prosecution.agencyId}) receive_notes`);
    expect(declined.shown).toContain('Revoke it? [y/N]');
    expect(declined.err).toContain('not revoked: you did not confirm');
    await expect(shelter.client.consents.get(release.id)).resolves.toMatchObject({ status: 'active' });

    const confirmed = await runInTerminal(revokeArgs, ['y']);
    expect(confirmed.err).toBe('');
    expect(confirmed.code).toBe(0);
    expect(confirmed.out).toContain('It takes effect now.');
    await expect(shelter.client.consents.get(release.id)).resolves.toMatchObject({ status: 'revoked', revocation: { channel: 'phone' } });
  });

  it('lists every term with its plain meaning in --help, marking the required ones', async () => {
    const help = await runCli(['consent', 'record', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--until <time>\s+valid until[^\n]*\n?[^\n]*\[required\]/);
    expect(help.stdout).toContain('prosecution_support       support during prosecution');
    expect(help.stdout).toContain('receive_notes       the agency may read case notes of the listed categories');
    expect(help.stdout).toContain('substance_use  substance use information');
    expect(INFORMED_CONSENT_ITEMS.filter((item) => !help.stdout.includes(`  ${item} `))).toEqual([]);
  });

  it('names every problem of the terms at once, by flag, and records nothing', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    const terms = folder.file('bad-terms.json');
    await writeFile(terms, JSON.stringify({ actions: ['receive_referral'], validUntil: '2027-02-30', captureMode: 'verbal', language: 'en' }));
    const run = await runCli(['--json', 'consent', 'record', '--case', caseId, '--to', prosecution.agencyId, '--terms', terms, '--purpose', 'curiosity'], env());
    expect(run.code).toBe(2);
    const { error } = JSON.parse(run.stderr);
    expect(error.problems.map((problem: { flag: string }) => problem.flag)).toEqual(['--purpose', '--until', '--interpreter', '--informed']);
    expect(error.message).toContain('--purpose: "curiosity" is not one of: advocacy_services');
    await expect(shelter.client.consents.list(caseId)).resolves.toEqual([]);
  });

  it('lists the events of the agency with a cursor to resume from', async () => {
    const { id: caseId } = await prosecution.client.cases.open();
    const terms = folder.file('terms.json');
    const validUntil = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10); // a day, as a person writes it
    const validFrom = new Date(Date.now() - 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00'); // no milliseconds, with an offset
    await writeFile(terms, JSON.stringify({ actions: ['receive_notes'], categories: ['coordination'], purpose: 'service_coordination', validFrom, validUntil, captureMode: 'verbal', language: 'en', interpreter: { used: false }, informedConsent: INFORMED_CONSENT_ITEMS }));
    const record = await runCli(['--json', 'consent', 'record', '--case', caseId, '--to', shelter.agencyId, '--terms', terms], { ...env(), CCRX_KEYSTORE: prosecution.keystore.path });
    expect(record.stderr).toBe('');
    expect(record.code).toBe(0);
    expect(JSON.parse(record.stdout).current).toMatchObject({ validUntil: `${validUntil}T00:00:00.000Z`, validFrom: `${validFrom.slice(0, 19)}.000Z` });
    const note = await prosecution.client.notes.add(caseId, { category: 'coordination', content: 'Hearing moved.', intendedFor: [shelter.agencyId] });
    await feedOnce(shelter.client, (seen) => seen.some((event) => event.recordId === note.currentRecordId)); // visible once older transactions end
    const events = await runCli(['events'], env());
    expect(events.code).toBe(0);
    expect(events.stdout).toMatch(new RegExp(`note\\.shared\\s+record ${note.currentRecordId}`));
    const next = /next: (\S+)/.exec(events.stdout)?.[1] as string;
    const again = await runCli(['--json', 'events', '--after', next], env());
    expect(JSON.parse(again.stdout)).toEqual({ events: [], next });
  });
});
