import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

export interface RiskTeamRow {
  id: string;
  name: string;
  chairAgencyId: string;
  requiresWrittenConsent: boolean;
  createdAt: Date;
  memberAgencyIds: string[];
}

const TEAM_COLUMNS = `t.id, t.name, t.chair_agency_id AS "chairAgencyId", t.requires_written_consent AS "requiresWrittenConsent", t.created_at AS "createdAt",
  ARRAY(SELECT m.agency_id::text FROM risk_team_members m WHERE m.team_id = t.id ORDER BY m.agency_id) AS "memberAgencyIds"`;

/** Teams, always read through a member agency: a team the agency is not in is invisible here. */
@Injectable()
export class RiskTeamsRepository {
  async insert(manager: EntityManager, team: Omit<RiskTeamRow, 'createdAt'>): Promise<void> {
    await manager.query(`INSERT INTO risk_teams (id, name, chair_agency_id, requires_written_consent) VALUES ($1, $2, $3, $4)`, [team.id, team.name, team.chairAgencyId, team.requiresWrittenConsent]);
    await manager.query(`INSERT INTO risk_team_members (team_id, agency_id) SELECT $1, unnest($2::uuid[])`, [team.id, team.memberAgencyIds]);
  }

  async findForMember(manager: EntityManager, teamId: string, agencyId: string): Promise<RiskTeamRow | null> {
    const rows: RiskTeamRow[] = await manager.query(
      `SELECT ${TEAM_COLUMNS} FROM risk_teams t WHERE t.id = $1 AND EXISTS (SELECT 1 FROM risk_team_members m WHERE m.team_id = t.id AND m.agency_id = $2)`,
      [teamId, agencyId],
    );
    return rows[0] ?? null;
  }

  listForMember(manager: EntityManager, agencyId: string): Promise<RiskTeamRow[]> {
    return manager.query(
      `SELECT ${TEAM_COLUMNS} FROM risk_teams t WHERE EXISTS (SELECT 1 FROM risk_team_members m WHERE m.team_id = t.id AND m.agency_id = $1) ORDER BY t.created_at DESC, t.id`,
      [agencyId],
    );
  }
}
