import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../../auth/caller-context';
import { inTransaction } from '../../database/transactions';
import { type LedgerFields } from '../ledger.vocabulary';
import { LogTreeRepository, type StoredEntry } from '../log/log-tree.repository';
import { ReadLogger } from '../read-logger';
import { type AuditFilters, AuditRepository } from './audit.repository';

export const EXPORT_PAGE = 1_000;

export interface AuditPage {
  entries: StoredEntry[];
  /** The last index of this page, to pass as `cursor`; null when there is nothing more. */
  nextCursor: number | null;
}

export type ExportFormat = 'ndjson' | 'csv';

/**
 * The auditor's view of the log. Every query and export is itself logged (`ledger_read`, the
 * filters as codes in `detail`), committed before any row is sent.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    private readonly tree: LogTreeRepository,
    private readonly reads: ReadLogger,
  ) {}

  query(caller: CallerContext, filters: AuditFilters, cursor: number | undefined, limit: number): Promise<AuditPage> {
    return inTransaction(this.dataSource, async (manager) => {
      const rows = await this.audit.page(manager, filters, cursor ?? -1, null, limit + 1);
      await this.reads.record(manager, caller, 'ledger_read', { detail: readDetail('audit_query', filters, { cursor: cursor ?? null, limit }) });
      const entries = rows.slice(0, limit);
      return { entries, nextCursor: rows.length > limit ? entries[entries.length - 1].index : null };
    });
  }

  /**
   * Logs the export, then returns its rows as pages read lazily by keyset, up to the tree size at
   * the moment of the request (a stable snapshot: the log only grows).
   */
  async export(caller: CallerContext, filters: AuditFilters, format: ExportFormat): Promise<AsyncGenerator<StoredEntry[]>> {
    const snapshot = await inTransaction(this.dataSource, async (manager) => {
      const treeSize = await this.tree.treeSize(manager);
      await this.reads.record(manager, caller, 'ledger_read', { detail: readDetail('audit_export', filters, { format, treeSize }) });
      return treeSize;
    });
    return this.pages(filters, snapshot);
  }

  private async *pages(filters: AuditFilters, before: number): AsyncGenerator<StoredEntry[]> {
    for (let after = -1; ; ) {
      const rows = await this.audit.page(this.dataSource.manager, filters, after, before, EXPORT_PAGE);
      if (rows.length > 0) yield rows;
      if (rows.length < EXPORT_PAGE) return;
      after = rows[rows.length - 1].index;
    }
  }
}

type Detail = NonNullable<LedgerFields['detail']>;

/** The filters as codes and ids only, so the entry says what was looked at without containing it. */
function readDetail(view: string, filters: AuditFilters, extra: Detail): Detail {
  const detail: Detail = { view, ...extra };
  if (filters.agency !== undefined) detail.agency = filters.agency;
  if (filters.case !== undefined) detail.case = filters.case;
  if (filters.consent !== undefined) detail.consent = filters.consent;
  if (filters.kinds !== undefined) detail.kinds = filters.kinds;
  if (filters.outcome !== undefined) detail.outcome = filters.outcome;
  if (filters.from !== undefined) detail.from = filters.from.toISOString();
  if (filters.to !== undefined) detail.to = filters.to.toISOString();
  return detail;
}
