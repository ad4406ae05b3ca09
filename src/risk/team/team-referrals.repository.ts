import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import type { AgencyVote } from './team-decision';
import type { SurvivorConsentState, TeamCloseReason, TeamMotion, TeamReferralReason, TeamReferralStatus } from './team.vocabulary';

export interface TeamReferralRow {
  id: string;
  teamId: string;
  caseId: string;
  referringAgencyId: string;
  reason: TeamReferralReason;
  repeat: boolean;
  survivorInformed: boolean;
  consentState: SurvivorConsentState;
  withoutConsent: boolean;
  sharedWith: string[];
  status: TeamReferralStatus;
  closeReason: TeamCloseReason | null;
  referredAt: Date;
  decidedAt: Date | null;
  chairAgencyId: string;
}

export interface TeamDecisionRow {
  id: string;
  referralId: string;
  motion: TeamMotion;
  closeReason: TeamCloseReason | null;
  carried: boolean;
  votes: AgencyVote[];
  recordedByAgencyId: string;
  recordedAt: Date;
}

const REFERRAL_COLUMNS = `r.id, r.team_id AS "teamId", r.case_id AS "caseId", r.referring_agency_id AS "referringAgencyId", r.reason, r.repeat,
  r.survivor_informed AS "survivorInformed", r.consent_state AS "consentState", r.without_consent AS "withoutConsent",
  ARRAY(SELECT unnest(r.shared_with)::text ORDER BY 1) AS "sharedWith", r.status, r.close_reason AS "closeReason",
  r.referred_at AS "referredAt", r.decided_at AS "decidedAt", t.chair_agency_id AS "chairAgencyId"`;

/**
 * Team referrals, always read through an agency: a referral is visible only to the member agencies
 * its sharing decision covered (`shared_with`, the custodian included) and only while they are
 * members of the team.
 */
@Injectable()
export class TeamReferralsRepository {
  async insert(manager: EntityManager, row: Omit<TeamReferralRow, 'status' | 'closeReason' | 'referredAt' | 'decidedAt' | 'chairAgencyId'>, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO risk_team_referrals (id, team_id, case_id, referring_agency_id, reason, repeat, survivor_informed, consent_state, without_consent, shared_with, referred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::uuid[], $11)`,
      [row.id, row.teamId, row.caseId, row.referringAgencyId, row.reason, row.repeat, row.survivorInformed, row.consentState, row.withoutConsent, row.sharedWith, at],
    );
  }

  async findVisible(manager: EntityManager, referralId: string, agencyId: string, lock = false): Promise<TeamReferralRow | null> {
    const rows: TeamReferralRow[] = await manager.query(
      `SELECT ${REFERRAL_COLUMNS} FROM risk_team_referrals r JOIN risk_teams t ON t.id = r.team_id
        WHERE r.id = $1 AND $2 = ANY(r.shared_with)
          AND EXISTS (SELECT 1 FROM risk_team_members m WHERE m.team_id = r.team_id AND m.agency_id = $2)${lock ? ' FOR UPDATE OF r' : ''}`,
      [referralId, agencyId],
    );
    return rows[0] ?? null;
  }

  listForTeam(manager: EntityManager, teamId: string, agencyId: string): Promise<TeamReferralRow[]> {
    return manager.query(
      `SELECT ${REFERRAL_COLUMNS} FROM risk_team_referrals r JOIN risk_teams t ON t.id = r.team_id
        WHERE r.team_id = $1 AND $2 = ANY(r.shared_with)
          AND EXISTS (SELECT 1 FROM risk_team_members m WHERE m.team_id = r.team_id AND m.agency_id = $2)
        ORDER BY r.referred_at DESC, r.id`,
      [teamId, agencyId],
    );
  }

  /**
   * When this case was referred to a team before, as far as the custodian may see (decision 0151):
   * its own referrals of this case, and referrals of a case linked to this one by a referral the
   * custodian is party to (it sent or received it) that were shared with it and whose team it is
   * still a member of. Cases are matched by id only — no survivor attribute is matched across
   * agencies (decision 0098).
   */
  async earlierReferralTimes(manager: EntityManager, caseId: string, custodianAgencyId: string): Promise<Date[]> {
    const rows: { referredAt: Date }[] = await manager.query(
      `WITH linked AS (
         SELECT CASE WHEN f.from_case_id = $1 THEN f.to_case_id ELSE f.from_case_id END AS case_id
           FROM referrals f
          WHERE ((f.from_case_id = $1 AND f.from_agency_id = $2) OR (f.to_case_id = $1 AND f.to_agency_id = $2))
            AND f.status <> 'entered_in_error'
       )
       SELECT r.referred_at AS "referredAt" FROM risk_team_referrals r
        WHERE (r.case_id = $1 AND r.referring_agency_id = $2)
           OR (r.case_id IN (SELECT case_id FROM linked WHERE case_id IS NOT NULL)
               AND $2 = ANY(r.shared_with)
               AND EXISTS (SELECT 1 FROM risk_team_members m WHERE m.team_id = r.team_id AND m.agency_id = $2))`,
      [caseId, custodianAgencyId],
    );
    return rows.map((row) => row.referredAt);
  }

  async setStatus(manager: EntityManager, referralId: string, status: TeamReferralStatus, closeReason: TeamCloseReason | null, at: Date): Promise<void> {
    await manager.query(`UPDATE risk_team_referrals SET status = $2, close_reason = $3, decided_at = $4 WHERE id = $1`, [referralId, status, closeReason, at]);
  }

  async insertDecision(manager: EntityManager, row: Omit<TeamDecisionRow, 'recordedAt'>, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO risk_team_decisions (id, referral_id, motion, close_reason, carried, votes, recorded_by_agency_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
      [row.id, row.referralId, row.motion, row.closeReason, row.carried, JSON.stringify(row.votes), row.recordedByAgencyId, at],
    );
  }

  decisionsOf(manager: EntityManager, referralId: string): Promise<TeamDecisionRow[]> {
    return manager.query(
      `SELECT id, referral_id AS "referralId", motion, close_reason AS "closeReason", carried, votes, recorded_by_agency_id AS "recordedByAgencyId", recorded_at AS "recordedAt"
         FROM risk_team_decisions WHERE referral_id = $1 ORDER BY recorded_at, id`,
      [referralId],
    );
  }
}
