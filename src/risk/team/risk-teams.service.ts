import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgenciesRepository } from '../../agencies/agencies.repository';
import { type CallerContext } from '../../auth/caller-context';
import { inTransaction } from '../../database/transactions';
import { RiskTeamMemberNotEligibleError, RiskTeamNotFoundError } from './risk-teams.errors';
import { type RiskTeamRow, RiskTeamsRepository } from './risk-teams.repository';

export interface NewRiskTeam {
  name: string;
  memberAgencyIds: string[];
  requiresWrittenConsent: boolean;
}

/**
 * Standing high-risk teams (decision 0099). The agency that forms a team chairs it and is a member;
 * every other member must be an active member agency. Only member agencies see a team.
 */
@Injectable()
export class RiskTeamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: RiskTeamsRepository,
    private readonly agencies: AgenciesRepository,
  ) {}

  form(caller: CallerContext, input: NewRiskTeam): Promise<RiskTeamRow> {
    const chairAgencyId = caller.principal.agencyId;
    const memberAgencyIds = [...new Set([chairAgencyId, ...input.memberAgencyIds])];
    return inTransaction(this.dataSource, async (manager) => {
      const found = new Map((await this.agencies.findByIds(memberAgencyIds, manager)).map((agency) => [agency.id, agency]));
      for (const agencyId of memberAgencyIds) {
        const agency = found.get(agencyId);
        if (!agency || agency.status !== 'active' || agency.coordinatingBody) throw new RiskTeamMemberNotEligibleError(agencyId);
      }
      const id = randomUUID();
      await this.teams.insert(manager, { id, name: input.name, chairAgencyId, requiresWrittenConsent: input.requiresWrittenConsent, memberAgencyIds });
      return this.getIn(manager, caller, id);
    });
  }

  get(caller: CallerContext, teamId: string): Promise<RiskTeamRow> {
    return this.getIn(this.dataSource.manager, caller, teamId);
  }

  list(caller: CallerContext): Promise<RiskTeamRow[]> {
    return this.teams.listForMember(this.dataSource.manager, caller.principal.agencyId);
  }

  private async getIn(manager: DataSource['manager'], caller: CallerContext, teamId: string): Promise<RiskTeamRow> {
    const team = await this.teams.findForMember(manager, teamId, caller.principal.agencyId);
    if (!team) throw new RiskTeamNotFoundError();
    return team;
  }
}
