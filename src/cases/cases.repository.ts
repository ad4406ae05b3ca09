import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { exactTime, ListingConditions, type ListingPosition, orderBy } from '../database/keyset';
import { firstRowAs, nothing, statement, type Statement } from '../database/statement';
import { run } from '../database/transactions';
import { type HighRiskReason } from '../risk/risk.vocabulary';

export interface CaseRow {
  id: string;
  custodianAgencyId: string;
  linkedFromCaseId: string | null;
  profileRecordId: string | null;
  highRiskReason: HighRiskReason | null;
  highRiskSetAt: Date | null;
  createdAt: Date;
  /** created_at with microseconds, as the cursor carries it (a JS Date would round it). */
  position: string;
}

export interface NewCase {
  id: string;
  custodianAgencyId: string;
  linkedFromCaseId: string | null;
  profileRecordId: string | null;
}

const COLUMNS = `id, custodian_agency_id AS "custodianAgencyId", linked_from_case_id AS "linkedFromCaseId",
  profile_record_id AS "profileRecordId", high_risk_reason AS "highRiskReason", high_risk_set_at AS "highRiskSetAt", created_at AS "createdAt",
  ${exactTime('created_at')} AS position`;

/** Cases, always read through the custodian agency: another agency's case is invisible here. */
@Injectable()
export class CasesRepository {
  insert(manager: EntityManager, row: NewCase): Promise<void> {
    return run(manager, this.insertStatement(row));
  }

  insertStatement(row: NewCase): Statement<void> {
    return statement(
      `INSERT INTO cases (id, custodian_agency_id, linked_from_case_id, profile_record_id) VALUES ($1, $2, $3, $4)`,
      [row.id, row.custodianAgencyId, row.linkedFromCaseId, row.profileRecordId],
      nothing,
    );
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM cases WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** With `lock`, the row is held FOR UPDATE until the transaction ends (profile replacement). */
  findOwned(manager: EntityManager, id: string, agencyId: string, lock = false): Promise<CaseRow | null> {
    return run(manager, this.findOwnedStatement(id, agencyId, lock));
  }

  findOwnedStatement(id: string, agencyId: string, lock = false): Statement<CaseRow | null> {
    return statement(`SELECT ${COLUMNS} FROM cases WHERE id = $1 AND custodian_agency_id = $2 ${lock ? 'FOR UPDATE' : ''}`, [id, agencyId], firstRowAs<CaseRow>());
  }

  listOwned(manager: EntityManager, agencyId: string, limit: number, after: ListingPosition | null): Promise<CaseRow[]> {
    const conditions = new ListingConditions();
    conditions.where(`custodian_agency_id = ${conditions.param(agencyId)}`).pastPosition('created_at', 'id', 'newest_first', after);
    const limitParam = conditions.param(limit);
    return manager.query(`SELECT ${COLUMNS} FROM cases ${conditions.toSql()} ${orderBy('created_at', 'id', 'newest_first')} LIMIT ${limitParam}`, conditions.values);
  }

  async setProfile(manager: EntityManager, id: string, profileRecordId: string): Promise<void> {
    await manager.query(`UPDATE cases SET profile_record_id = $2 WHERE id = $1`, [id, profileRecordId]);
  }

  /** Sets (a reason) or clears (null) the high-risk flag of a case the caller already holds locked. */
  async setHighRisk(manager: EntityManager, id: string, reason: HighRiskReason | null): Promise<void> {
    await manager.query(`UPDATE cases SET high_risk_reason = $2, high_risk_set_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END WHERE id = $1`, [id, reason]);
  }
}
