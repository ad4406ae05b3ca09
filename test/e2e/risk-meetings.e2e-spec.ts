import { Client } from 'pg';
import { CcrClient, Credentials, ReleaseNotUsable } from '../../src/sdk';
import { ActionSweeper } from '../../src/risk/meetings/action-sweeper.service';
import { startTestApp } from '../support/app';
import { type Actor } from '../support/ccr';
import { eventually } from '../support/eventually';
import { type ListeningApp, startListeningApp, TempFolder } from '../support/sdk';
import { feedOnce, sdkAgency, type SdkAgency, writtenRelease } from '../support/sdk-world';

jest.setTimeout(180_000);

interface Entry {
  kind: string;
  recipient?: string;
  reason?: string;
  records?: string[];
  detail?: Record<string, unknown>;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * A high-risk team meeting: contributions sealed for attending agencies only, each wrap decided by
 * decide() (a VAWA program's without a written release refused, a justice agency's under its own
 * regime allowed, both logged), minutes only attending agencies with a basis can open (404 and a
 * logged refusal otherwise), action items reviewed at the next meeting, and the overdue sweep.
 */
describe('high-risk team meetings and action items', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let owner: Client;
  const agencies: Record<'police' | 'advocacy' | 'prosecution' | 'probation' | 'health', SdkAgency> = {} as never;
  const people: Record<keyof typeof agencies, { actor: Actor; client: CcrClient }> = {} as never;
  let teamId: string;
  let referralId: string;
  let policeCase: string;
  let probationRelease: string;
  let meetingId: string;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    owner = new Client({ connectionString: app.t.database.url });
    await owner.connect();
    agencies.police = await sdkAgency(app, folder, 'law_enforcement', 'criminal_justice');
    agencies.advocacy = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    agencies.prosecution = await sdkAgency(app, folder, 'prosecution', 'criminal_justice');
    agencies.probation = await sdkAgency(app, folder, 'probation', 'criminal_justice');
    agencies.health = await sdkAgency(app, folder, 'health', 'hipaa');
    for (const name of Object.keys(agencies) as (keyof typeof agencies)[]) {
      const actor = await app.ccr.person(agencies[name].agencyId, ['agency_worker']);
      people[name] = { actor, client: await CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.password(actor.username, actor.secret), keystore: agencies[name].keystore }) };
    }
    const { police, advocacy, prosecution, probation, health } = agencies;
    const team = await people.advocacy.client.teams.form({ name: `Duluth DVHRT ${Date.now()}`, memberAgencyIds: [police.agencyId, prosecution.agencyId, probation.agencyId, health.agencyId], requiresWrittenConsent: false });
    teamId = team.id;
    // The Duluth case: police hold it; written releases for advocacy, probation and health, a verbal one for prosecution.
    policeCase = (await police.client.cases.open()).id;
    for (const agency of [advocacy, probation, health]) {
      const recorded = await police.client.consents.record(policeCase, writtenRelease(agency.agencyId, { categories: ['risk'] }));
      if (agency === probation) probationRelease = recorded.id;
    }
    await police.client.consents.record(policeCase, writtenRelease(prosecution.agencyId, { categories: ['risk'], captureMode: 'verbal' }));
    referralId = (await people.police.client.teams.refer(teamId, { caseId: policeCase, reason: 'screened_high_risk', survivorInformed: true })).id;
    const meeting = await people.advocacy.client.meetings.convene(teamId, { heldAt: new Date(), attendeeAgencyIds: [advocacy.agencyId, police.agencyId, prosecution.agencyId, probation.agencyId], referralIds: [referralId] });
    meetingId = meeting.id;
  });
  afterAll(async () => {
    for (const person of Object.values(people)) person.client.close();
    for (const agency of Object.values(agencies)) await agency.keystore.close();
    await owner.end();
    await app.close();
    await folder.remove();
  });

  async function entries(filter: { caseId?: string; kinds: string[] }): Promise<Entry[]> {
    const { rows } = await owner.query<{ kind: string; entry: Buffer }>(
      `SELECT kind, entry FROM ledger_entries WHERE ($1::uuid IS NULL OR case_id = $1) AND kind = ANY($2) ORDER BY idx`,
      [filter.caseId ?? null, filter.kinds],
    );
    return rows.map((row) => ({ kind: row.kind, ...(JSON.parse(row.entry.toString()) as Omit<Entry, 'kind'>) }));
  }

  it('the chair convenes the meeting; every member sees its agenda, only the chair convenes', async () => {
    const view = await people.health.client.meetings.get(meetingId);
    expect(view).toMatchObject({ teamId, agenda: [referralId], attendeeAgencyIds: expect.arrayContaining([agencies.police.agencyId]) });
    expect(view.attendeeAgencyIds).not.toContain(agencies.health.agencyId);
    const byPolice = await people.police.client.meetings.convene(teamId, { heldAt: new Date(), attendeeAgencyIds: [agencies.police.agencyId], referralIds: [referralId] }).catch((e: unknown) => e);
    expect(byPolice).toMatchObject({ status: 403 });
  });

  it("refuses an advocacy program's contribution without a written release (VAWA) and logs it; allows a justice agency's under its own regime", async () => {
    const { advocacy, police, prosecution } = agencies;
    const advocacyCase = (await advocacy.client.cases.open()).id;
    const verbal = await advocacy.client.consents.record(advocacyCase, writtenRelease(police.agencyId, { categories: ['risk'], captureMode: 'verbal', purpose: 'advocacy_services' }));
    // Through the SDK: nothing is sealed, nothing sent.
    const bySdk = await people.advocacy.client.meetings.contribute(meetingId, { referralId, caseId: advocacyCase, content: 'She is staying with her sister.' }).catch((e: unknown) => e);
    expect(bySdk).toBeInstanceOf(ReleaseNotUsable);
    // A client that wraps anyway: the server asks decide(), refuses, logs, stores nothing.
    const sealed = await advocacy.client.records.seal({ caseId: advocacyCase, category: 'risk', body: new TextEncoder().encode('She is staying with her sister.'), recipients: [{ agencyId: police.agencyId, consentId: verbal.id }] });
    const refused = await app.t.http().post(`/risk-meetings/${meetingId}/contributions`).set('Authorization', people.advocacy.actor.bearer).send({ referralId, caseId: advocacyCase, content: sealed });
    expect(refused.status).toBe(422);
    const denied = await entries({ caseId: advocacyCase, kinds: ['denied'] });
    expect(denied).toEqual([expect.objectContaining({ recipient: police.agencyId, reason: 'verbal_consent_insufficient', detail: expect.objectContaining({ attempted: 'meeting_note', meeting: meetingId }) })]);
    expect(await owner.query(`SELECT 1 FROM risk_meeting_notes WHERE author_agency_id = $1`, [advocacy.agencyId])).toMatchObject({ rowCount: 0 });

    // Police, under the criminal-justice regime, with a verbal release for prosecution: allowed.
    const contribution = await people.police.client.meetings.contribute(meetingId, { referralId, caseId: policeCase, content: 'Two calls this month; he has a firearm.' });
    const recipients = contribution.recipients.map((each) => each.agencyId).sort();
    expect(recipients).toEqual([police.agencyId, advocacy.agencyId, prosecution.agencyId, agencies.probation.agencyId].sort());
    const stored = await entries({ caseId: policeCase, kinds: ['record_stored'] });
    expect(stored.some((entry) => entry.records?.includes(contribution.currentRecordId))).toBe(true);
    const read = await people.prosecution.client.meetings.readNote(meetingId, contribution.id);
    expect(read.text).toBe('Two calls this month; he has a firearm.');
  });

  it('lets attending agencies with a basis open the minutes; a member not attending, and an agency whose release ended, get 404 and the refusal is logged', async () => {
    const { police, prosecution, probation, health } = agencies;
    const minutes = await people.police.client.meetings.minutes(meetingId, { referralId, caseId: policeCase, content: 'Agreed: safety plan review, bail conditions, home visit.' });
    await expect(people.prosecution.client.meetings.readNote(meetingId, minutes.id)).resolves.toMatchObject({ text: 'Agreed: safety plan review, bail conditions, home visit.' });
    const disclosed = await entries({ caseId: policeCase, kinds: ['disclosure'] });
    expect(disclosed.some((entry) => entry.recipient === prosecution.agencyId && entry.records?.includes(minutes.currentRecordId))).toBe(true);

    const byHealth = await people.health.client.meetings.readNote(meetingId, minutes.id).catch((e: unknown) => e);
    expect(byHealth).toMatchObject({ status: 404 });
    const notAttending = await entries({ kinds: ['denied'] });
    expect(notAttending.some((entry) => entry.recipient === health.agencyId && entry.reason === 'not_attending' && entry.detail?.note === minutes.id)).toBe(true);

    await police.client.consents.revoke(probationRelease, { channel: 'in_person' });
    const byProbation = await people.probation.client.meetings.readNote(meetingId, minutes.id).catch((e: unknown) => e);
    expect(byProbation).toMatchObject({ status: 404 });
    const refusals = await entries({ caseId: policeCase, kinds: ['denied'] });
    expect(refusals.some((entry) => entry.recipient === probation.agencyId && entry.records?.includes(minutes.currentRecordId))).toBe(true);
  });

  it("lists an agency's own contributions and minutes, newest first, with whom each is wrapped for; never another agency's", async () => {
    const { police, probation, prosecution } = agencies;
    const mine = await people.police.client.meetings.myContributions();
    expect(mine.map((each) => each.kind)).toEqual(['minutes', 'contribution']);
    for (const each of mine) expect(each).toMatchObject({ meetingId, teamId, referralId, caseId: policeCase, authorAgencyId: police.agencyId, teamName: expect.stringMatching(/^Duluth DVHRT/) });
    const readers = (index: number) => Object.fromEntries(mine[index].recipients.map((each) => [each.agencyId, each.canRead]));
    // Probation's release was revoked in the previous test: its wraps are gone, and the listing says so.
    expect(readers(1)).toMatchObject({ [police.agencyId]: true, [prosecution.agencyId]: true, [probation.agencyId]: false });
    expect(JSON.stringify(mine)).not.toContain('firearm');
    // Scoped to the caller's agency: prosecution read police's notes but wrote none.
    await expect(people.prosecution.client.meetings.myContributions()).resolves.toEqual([]);
  });

  it('records actions each agency owns, reviews them at the next meeting, and the sweep raises an overdue action once', async () => {
    const { police, prosecution, probation, advocacy } = agencies;
    // Probation's release was revoked above: a new one, and each agency's own case for its actions.
    await police.client.consents.record(policeCase, writtenRelease(probation.agencyId, { categories: ['risk'] }));
    const ownCase = async (agency: SdkAgency) => {
      const { id } = await agency.client.cases.open();
      for (const other of [police, advocacy]) if (other !== agency) await agency.client.consents.record(id, writtenRelease(other.agencyId, { categories: ['risk'] }));
      return id;
    };
    const now = Date.now();
    const policeAction = await people.police.client.meetings.takeAction(meetingId, { referralId, caseId: policeCase, content: 'Flag the address for priority response.', dueAt: new Date(now + 7 * DAY) });
    const prosecutionAction = await people.prosecution.client.meetings.takeAction(meetingId, { referralId, caseId: await ownCase(prosecution), content: 'Ask for a no-contact condition.', dueAt: new Date(now + 7 * DAY) });
    const probationAction = await people.probation.client.meetings.takeAction(meetingId, { referralId, caseId: await ownCase(probation), content: 'Home visit within 48 hours.', dueAt: new Date(now + 2 * DAY) });
    expect(probationAction).toMatchObject({ ownerAgencyId: probation.agencyId, status: 'open', overdueAt: null });
    await expect(people.probation.client.meetings.myActions()).resolves.toEqual([probationAction]);
    await expect(people.police.client.meetings.setActionStatus(policeAction.id, 'done')).resolves.toMatchObject({ status: 'done' });
    const notOwner = await people.police.client.meetings.setActionStatus(probationAction.id, 'done').catch((e: unknown) => e);
    expect(notOwner).toMatchObject({ status: 404 });

    // Three days later the sweep finds probation's action open past due: announced once, however often it runs.
    const sweeper = app.t.app.get(ActionSweeper);
    const later = new Date(now + 3 * DAY);
    await expect(sweeper.sweepOverdueActions(later)).resolves.toEqual({ overdue: 1 });
    await expect(Promise.all([sweeper.sweepOverdueActions(later), sweeper.sweepOverdueActions(later)])).resolves.toEqual([{ overdue: 0 }, { overdue: 0 }]);
    const overdue = await entries({ caseId: policeCase, kinds: ['team_action_overdue'] });
    expect(overdue.map((entry) => entry.detail?.action)).toEqual([probationAction.id]);
    const feed = await feedOnce(probation.client, (events) => events.some((event) => event.type === 'risk_action.overdue'));
    expect(feed.filter((event) => event.type === 'risk_action.overdue')).toEqual([expect.objectContaining({ referralId })]);

    // The next meeting reviews them: police's done, prosecution's open, probation's overdue.
    const next = await people.advocacy.client.meetings.convene(teamId, { heldAt: new Date(now + 14 * DAY), attendeeAgencyIds: [advocacy.agencyId, police.agencyId, prosecution.agencyId, probation.agencyId], referralIds: [referralId] });
    const review = new Map(next.actions.map((action) => [action.id, action]));
    expect(review.get(policeAction.id)).toMatchObject({ status: 'done' });
    expect(review.get(prosecutionAction.id)).toMatchObject({ status: 'open', overdueAt: null });
    expect(review.get(probationAction.id)).toMatchObject({ status: 'open', overdueAt: later.toISOString() });

    const noReason = await people.probation.client.meetings.setActionStatus(probationAction.id, 'not_done').catch((e: unknown) => e);
    expect(noReason).toMatchObject({ status: 422 });
    await expect(people.probation.client.meetings.setActionStatus(probationAction.id, 'not_done', 'no_contact')).resolves.toMatchObject({ status: 'not_done', notDoneReason: 'no_contact' });
    const updates = await entries({ caseId: policeCase, kinds: ['team_action_updated'] });
    expect(updates.map((entry) => [entry.detail?.action, entry.detail?.status])).toEqual([
      [policeAction.id, 'done'],
      [probationAction.id, 'not_done'],
    ]);
    // Monitoring's "actions done in time" (decision 0162) reads the due date from the log: taken and updated entries carry it.
    expect(updates[0].detail?.dueAt).toBe(new Date(now + 7 * DAY).toISOString());
    const taken = await entries({ caseId: policeCase, kinds: ['team_action_taken'] });
    expect(taken.map((entry) => entry.detail)).toEqual([expect.objectContaining({ action: policeAction.id, referral: referralId, meeting: meetingId, dueAt: new Date(now + 7 * DAY).toISOString(), ownerKind: 'law_enforcement' })]);
  });

  it('the scheduler sweeps overdue actions on its own (no test calls the sweep)', async () => {
    const action = await people.police.client.meetings.takeAction(meetingId, { referralId, caseId: policeCase, content: 'Call the survivor back.', dueAt: new Date(Date.now() + DAY) });
    // Its due date passed yesterday, while nothing swept (the scheduler is off in tests).
    await owner.query(`UPDATE risk_actions SET due_at = now() - interval '1 day' WHERE id = $1`, [action.id]);
    const scheduled = await startTestApp({ database: app.t.database, env: { SCHEDULER_ENABLED: 'true', SCHEDULER_POLLING_SECONDS: '1' } });
    try {
      await eventually('the action announced overdue', async () => (await entries({ caseId: policeCase, kinds: ['team_action_overdue'] })).some((entry) => entry.detail?.action === action.id));
    } finally {
      await scheduled.close();
    }
    const [row] = (await owner.query<{ overdue_at: Date | null }>('SELECT overdue_at FROM risk_actions WHERE id = $1', [action.id])).rows;
    expect(row.overdue_at).not.toBeNull();
  });
});
