import type { AreaContext } from '../api/area-context';
import { requireUuid } from '../api/validate';
import { CcrUsageError } from '../errors';
import { apiPath } from '../http/api-path';
import type { SurvivorConsentState, TeamCloseReason, TeamMotion, TeamReferralReason, TeamReferralStatus, TeamVote } from '../../risk/team/team.vocabulary';

/** A standing high-risk team: ids and a rule, no survivor data. */
export interface RiskTeam {
  id: string;
  name: string;
  chairAgencyId: string;
  /** Every member agency, the chair included. */
  memberAgencyIds: string[];
  requiresWrittenConsent: boolean;
  createdAt: string;
}

export interface NewRiskTeam {
  name: string;
  /** The members besides this agency (which chairs the team and is always a member). */
  memberAgencyIds: string[];
  /** DVHRT practice: the team hears a case only with the survivor's written consent or a recorded mandate. */
  requiresWrittenConsent: boolean;
}

export interface NewTeamReferral {
  /** This agency's case (custodian only). */
  caseId: string;
  reason: TeamReferralReason;
  /** Whether the survivor knows the case goes to the team. */
  survivorInformed: boolean;
}

export interface TeamDecision {
  id: string;
  motion: TeamMotion;
  closeReason: TeamCloseReason | null;
  carried: boolean;
  /** Every member agency: for, against, abstain, or absent. */
  votes: { agencyId: string; vote: TeamVote | 'absent' }[];
  recordedByAgencyId: string;
  recordedAt: string;
}

/** A case referred to a team: codes and ids; the case's information stays sealed. */
export interface TeamReferral {
  id: string;
  teamId: string;
  caseId: string;
  referringAgencyId: string;
  reason: TeamReferralReason;
  repeat: boolean;
  survivorInformed: boolean;
  consentState: SurvivorConsentState;
  withoutConsent: boolean;
  /** The member agencies a release or mandate covered (the custodian included). */
  sharedWith: string[];
  status: TeamReferralStatus;
  closeReason: TeamCloseReason | null;
  referredAt: string;
  decidedAt: string | null;
  decisions: TeamDecision[];
}

export interface NewTeamDecision {
  motion: TeamMotion;
  closeReason?: TeamCloseReason;
  /** The member agencies present; the others are recorded absent. */
  presentAgencyIds: string[];
  /** A present agency without a vote abstains. */
  votes: { agencyId: string; vote: TeamVote }[];
}

/** High-risk teams (decision 0099): formed by a person of the chair agency; seen only by members. */
export class TeamsApi {
  constructor(private readonly context: AreaContext) {}

  async form(team: NewRiskTeam): Promise<RiskTeam> {
    if (typeof team.name !== 'string' || team.name.trim().length < 2) throw new CcrUsageError('a team needs a name of 2 characters or more');
    const memberAgencyIds = team.memberAgencyIds.map((id) => requireUuid(id, 'memberAgencyIds'));
    return (await this.context.http.request<RiskTeam>({ method: 'POST', path: '/risk-teams', json: { name: team.name, memberAgencyIds, requiresWrittenConsent: team.requiresWrittenConsent } })).body;
  }

  async list(): Promise<RiskTeam[]> {
    return (await this.context.http.request<RiskTeam[]>({ method: 'GET', path: '/risk-teams' })).body;
  }

  async get(teamId: string): Promise<RiskTeam> {
    return (await this.context.http.request<RiskTeam>({ method: 'GET', path: apiPath`/risk-teams/${requireUuid(teamId, 'teamId')}` })).body;
  }

  /** Refers this agency's case to the team: the server asks decide() for each member (decision 0123). */
  async refer(teamId: string, referral: NewTeamReferral): Promise<TeamReferral> {
    const json = { caseId: requireUuid(referral.caseId, 'caseId'), reason: referral.reason, survivorInformed: referral.survivorInformed };
    return (await this.context.http.request<TeamReferral>({ method: 'POST', path: apiPath`/risk-teams/${requireUuid(teamId, 'teamId')}/referrals`, json })).body;
  }

  /** The team's referrals this agency receives, newest first. */
  async referrals(teamId: string): Promise<TeamReferral[]> {
    return (await this.context.http.request<TeamReferral[]>({ method: 'GET', path: apiPath`/risk-teams/${requireUuid(teamId, 'teamId')}/referrals` })).body;
  }

  async referral(referralId: string): Promise<TeamReferral> {
    return (await this.context.http.request<TeamReferral>({ method: 'GET', path: apiPath`/risk-team-referrals/${requireUuid(referralId, 'referralId')}` })).body;
  }

  /** The chair records the team's vote on a motion (majority of the member agencies present). */
  async decide(referralId: string, decision: NewTeamDecision): Promise<TeamReferral> {
    const json = { motion: decision.motion, ...(decision.closeReason === undefined ? {} : { closeReason: decision.closeReason }), presentAgencyIds: decision.presentAgencyIds, votes: decision.votes };
    return (await this.context.http.request<TeamReferral>({ method: 'POST', path: apiPath`/risk-team-referrals/${requireUuid(referralId, 'referralId')}/decisions`, json })).body;
  }
}
