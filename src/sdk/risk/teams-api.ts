import type { AreaContext } from '../api/area-context';
import { requireUuid } from '../api/validate';
import { CcrUsageError } from '../errors';
import { apiPath } from '../http/api-path';

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
}
