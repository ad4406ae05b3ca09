import { CcrClient, Credentials, INFORMED_CONSENT_ITEMS, type ReleaseTerms } from '../../../src/sdk';
import type { AgreementTermsInput } from '../../../src/sdk/browser';
import { type AdminConsole, type AgencyDesk } from '../../../src/demo/onboarding';
import { enrolPerson, type EnrolledPerson } from './person';

const DAY = 86_400_000;

/** What agencies promise at the high-risk team: sealed; the chair's console opens police's in the key worker. */
export const TEAM_WORDS = {
  policeAction: 'Flag the address for priority response.',
  probationAction: 'Home visit to check the firearm surrender within 48 hours.',
  advocacyAction: 'Call her on the safe number to review the safety plan.',
  /** Typed by the chair's advocate on "Our contributions": sealed in the key worker, never sent as text. */
  advocacyContribution: 'She has moved to her sister’s; the protection order hearing is on the 14th.',
};

/** What the coordination test (issue 21–23 screens) finds: people who sign in, and the ids it looks for. */
export interface CoordinationWorld {
  /** An advocate of advocacy (the team's chair agency), enrolled; keys and membership wrap made by the test. */
  chair: EnrolledPerson;
  /** An auditor of the coordinating body, enrolled: the CCR-wide monitoring dashboard. */
  monitor: EnrolledPerson;
  teamName: string;
  /** A second team advocacy chairs (the chair screen's chooser): named to sort after the first. */
  secondTeamName: string;
  /** Advocacy's own case with a release letting police receive `risk` notes: what its contribution is sealed on. */
  advocacyTeamCase: string;
  /** In force between police and advocacy; awaiting advocacy's signature between probation and advocacy. */
  agreements: { inForce: string; awaiting: string; policeProbation: string };
}

interface Desks {
  police: AgencyDesk;
  advocacy: AgencyDesk;
  probation: AgencyDesk;
}

const CALENDAR = { timeZone: 'America/Chicago', days: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00', holidays: ['2026-12-25', '2027-01-01'] };

function handoffTerms(fromId: string, toId: string, purpose: 'advocacy_services' | 'service_coordination', priority: 'urgent' | 'routine', minutes: [number, number, number]): AgreementTermsInput {
  return {
    parties: [fromId, toId],
    calendar: CALENDAR,
    handoffs: [
      {
        from: { agencyId: fromId },
        to: { agencyId: toId },
        purpose,
        priority,
        steps: [
          { step: 'received', withinMinutes: minutes[0] },
          { step: 'answered', withinMinutes: minutes[1] },
          { step: 'first_contact', withinMinutes: minutes[2] },
        ],
        escalateTo: { agencyId: toId, role: 'duty_supervisor' },
      },
    ],
  };
}

/** A written release (90 days) for the recipient to receive `risk` notes: what a team member needs. */
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

function coordinationRelease(recipientAgencyId: string): ReleaseTerms {
  return { ...riskRelease(recipientAgencyId), actions: ['receive_referral', 'share_status_back'], categories: undefined, purpose: 'service_coordination' };
}

async function personAt(admin: AdminConsole, url: string, desk: AgencyDesk, username: string): Promise<CcrClient> {
  const password = await admin.addPerson(desk.agencyId, username, ['agency_worker']);
  return CcrClient.connect({ baseUrl: url, credentials: Credentials.password(username, password), keystore: desk.keystore });
}

/** Three agreements: police–advocacy in force, probation–advocacy awaiting advocacy, probation–police in force. */
async function seedAgreements(desks: Desks): Promise<CoordinationWorld['agreements']> {
  const { police, advocacy, probation } = desks;
  const proposed = await police.client.agreements.propose(handoffTerms(police.agencyId, advocacy.agencyId, 'advocacy_services', 'urgent', [60, 240, 540]));
  await advocacy.client.agreements.sign(proposed.id, 1);
  const awaiting = await probation.client.agreements.propose(handoffTerms(probation.agencyId, advocacy.agencyId, 'service_coordination', 'routine', [480, 960, 2400]));
  const policeProbation = await probation.client.agreements.propose(handoffTerms(probation.agencyId, police.agencyId, 'service_coordination', 'routine', [480, 960, 2400]));
  await police.client.agreements.sign(policeProbation.id, 1);
  return { inForce: proposed.id, awaiting: awaiting.id, policeProbation: policeProbation.id };
}

/**
 * Ten probation → police referrals under their agreement: police accepts five in time; the
 * survivor revokes the release of the other five, which cancels them (cancelled by revocation,
 * each handoff missed). Enough for cells of at least 5 (the test asks for k = 5).
 */
async function seedHandoffs(desks: Desks): Promise<void> {
  const { police, probation } = desks;
  for (let index = 0; index < 10; index += 1) {
    const opened = await probation.client.cases.open();
    const release = await probation.client.consents.record(opened.id, coordinationRelease(police.agencyId));
    const sent = await probation.client.referrals.send({ fromCaseId: opened.id, toAgencyId: police.agencyId, consentId: release.id, purpose: 'service_coordination', priority: 'routine', content: { note: `supervision handoff ${index}` } });
    if (index % 2 === 0) {
      await police.client.referrals.setStatus(sent.id, { status: 'received' });
      await police.client.referrals.setStatus(sent.id, { status: 'accepted' });
    } else {
      await probation.client.consents.revoke(release.id, { channel: 'written' });
    }
  }
}

/**
 * The high-risk team chaired by advocacy: police refer their case; at the first meeting police,
 * probation and advocacy each take an action (probation's due in a second, so overdue); the next
 * meeting, a week ahead, has the case on its agenda for review.
 */
async function seedTeam(admin: AdminConsole, url: string, desks: Desks, policeCaseId: string, teamName: string): Promise<string> {
  const { police, advocacy, probation } = desks;
  const officer = await personAt(admin, url, police, 'officer.vance');
  const agent = await personAt(admin, url, probation, 'agent.ortiz');
  try {
    for (const desk of [advocacy, probation]) await police.client.consents.record(policeCaseId, riskRelease(desk.agencyId));
    const team = await advocacy.client.teams.form({ name: teamName, memberAgencyIds: [police.agencyId, probation.agencyId], requiresWrittenConsent: false });
    const referral = await officer.teams.refer(team.id, { caseId: policeCaseId, reason: 'professional_judgement', survivorInformed: true });
    const everyone = [advocacy.agencyId, police.agencyId, probation.agencyId];
    const meeting = await advocacy.client.meetings.convene(team.id, { heldAt: new Date(), attendeeAgencyIds: everyone, referralIds: [referral.id] });
    await advocacy.client.teams.decide(referral.id, { motion: 'accept', presentAgencyIds: everyone, votes: everyone.map((agencyId) => ({ agencyId, vote: 'for' as const })) });

    await officer.meetings.takeAction(meeting.id, { referralId: referral.id, caseId: policeCaseId, content: TEAM_WORDS.policeAction, dueAt: new Date(Date.now() + 7 * DAY) });
    const probationCase = (await probation.client.cases.open()).id;
    await probation.client.consents.record(probationCase, riskRelease(advocacy.agencyId));
    await agent.meetings.takeAction(meeting.id, { referralId: referral.id, caseId: probationCase, content: TEAM_WORDS.probationAction, dueAt: new Date(Date.now() + 1_000) });
    const advocacyCase = (await advocacy.client.cases.open()).id;
    await advocacy.client.consents.record(advocacyCase, riskRelease(police.agencyId));
    await advocacy.client.meetings.takeAction(meeting.id, { referralId: referral.id, caseId: advocacyCase, content: TEAM_WORDS.advocacyAction, dueAt: new Date(Date.now() + 2 * DAY) });
    await advocacy.client.meetings.convene(team.id, { heldAt: new Date(Date.now() + 7 * DAY), attendeeAgencyIds: everyone, referralIds: [referral.id] });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    return advocacyCase;
  } finally {
    officer.close();
    agent.close();
  }
}

/** Agreements, a team case with actions (one overdue) and the handoffs the monitoring figures count. */
export async function seedCoordination(url: string, admin: AdminConsole, desks: Desks, policeCaseId: string): Promise<CoordinationWorld> {
  const agreements = await seedAgreements(desks);
  await seedHandoffs(desks);
  const teamName = 'Riverside High Risk Team';
  const advocacyTeamCase = await seedTeam(admin, url, desks, policeCaseId, teamName);
  const secondTeamName = 'Westside Review Team';
  await desks.advocacy.client.teams.form({ name: secondTeamName, memberAgencyIds: [desks.police.agencyId], requiresWrittenConsent: false });
  const chair = await enrolPerson(url, admin, desks.advocacy.agencyId, 'advocate.chair', ['advocate']);
  const monitor = await enrolPerson(url, admin, admin.coordinatingBodyId, 'auditor.mon', ['auditor']);
  return { chair, monitor, teamName, secondTeamName, advocacyTeamCase, agreements };
}
