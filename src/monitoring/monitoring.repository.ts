import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { firstRowAs, nothing, statement } from '../database/statement';
import { run } from '../database/transactions';

export interface StoredReport {
  id: string;
  agencyId: string;
  createdAt: Date;
  treeSize: number;
  definitions: string;
  body: Record<string, unknown>;
}

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
}
