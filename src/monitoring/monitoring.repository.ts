import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { firstRowAs, nothing, rowsAs, statement } from '../database/statement';
import { run } from '../database/transactions';

export interface StoredReport {
  id: string;
  agencyId: string;
  createdAt: Date;
  treeSize: number;
  definitions: string;
  body: Record<string, unknown>;
}

/** What a listing shows of a stored report: its header, not its figures. */
export interface StoredReportSummary {
  id: string;
  createdAt: Date;
  createdBy: string;
  /** The maker's display name (a colleague of the caller's own agency), null if the principal is gone. */
  createdByName: string | null;
  treeSize: number;
  definitions: string;
  asOf: string | null;
  parameters: Record<string, unknown>;
  /** The privacy budget the published copy spent, null without noise. */
  totalEpsilon: number | null;
}

/** A listing shows the newest reports; older ones stay fetchable by id. */
export const REPORT_LIST_LIMIT = 200;

/** Monitoring reports, scoped to the coordinating body's agency that made them. */
@Injectable()
export class MonitoringRepository {
  async insert(manager: EntityManager, report: Omit<StoredReport, 'createdAt'> & { createdBy: string }): Promise<void> {
    await run(
      manager,
      statement(
        'INSERT INTO monitoring_reports (id, agency_id, created_by, tree_size, definitions, body) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
        [report.id, report.agencyId, report.createdBy, report.treeSize, report.definitions, JSON.stringify(report.body)],
        nothing,
      ),
    );
  }

  async find(manager: EntityManager, id: string, agencyId: string): Promise<StoredReport | null> {
    const row = await run(
      manager,
      statement(
        `SELECT id, agency_id AS "agencyId", created_at AS "createdAt", tree_size AS "treeSize", definitions, body
           FROM monitoring_reports WHERE id = $1 AND agency_id = $2`,
        [id, agencyId],
        firstRowAs<Omit<StoredReport, 'treeSize'> & { treeSize: string }>(),
      ),
    );
    return row === null ? null : { ...row, treeSize: Number(row.treeSize) };
  }

  /** The caller's agency's reports, newest first: the header of each, read from its stored body. */
  async list(manager: EntityManager, agencyId: string): Promise<StoredReportSummary[]> {
    const rows = await run(
      manager,
      statement(
        `SELECT r.id, r.created_at AS "createdAt", r.created_by AS "createdBy", p.display_name AS "createdByName", r.tree_size AS "treeSize", r.definitions,
                r.body->'figures'->>'asOf' AS "asOf", r.body->'figures'->'parameters' AS parameters, (r.body->'noise'->>'totalEpsilon')::float8 AS "totalEpsilon"
           FROM monitoring_reports r LEFT JOIN principals p ON p.id = r.created_by AND p.agency_id = r.agency_id
          WHERE r.agency_id = $1
          ORDER BY r.created_at DESC, r.id
          LIMIT ${REPORT_LIST_LIMIT}`,
        [agencyId],
        rowsAs<Omit<StoredReportSummary, 'treeSize'> & { treeSize: string }>(),
      ),
    );
    return rows.map((row) => ({ ...row, treeSize: Number(row.treeSize) }));
  }
}
