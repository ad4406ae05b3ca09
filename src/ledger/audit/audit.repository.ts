import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type StoredEntry } from '../log/log-tree.repository';

/** What an auditor filters on; every filter narrows (AND). */
export interface AuditFilters {
  /** The agency acted, received, or disclosed (its records were read by another agency). */
  agency?: string;
  case?: string;
  consent?: string;
  kinds?: readonly string[];
  outcome?: 'permitted' | 'denied';
  /** recorded_at in [from, to). */
  from?: Date;
  to?: Date;
}

/**
 * Filtered reads of the log for auditors, by keyset over the leaf index: `after` is the last
 * index already returned, `before` an upper bound (an export's snapshot of the tree size).
 */
@Injectable()
export class AuditRepository {
  async page(manager: EntityManager, filters: AuditFilters, after: number, before: number | null, limit: number): Promise<StoredEntry[]> {
    const params: unknown[] = [];
    const conditions = [...filterConditions(filters, params), `e.idx > ${bind(params, after)}`];
    if (before !== null) conditions.push(`e.idx < ${bind(params, before)}`);
    const rows: { idx: string; leaf_hash: Buffer; entry: Buffer }[] = await manager.query(
      `SELECT e.idx, e.leaf_hash, e.entry FROM ledger_entries e WHERE ${conditions.join(' AND ')} ORDER BY e.idx LIMIT ${bind(params, limit)}`,
      params,
    );
    return rows.map((row) => ({ index: Number(row.idx), leafHash: row.leaf_hash, entry: row.entry }));
  }
}

function filterConditions(filters: AuditFilters, params: unknown[]): string[] {
  const conditions: string[] = [];
  if (filters.agency !== undefined) {
    const agency = bind(params, filters.agency);
    // The discloser of a read is only inside the entry. Its bytes are jsonb's fixed rendering, so a
    // byte search finds it without parsing (a damaged row cannot make the query fail).
    conditions.push(`(e.actor_agency_id = ${agency}::uuid OR e.recipient_agency_id = ${agency}::uuid
      OR (e.kind IN ('disclosure', 'access', 'denied') AND position(convert_to('"discloser": "' || ${agency}::text || '"', 'UTF8') IN e.entry) > 0))`);
  }
  if (filters.case !== undefined) conditions.push(`e.case_id = ${bind(params, filters.case)}::uuid`);
  if (filters.consent !== undefined) conditions.push(`e.consent_id = ${bind(params, filters.consent)}::uuid`);
  if (filters.kinds !== undefined && filters.kinds.length > 0) conditions.push(`e.kind = ANY(${bind(params, filters.kinds)}::text[])`);
  if (filters.outcome !== undefined) conditions.push(`e.outcome = ${bind(params, filters.outcome)}`);
  if (filters.from !== undefined) conditions.push(`e.recorded_at >= ${bind(params, filters.from)}`);
  if (filters.to !== undefined) conditions.push(`e.recorded_at < ${bind(params, filters.to)}`);
  return conditions;
}

function bind(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}
