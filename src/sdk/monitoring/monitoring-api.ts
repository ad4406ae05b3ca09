import type { HttpCore } from '../http/http-core';
import { apiPath } from '../http/api-path';

/** What a report is asked for (docs/monitoring.md §4). */
export interface MonitoringReportRequest {
  /** Start of the period, inclusive (ISO instant or date). */
  from: string;
  /** End of the period, exclusive. */
  to: string;
  bucket: 'month' | 'quarter';
  /** Small-cell threshold, at least 5 (default 11). */
  k?: number;
  /** Discrete-Laplace noise of this ε per table on the published copy. */
  epsilon?: number;
}

/** One table of counts as released: null where suppressed. */
export interface MonitoringCountTable {
  figure: string;
  bucket: string;
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

export interface MonitoringTimeTable {
  figure: string;
  bucket: string;
  rows: string[];
  columns: string[];
  cells: ({ n: number; median: number; p90: number } | null)[][];
}

export interface MonitoringFigures {
  definitions: string;
  treeSize: number;
  asOf: string | null;
  parameters: { from: string; to: string; bucket: 'month' | 'quarter'; k: number };
  counts: MonitoringCountTable[];
  times: MonitoringTimeTable[];
}

export interface MonitoringReport {
  id: string;
  createdAt: string;
  definitions: string;
  treeSize: number;
  asOf: string | null;
  parameters: MonitoringFigures['parameters'];
  /** Suppressed, before noise: what `ccrx monitoring verify` recomputes from the log. */
  figures: MonitoringFigures;
  noise: { mechanism: 'discrete_laplace'; sensitivity: 1; epsilonPerTable: number; tables: number; totalEpsilon: number } | null;
  /** The copy to publish (noised if asked). */
  published: MonitoringFigures;
}

/** A stored report's header, as the listing shows it (GET /monitoring/reports). */
export interface MonitoringReportSummary {
  id: string;
  createdAt: string;
  createdBy: string;
  createdByName: string | null;
  definitions: string;
  treeSize: number;
  asOf: string | null;
  parameters: MonitoringFigures['parameters'] & { agency?: string };
  totalEpsilon: number | null;
}

/** CCR monitoring reports, for the coordinating body's auditors and administrators. */
export class MonitoringApi {
  constructor(private readonly http: HttpCore) {}

  async create(request: MonitoringReportRequest): Promise<MonitoringReport> {
    return (await this.http.request<MonitoringReport>({ method: 'POST', path: '/monitoring/reports', json: request })).body;
  }

  /** The reports the caller's agency made, newest first (at most 200). */
  async list(): Promise<MonitoringReportSummary[]> {
    return (await this.http.request<{ items: MonitoringReportSummary[] }>({ method: 'GET', path: '/monitoring/reports' })).body.items;
  }

  async get(reportId: string): Promise<MonitoringReport> {
    return (await this.http.request<MonitoringReport>({ method: 'GET', path: apiPath`/monitoring/reports/${reportId}` })).body;
  }
}
