import { Client } from 'pg';
import { type CcrClient } from '../../src/sdk';
import { type ListeningApp, startListeningApp, TempFolder } from '../support/sdk';
import { personClient, sdkAgency, type SdkAgency, writtenRelease } from '../support/sdk-world';

jest.setTimeout(120_000);

interface Entry {
  kind: string;
  recipient?: string;
  reason?: string;
  basis?: { kind: string };
  detail?: Record<string, unknown>;
}

/**
 * Referral of a case to a high-risk team (decide() per member, loud without consent), the chair's
 * record of the team's votes (majority of those present), and repeats inside the custodian's own
 * cases, across the 12-month edge.
 */
describe('high-risk team referrals and decisions', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let owner: Client;
  let police: SdkAgency;
  let advocacy: SdkAgency;
  let prosecution: SdkAgency;
  let probation: SdkAgency;
  let health: SdkAgency;
  let officer: CcrClient;
  let chair: CcrClient;
  let prosecutor: CcrClient;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    owner = new Client({ connectionString: app.t.database.url });
    await owner.connect();
    police = await sdkAgency(app, folder, 'law_enforcement', 'criminal_justice');
    advocacy = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    prosecution = await sdkAgency(app, folder, 'prosecution', 'criminal_justice');
    probation = await sdkAgency(app, folder, 'probation', 'criminal_justice');
    health = await sdkAgency(app, folder, 'health', 'hipaa');
    officer = await personClient(app, police, ['agency_worker']);
    chair = await personClient(app, advocacy, ['advocate']);
    prosecutor = await personClient(app, prosecution, ['agency_worker']);
  });
  afterAll(async () => {
    for (const client of [officer, chair, prosecutor]) client.close();
    for (const agency of [police, advocacy, prosecution, probation, health]) await agency.keystore.close();
    await owner.end();
    await app.close();
    await folder.remove();
  });

  const members = () => [police.agencyId, prosecution.agencyId, probation.agencyId, health.agencyId];
  const formTeam = (requiresWrittenConsent: boolean) => chair.teams.form({ name: `Duluth DVHRT ${Date.now()}`, memberAgencyIds: members(), requiresWrittenConsent });

  async function entries(caseId: string, kinds: string[]): Promise<Entry[]> {
    const { rows } = await owner.query<{ kind: string; entry: Buffer }>(`SELECT kind, entry FROM ledger_entries WHERE case_id = $1 AND kind = ANY($2) ORDER BY idx`, [caseId, kinds]);
    return rows.map((row) => ({ kind: row.kind, ...(JSON.parse(row.entry.toString()) as Omit<Entry, 'kind'>) }));
  }

  /** A police case with written releases to advocacy and prosecution, a verbal one to probation, a court order for health. */
  async function policeCase(): Promise<string> {
    const { id: caseId } = await police.client.cases.open();
    await police.client.consents.record(caseId, writtenRelease(advocacy.agencyId, { categories: ['risk'] }));
    await police.client.consents.record(caseId, writtenRelease(prosecution.agencyId, { categories: ['risk'] }));
    await police.client.consents.record(caseId, writtenRelease(probation.agencyId, { categories: ['risk'], captureMode: 'verbal' }));
    const now = Date.now();
    await officer.mandates.register(caseId, { basis: 'court_order', recipientAgencyId: health.agencyId, categories: ['risk'], validFrom: new Date(now - 60_000), reviewedAt: new Date(now - 30_000), survivorNotification: 'pending' });
    return caseId;
  }

  it('refers a case to the members decide() covers; a mandate instead of consent is logged as its own loud kind', async () => {
    const team = await formTeam(false);
    const caseId = await policeCase();
    const referral = await officer.teams.refer(team.id, { caseId, reason: 'screened_high_risk', survivorInformed: true });
    expect(referral).toMatchObject({ teamId: team.id, caseId, referringAgencyId: police.agencyId, reason: 'screened_high_risk', repeat: false, status: 'referred', consentState: 'none', withoutConsent: true });
    expect(referral.sharedWith).toEqual([police.agencyId, advocacy.agencyId, prosecution.agencyId, probation.agencyId, health.agencyId].sort());
    await expect(prosecutor.teams.referral(referral.id)).resolves.toMatchObject({ id: referral.id });

    const logged = await entries(caseId, ['team_case_referred', 'team_shared_without_consent']);
    const byRecipient = new Map(logged.map((entry) => [entry.recipient, entry]));
    expect(byRecipient.get(health.agencyId)).toMatchObject({ kind: 'team_shared_without_consent', basis: { kind: 'mandate' } });
    for (const agency of [advocacy, prosecution, probation]) expect(byRecipient.get(agency.agencyId)).toMatchObject({ kind: 'team_case_referred', basis: { kind: 'consent' } });
    expect(logged).toHaveLength(4);
  });

  it("a team that requires written consent leaves out the member with a verbal release: refused, logged, and 404 to it", async () => {
    const team = await formTeam(true);
    const caseId = await policeCase();
    const referral = await officer.teams.refer(team.id, { caseId, reason: 'professional_judgement', survivorInformed: true });
    expect(referral.sharedWith).not.toContain(probation.agencyId);
    const denied = await entries(caseId, ['denied']);
    expect(denied).toEqual([expect.objectContaining({ recipient: probation.agencyId, reason: 'team_requires_written_consent' })]);
    const probationPerson = await personClient(app, probation, ['agency_worker']);
    try {
      const error = await probationPerson.teams.referral(referral.id).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 404 });
    } finally {
      probationPerson.close();
    }
  });

  it('refers nothing when no release covers the chair, and logs each refusal', async () => {
    const team = await formTeam(true);
    const { id: caseId } = await police.client.cases.open();
    const error = await officer.teams.refer(team.id, { caseId, reason: 'escalation', survivorInformed: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422 });
    await expect(officer.teams.referrals(team.id)).resolves.toEqual([]);
    const denied = await entries(caseId, ['denied']);
    expect(denied.map((entry) => entry.recipient).sort()).toEqual([advocacy.agencyId, prosecution.agencyId, probation.agencyId, health.agencyId].sort());
    expect(denied.every((entry) => entry.reason === 'no_consent')).toBe(true);
  });

  it('accepts by a majority of the agencies present, records absent and abstaining agencies, and a tie closes nothing', async () => {
    const team = await formTeam(false);
    const referral = await officer.teams.refer(team.id, { caseId: await policeCase(), reason: 'screened_high_risk', survivorInformed: true });

    // Three present (probation and health absent): 2 for, 1 abstaining → carried (2 > 3/2).
    const accepted = await chair.teams.decide(referral.id, {
      motion: 'accept',
      presentAgencyIds: [advocacy.agencyId, police.agencyId, prosecution.agencyId],
      votes: [{ agencyId: advocacy.agencyId, vote: 'for' }, { agencyId: police.agencyId, vote: 'for' }],
    });
    expect(accepted.status).toBe('accepted');
    const votes = new Map(accepted.decisions[0].votes.map((each) => [each.agencyId, each.vote]));
    expect(Object.fromEntries(votes)).toEqual({ [advocacy.agencyId]: 'for', [police.agencyId]: 'for', [prosecution.agencyId]: 'abstain', [probation.agencyId]: 'absent', [health.agencyId]: 'absent' });

    // Four present: 2 for, 1 against, 1 abstaining → not carried: the case stays accepted.
    const notClosed = await chair.teams.decide(referral.id, {
      motion: 'close',
      closeReason: 'risk_reduced',
      presentAgencyIds: [advocacy.agencyId, police.agencyId, prosecution.agencyId, probation.agencyId],
      votes: [{ agencyId: advocacy.agencyId, vote: 'for' }, { agencyId: police.agencyId, vote: 'for' }, { agencyId: prosecution.agencyId, vote: 'against' }, { agencyId: probation.agencyId, vote: 'abstain' }],
    });
    expect(notClosed).toMatchObject({ status: 'accepted', closeReason: null });
    expect(notClosed.decisions.map((decision) => [decision.motion, decision.carried])).toEqual([['accept', true], ['close', false]]);

    const logged = await entries(referral.caseId, ['team_decision_recorded']);
    expect(logged.map((entry) => entry.detail)).toEqual([
      expect.objectContaining({ motion: 'accept', carried: true, present: 3, for: 2, against: 0, abstain: 1 }),
      expect.objectContaining({ motion: 'close', closeReason: 'risk_reduced', carried: false, present: 4, for: 2, against: 1, abstain: 1 }),
    ]);
  });

  it('refuses a vote from an absent agency (422), a decision by a member that is not the chair (403), and accepting twice (409)', async () => {
    const team = await formTeam(false);
    const referral = await officer.teams.refer(team.id, { caseId: await policeCase(), reason: 'screened_high_risk', survivorInformed: true });
    const absentVote = await chair.teams.decide(referral.id, { motion: 'accept', presentAgencyIds: [advocacy.agencyId], votes: [{ agencyId: police.agencyId, vote: 'for' }] }).catch((e: unknown) => e);
    expect(absentVote).toMatchObject({ status: 422 });
    const notChair = await officer.teams.decide(referral.id, { motion: 'accept', presentAgencyIds: [police.agencyId], votes: [{ agencyId: police.agencyId, vote: 'for' }] }).catch((e: unknown) => e);
    expect(notChair).toMatchObject({ status: 403 });
    await chair.teams.decide(referral.id, { motion: 'accept', presentAgencyIds: [advocacy.agencyId], votes: [{ agencyId: advocacy.agencyId, vote: 'for' }] });
    const twice = await chair.teams.decide(referral.id, { motion: 'accept', presentAgencyIds: [advocacy.agencyId], votes: [{ agencyId: advocacy.agencyId, vote: 'for' }] }).catch((e: unknown) => e);
    expect(twice).toMatchObject({ status: 409 });
  });

  it("detects a repeat within 12 months of the custodian's last referral of its own case, not at 12 months", async () => {
    const team = await formTeam(false);
    const caseId = await policeCase();
    const first = await officer.teams.refer(team.id, { caseId, reason: 'screened_high_risk', survivorInformed: true });
    // The first referral, moved to a minute more than 12 months ago: the next is not a repeat.
    await owner.query(`UPDATE risk_team_referrals SET referred_at = now() - interval '12 months' - interval '1 minute' WHERE id = $1`, [first.id]);
    const notRepeat = await officer.teams.refer(team.id, { caseId, reason: 'repeat', survivorInformed: true }).catch((e: unknown) => e);
    expect(notRepeat).toMatchObject({ status: 422 });
    // A minute less than 12 months ago: a repeat.
    await owner.query(`UPDATE risk_team_referrals SET referred_at = now() - interval '12 months' + interval '1 minute' WHERE id = $1`, [first.id]);
    const repeat = await officer.teams.refer(team.id, { caseId, reason: 'repeat', survivorInformed: true });
    expect(repeat.repeat).toBe(true);
    // Monitoring recomputes the repeat from the log (decision 0162): the last referral's time and the agency's kind, codes and times only.
    const [moved] = (await owner.query<{ referred_at: Date }>('SELECT referred_at FROM risk_team_referrals WHERE id = $1', [first.id])).rows;
    const logged = (await entries(caseId, ['team_case_referred', 'team_shared_without_consent'])).filter((entry) => entry.detail?.referral === repeat.id);
    expect(logged.length).toBeGreaterThan(0);
    for (const entry of logged) expect(entry.detail).toMatchObject({ repeat: true, previousReferralAt: moved.referred_at.toISOString(), agencyKind: 'law_enforcement' });

    // The same survivor's case at another custodian is another case: never a repeat of this one.
    const { id: otherCase } = await prosecution.client.cases.open();
    await prosecution.client.consents.record(otherCase, writtenRelease(advocacy.agencyId, { categories: ['risk'] }));
    const elsewhere = await prosecutor.teams.refer(team.id, { caseId: otherCase, reason: 'screened_high_risk', survivorInformed: true });
    expect(elsewhere.repeat).toBe(false);
  });

  /** Police refer their case to advocacy; advocacy's own case of her, linked to police's by the referral. */
  async function referredToAdvocacy(policeCaseId: string): Promise<string> {
    const release = await police.client.consents.record(policeCaseId, writtenRelease(advocacy.agencyId, { actions: ['receive_referral', 'share_status_back'], categories: [], purpose: 'advocacy_services' }));
    const sent = await police.client.referrals.send({ fromCaseId: policeCaseId, toAgencyId: advocacy.agencyId, consentId: release.id, purpose: 'advocacy_services', priority: 'urgent', content: { note: 'Screened in.' } });
    const { caseId } = await advocacy.client.referrals.get(sent.id);
    await advocacy.client.consents.record(caseId, writtenRelease(police.agencyId, { categories: ['risk'] }));
    return caseId;
  }

  it('detects a repeat when the earlier team referral is of a case linked by a referral, only where it was shared with the custodian', async () => {
    const team = await formTeam(false);
    const linkedCase = await policeCase();
    await officer.teams.refer(team.id, { caseId: linkedCase, reason: 'screened_high_risk', survivorInformed: true });
    const advocacyCase = await referredToAdvocacy(linkedCase);
    const repeat = await chair.teams.refer(team.id, { caseId: advocacyCase, reason: 'repeat', survivorInformed: true });
    expect(repeat).toMatchObject({ caseId: advocacyCase, referringAgencyId: advocacy.agencyId, repeat: true });

    // Police's earlier referral went to a team advocacy is not part of: advocacy may not see it, so it is no repeat.
    const elsewhere = await prosecutor.teams.form({ name: `Prosecution-led team ${Date.now()}`, memberAgencyIds: [police.agencyId, probation.agencyId], requiresWrittenConsent: false });
    const hiddenCase = await policeCase();
    await officer.teams.refer(elsewhere.id, { caseId: hiddenCase, reason: 'screened_high_risk', survivorInformed: true });
    const unseen = await referredToAdvocacy(hiddenCase);
    const refused = await chair.teams.refer(team.id, { caseId: unseen, reason: 'repeat', survivorInformed: true }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422 });
    const fresh = await chair.teams.refer(team.id, { caseId: unseen, reason: 'professional_judgement', survivorInformed: true });
    expect(fresh.repeat).toBe(false);
  });
});
