import { writeFile } from 'node:fs/promises';
import { CcrClient, Credentials } from '../../src/sdk';
import { type Actor } from '../support/ccr';
import { KEYSTORE_PASSPHRASE, type ListeningApp, runCli, startListeningApp, TempFolder } from '../support/sdk';
import { sdkAgency, type SdkAgency, writtenRelease } from '../support/sdk-world';

// The CLI steps spawn ccrx from source (ts-node): seconds each on a busy machine.
jest.setTimeout(240_000);

/** `ccrx team refer|vote`, `ccrx meeting convene|contribute|read`, `ccrx action take|list|not-done`, signed in as people. */
describe('ccrx: high-risk team referrals, meetings and actions', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let police: SdkAgency;
  let advocacy: SdkAgency;
  let officer: Actor;
  let advocate: Actor;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    police = await sdkAgency(app, folder, 'law_enforcement', 'criminal_justice');
    advocacy = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    officer = await app.ccr.person(police.agencyId, ['agency_worker']);
    advocate = await app.ccr.person(advocacy.agencyId, ['advocate']);
  });
  afterAll(async () => {
    for (const agency of [police, advocacy]) await agency.keystore.close();
    await app.close();
    await folder.remove();
  });

  const as = (actor: Actor, agency: SdkAgency) => ({ CCRX_API: app.baseUrl, CCRX_KEYSTORE: agency.keystore.path, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE, CCRX_PASSWORD: actor.secret });
  const ccrx = async (actor: Actor, agency: SdkAgency, args: string[]) => {
    const run = await runCli(['--json', '--user', actor.username, ...args], as(actor, agency));
    // The first send to a partner pins its keys on first use, with a warning (decision 0024): nothing else on stderr.
    const stderr = run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('warning: pinned the keys of agency '));
    expect({ args, stderr, code: run.code }).toEqual({ args, stderr: [], code: 0 });
    return JSON.parse(run.stdout) as Record<string, unknown> & { id: string };
  };

  it('refers the Duluth case, accepts it, convenes, contributes, reads, and tracks an action to not done', async () => {
    const chair = await CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.password(advocate.username, advocate.secret), keystore: advocacy.keystore });
    const team = await chair.teams.form({ name: `Duluth DVHRT ${Date.now()}`, memberAgencyIds: [police.agencyId], requiresWrittenConsent: true });
    chair.close();
    const { id: caseId } = await police.client.cases.open();
    await police.client.consents.record(caseId, writtenRelease(advocacy.agencyId, { categories: ['risk'] }));

    const referral = await ccrx(officer, police, ['team', 'refer', '--team', team.id, '--case', caseId, '--reason', 'screened_high_risk', '--survivor-informed', 'yes']);
    expect(referral).toMatchObject({ status: 'referred', consentState: 'written', sharedWith: [police.agencyId, advocacy.agencyId].sort() });
    const accepted = await ccrx(advocate, advocacy, ['team', 'vote', '--referral', referral.id, '--motion', 'accept', '--present', advocacy.agencyId, '--present', police.agencyId, '--for', advocacy.agencyId]);
    // One for, one present without a vote (abstains): 1 of 2 is not a majority.
    expect(accepted).toMatchObject({ status: 'referred', decisions: [{ carried: false }] });
    const carried = await ccrx(advocate, advocacy, ['team', 'vote', '--referral', referral.id, '--motion', 'accept', '--present', advocacy.agencyId, '--present', police.agencyId, '--for', advocacy.agencyId, '--for', police.agencyId]);
    expect(carried).toMatchObject({ status: 'accepted' });

    const meeting = await ccrx(advocate, advocacy, ['meeting', 'convene', '--team', team.id, '--at', new Date().toISOString(), '--attendee', advocacy.agencyId, '--attendee', police.agencyId, '--referral', referral.id]);
    const text = folder.file('contribution.txt');
    await writeFile(text, 'Three calls in six weeks; strangulation reported.');
    const contribution = await ccrx(officer, police, ['meeting', 'contribute', '--meeting', meeting.id, '--referral', referral.id, '--case', caseId, '--in', text]);
    const read = await ccrx(advocate, advocacy, ['meeting', 'read', '--meeting', meeting.id, '--note', contribution.id]);
    expect(read.text).toBe('Three calls in six weeks; strangulation reported.');

    const what = folder.file('action.txt');
    await writeFile(what, 'Priority response flag on the address.');
    const taken = await ccrx(officer, police, ['action', 'take', '--meeting', meeting.id, '--referral', referral.id, '--case', caseId, '--due', new Date(Date.now() + 86_400_000).toISOString(), '--in', what]);
    expect(taken).toMatchObject({ status: 'open', ownerAgencyId: police.agencyId });
    const listed = await runCli(['--user', officer.username, 'action', 'list'], as(officer, police));
    expect(listed.stdout).toContain(`${taken.id}  open`);
    const notDone = await ccrx(officer, police, ['action', 'not-done', '--action', taken.id, '--reason', 'no_contact']);
    expect(notDone).toMatchObject({ status: 'not_done', notDoneReason: 'no_contact' });
  });
});
