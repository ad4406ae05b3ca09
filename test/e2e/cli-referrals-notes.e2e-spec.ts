import { writeFile } from 'node:fs/promises';
import { KEYSTORE_PASSPHRASE, type ListeningApp, runCli, startListeningApp, TempFolder } from '../support/sdk';
import { sdkAgency, type SdkAgency, writtenRelease } from '../support/sdk-world';

// Every step spawns ccrx from source (ts-node): seconds each on a busy machine.
jest.setTimeout(180_000);

/** `ccrx referral …` and `ccrx note …` as child processes against the real API. */
describe('ccrx referral and note commands', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let police: SdkAgency;
  let advocacy: SdkAgency;
  let caseId: string;
  let consentId: string;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    police = await sdkAgency(app, folder, 'law_enforcement', 'criminal_justice');
    advocacy = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    caseId = (await police.client.cases.open()).id;
    const release = await police.client.consents.record(
      caseId,
      writtenRelease(advocacy.agencyId, { actions: ['receive_referral', 'share_status_back', 'receive_notes'], categories: ['coordination'], purpose: 'advocacy_services' }),
    );
    consentId = release.id;
  });
  afterAll(async () => {
    for (const agency of [police, advocacy]) await agency.keystore.close();
    await app.close();
    await folder.remove();
  });

  const as = (agency: SdkAgency) => ({ CCRX_API: app.baseUrl, CCRX_KEYSTORE: agency.keystore.path, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE });
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);
  /** How ccrx shows an agency to a person: its directory name beside its id. */
  const named = async (agency: SdkAgency) => `${(await police.client.agencies.get(agency.agencyId)).name} (${agency.agencyId})`;

  it('sends, lists, shows and moves a referral', async () => {
    const packet = folder.file('packet.json');
    await writeFile(packet, JSON.stringify({ lethalityScreen: 'screened in', safeToCall: 'after 6pm' }));
    const send = await runCli(['--json', 'referral', 'send', '--case', caseId, '--to', advocacy.agencyId, '--consent', consentId, '--purpose', 'advocacy_services', '--priority', 'urgent', '--content', packet], as(police));
    // Police had not pinned the advocacy program's keys: the first use pins them and says so, once (decision 0024).
    expect(send.stderr).toMatch(new RegExp(`^warning: pinned the keys of agency ${advocacy.agencyId} on first use, fingerprint [0-9a-f ]+, without comparing it[^\n]*\n$`));
    expect(send.code).toBe(0);
    const sent = JSON.parse(send.stdout);
    expect(sent).toMatchObject({ status: 'requested', yourSide: 'sender', toAgencyId: advocacy.agencyId, priority: 'urgent', replayed: false });
    expect(send.stdout).not.toContain('screened in'); // only ids leave the sender's side in the answer

    const inbox = await runCli(['referral', 'list', '--box', 'in'], as(advocacy));
    expect(inbox.code).toBe(0);
    expect(inbox.stdout).toContain(sent.id);
    expect(inbox.stdout).toContain('requested');
    expect(inbox.stdout).toContain(`from ${await named(police)}`); // names beside ids

    const show = await runCli(['referral', 'show', '--referral', sent.id], as(advocacy));
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('"lethalityScreen": "screened in"');
    expect(show.stdout).toContain(`sealed by ${await named(police)}`);

    const received = await runCli(['referral', 'status', '--referral', sent.id, '--set', 'received'], as(advocacy));
    expect(received.code).toBe(0);
    expect(received.stdout).toContain('is now received (version 2)');

    const wrongSide = await runCli(['referral', 'status', '--referral', sent.id, '--set', 'accepted'], as(police));
    expect(wrongSide.code).toBe(5);
    expect(wrongSide.stderr).toContain('Not your move');
    noStack(wrongSide.stderr);
  });

  it('refuses a referral the release does not cover before sealing anything (exit 5)', async () => {
    const { id: otherCase } = await police.client.cases.open();
    const notesOnly = await police.client.consents.record(otherCase, writtenRelease(advocacy.agencyId, { categories: ['coordination'], purpose: 'advocacy_services' }));
    const packet = folder.file('uncovered.json');
    await writeFile(packet, JSON.stringify({ note: 'x' }));
    const run = await runCli(['referral', 'send', '--case', otherCase, '--to', advocacy.agencyId, '--consent', notesOnly.id, '--purpose', 'advocacy_services', '--content', packet], as(police));
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(`refused: release ${notesOnly.id} does not let this agency refer case ${otherCase}`);
    expect(run.stderr).toContain('action_not_covered');
    noStack(run.stderr);
    await expect(police.client.referrals.page({ box: 'out' })).resolves.toMatchObject({ items: expect.not.arrayContaining([expect.objectContaining({ caseId: otherCase })]) });
  });

  it('adds a note from stdin for exactly the consented agencies, lists and shows it', async () => {
    const add = await runCli(['--json', 'note', 'add', '--case', caseId, '--category', 'coordination', '--in', '-', '--to', advocacy.agencyId], as(police), 'Court date moved to Friday 9am.');
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const note = JSON.parse(add.stdout);
    expect(note.recipients.map((each: { agencyId: string }) => each.agencyId).sort()).toEqual([police.agencyId, advocacy.agencyId].sort());

    const mine = await runCli(['note', 'list', '--case', caseId], as(police));
    expect(mine.code).toBe(0);
    expect(mine.stdout).toContain(note.id);
    expect(mine.stdout).toContain(`${await named(police)} (you)`);
    expect(mine.stdout).toContain(await named(advocacy));
    const shared = await runCli(['note', 'list', '--shared'], as(advocacy));
    expect(shared.code).toBe(0);
    expect(shared.stdout).toContain(note.id);
    expect(shared.stdout).toContain(`by ${await named(police)}`);

    const show = await runCli(['note', 'show', '--note', note.id], as(advocacy));
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Court date moved to Friday 9am.');
    expect(show.stdout).toContain(`${await named(police)} (verified, epoch 1)`);
  });

  it('refuses a note for an agency its release does not cover (exit 5), and a note nobody shared (exit 4)', async () => {
    const refused = await runCli(['note', 'add', '--case', caseId, '--category', 'children', '--in', '-', '--to', advocacy.agencyId], as(police), 'The children saw it.');
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain(`no release of this case lets agency ${advocacy.agencyId} receive children notes now (category_not_covered)`);
    noStack(refused.stderr);
    expect((await police.client.notes.list(caseId)).map((each) => each.category)).not.toContain('children');

    const internal = await police.client.notes.add(caseId, { category: 'privileged_counseling', content: 'kept at home' });
    const notShared = await runCli(['note', 'show', '--note', internal.id], as(advocacy));
    expect(notShared.code).toBe(4);
    expect(notShared.stderr).toContain('No note with that id is visible to you.');
  });
});
