import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { isUuid } from '../crypto/identifiers';
import { type PartyView } from './consent-rules';

export interface PersonView {
  id: string;
  agencyId: string;
  kind: string;
  status: string;
}

/**
 * The directory facts the consent rules and the policy need (regime, status, coordinating body),
 * read in the caller's transaction. The directory is shared by every member: not agency-scoped.
 */
@Injectable()
export class PartiesRepository {
  async agencies(manager: EntityManager, ids: readonly string[]): Promise<Map<string, PartyView>> {
    const wanted = [...new Set(ids.filter((id) => isUuid(id)))];
    if (wanted.length === 0) return new Map();
    const rows: PartyView[] = await manager.query(
      `SELECT id, regime, status, coordinating_body AS "coordinatingBody" FROM agencies WHERE id = ANY($1::uuid[])`,
      [wanted],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async principal(manager: EntityManager, id: string): Promise<PersonView | null> {
    const rows: PersonView[] = await manager.query(`SELECT id, agency_id AS "agencyId", kind, status FROM principals WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}
