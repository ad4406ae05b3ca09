import { CcrClient, Credentials, INFORMED_CONSENT_ITEMS, type ReleaseTerms, type ScreenAnswer } from '../sdk';
import type { Narrator } from './narrator';
import type { AdminConsole, AgencyDesk } from './onboarding';

const DAY = 86_400_000;

/** What the agencies say at the team: sealed, never in the server's database in clear. */
export const TEAM_WORDS = {
  police: 'Police at the table: two more calls since the assault; he keeps a rifle in his truck.',
  minutes: 'Minutes: accepted; police flag the address, prosecution asks for no-contact, probation visits.',
  policeAction: 'Flag the address for priority response.',
  prosecutionAction: 'Ask the court for a no-contact condition at the next hearing.',
  probationAction: 'Home visit to check the firearm surrender within 48 hours.',
};

interface TeamDesks {
  admin: AdminConsole;
  police: AgencyDesk;
  advocacy: AgencyDesk;
  prosecution: AgencyDesk;
  probation: AgencyDesk;
}

/** The release for `risk` notes a team member needs from the custodian of the case (written, 90 days). */
function riskRelease(recipientAgencyId: string): ReleaseTerms {
  return {
    recipientAgencyId,
    actions: ['receive_notes'],
    categories: ['risk'],
    purpose: 'safety_planning',
    validFrom: new Date(),
    validUntil: new Date(Date.now() + 90 * DAY),
    captureMode: 'written_signature',
    language: 'en',
    interpreter: { used: false },
    informedConsent: [...INFORMED_CONSENT_ITEMS],
  };
}

/** A person at the agency's workstation (teams are people's work: decision 0099). */
async function personAt(admin: AdminConsole, baseUrl: string, desk: AgencyDesk, username: string): Promise<CcrClient> {
  const password = await admin.addPerson(desk.agencyId, username, ['agency_worker']);
  return CcrClient.connect({ baseUrl, credentials: Credentials.password(username, password), keystore: desk.keystore });
}

/**
 * The Duluth case at the high-risk team: police screen it in with the LAP and refer it; the team
 * (chaired by advocacy) accepts it; police speak to it, sealed for the attending agencies; police,
 * prosecution and probation each take an action; at the next meeting probation's is overdue.
 */
export async function highRiskTeam(baseUrl: string, s: TeamDesks, policeCaseId: string, narrator: Narrator): Promise<void> {
  narrator.step(6, 'Police screen the case in (LAP) and refer it to the high-risk team; agencies take actions; probation\'s is overdue at the next meeting');
  const officer = await personAt(s.admin, baseUrl, s.police, 'officer.berg');
  const agent = await personAt(s.admin, baseUrl, s.probation, 'agent.north');
  try {
    const answers: ScreenAnswer[] = Array.from({ length: 11 }, (_, index) => (index < 3 ? 'yes' : 'no'));
    const screen = await officer.screens.record(policeCaseId, { instrument: 'lap', answers, spokeWithHotline: true });
    narrator.expect(`the LAP screened her in (${screen.result.band}), scored and sealed on the officer's device`, screen.result.highRisk);
    await officer.screens.flagHighRisk(policeCaseId, 'screened_high_risk', screen.result);

    for (const desk of [s.advocacy, s.prosecution]) await s.police.client.consents.record(policeCaseId, riskRelease(desk.agencyId));
    const now = Date.now();
    await officer.mandates.register(policeCaseId, { basis: 'statute', recipientAgencyId: s.probation.agencyId, categories: ['risk'], validFrom: new Date(now - 60_000), reviewedAt: new Date(now - 30_000), survivorNotification: 'pending' });
    const team = await s.advocacy.client.teams.form({ name: 'Duluth High Risk Team', memberAgencyIds: [s.police.agencyId, s.prosecution.agencyId, s.probation.agencyId], requiresWrittenConsent: true });
    const referral = await officer.teams.refer(team.id, { caseId: policeCaseId, reason: 'screened_high_risk', survivorInformed: true });
    narrator.stored(`referral ${referral.id}: reason ${referral.reason}, consent ${referral.consentState}; probation receives it under a statute, logged as team_shared_without_consent.`);
    narrator.expect('every member receives the referral; the one without her consent is marked', referral.sharedWith.length === 4 && referral.withoutConsent);

    const everyone = [s.advocacy.agencyId, s.police.agencyId, s.prosecution.agencyId, s.probation.agencyId];
    const meeting = await s.advocacy.client.meetings.convene(team.id, { heldAt: new Date(), attendeeAgencyIds: everyone, referralIds: [referral.id] });
    const accepted = await s.advocacy.client.teams.decide(referral.id, { motion: 'accept', presentAgencyIds: everyone, votes: everyone.map((agencyId) => ({ agencyId, vote: 'for' as const })) });
    narrator.expect('the team accepts the case by majority of the agencies present, each vote recorded', accepted.status === 'accepted' && accepted.decisions[0].votes.length === 4);

    const said = await officer.meetings.contribute(meeting.id, { referralId: referral.id, caseId: policeCaseId, content: TEAM_WORDS.police });
    const heard = await s.prosecution.client.meetings.readNote(meeting.id, said.id);
    narrator.reads('Prosecutor', heard.text);
    narrator.expect("the prosecutor opened police's contribution (a decided, logged read)", heard.text === TEAM_WORDS.police);
    const minutes = await officer.meetings.minutes(meeting.id, { referralId: referral.id, caseId: policeCaseId, content: TEAM_WORDS.minutes });

    // Prosecution and probation hold their own cases and releases: what each promises is sealed under them.
    const prosecutionCase = (await s.prosecution.client.cases.open()).id;
    await s.prosecution.client.consents.record(prosecutionCase, riskRelease(s.police.agencyId));
    const probationCase = (await s.probation.client.cases.open()).id;
    await s.probation.client.consents.record(probationCase, riskRelease(s.police.agencyId));
    const policeAction = await officer.meetings.takeAction(meeting.id, { referralId: referral.id, caseId: policeCaseId, content: TEAM_WORDS.policeAction, dueAt: new Date(Date.now() + 7 * DAY) });
    await s.prosecution.client.meetings.takeAction(meeting.id, { referralId: referral.id, caseId: prosecutionCase, content: TEAM_WORDS.prosecutionAction, dueAt: new Date(Date.now() + 14 * DAY) });
    // The demo compresses "within 48 hours" into two seconds, so that it is past due at the next meeting.
    const probationAction = await agent.meetings.takeAction(meeting.id, { referralId: referral.id, caseId: probationCase, content: TEAM_WORDS.probationAction, dueAt: new Date(Date.now() + 2_000) });
    await officer.meetings.setActionStatus(policeAction.id, 'done');
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const next = await s.advocacy.client.meetings.convene(team.id, { heldAt: new Date(), attendeeAgencyIds: everyone, referralIds: [referral.id] });
    for (const action of next.actions) narrator.say(`• action ${action.id} (${action.ownerAgencyId === s.police.agencyId ? 'police' : action.ownerAgencyId === s.prosecution.agencyId ? 'prosecution' : 'probation'}): ${action.status}${action.overdue ? ', OVERDUE' : ''}`);
    const review = new Map(next.actions.map((action) => [action.id, action]));
    narrator.expect('the next meeting reviews three actions; probation\'s is overdue, police\'s done', next.actions.length === 3 && review.get(probationAction.id)?.overdue === true && review.get(policeAction.id)?.status === 'done');

    narrator.say(`Minutes ${minutes.id} are sealed for the attending agencies a release or mandate of the case covers; every opening is in the log.`);
  } finally {
    officer.close();
    agent.close();
  }
}
