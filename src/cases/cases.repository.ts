import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { firstRowAs, nothing, statement, type Statement } from '../database/statement';
import { run } from '../database/transactions';

export interface CaseRow {
  id: string;
  custodianAgencyId: string;
  linkedFromCaseId: string | null;
  profileRecordId: string | null;
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

/** Keyset position of a case in its agency's list: newest first. */
export interface CasePosition {
  position: string;
  id: string;
}

const COLUMNS = `id, custodian_agency_id AS "custodianAgencyId", linked_from_case_id AS "linkedFromCaseId",
  profile_record_id AS "profileRecordId", created_at AS "createdAt",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position`;

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

  listOwned(manager: EntityManager, agencyId: string, limit: number, after: CasePosition | null): Promise<CaseRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM cases
        WHERE custodian_agency_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [agencyId, after?.position ?? null, after?.id ?? null, limit],
    );
  }

  async setProfile(manager: EntityManager, id: string, profileRecordId: string): Promise<void> {
    await manager.query(`UPDATE cases SET profile_record_id = $2 WHERE id = $1`, [id, profileRecordId]);
  }
}
