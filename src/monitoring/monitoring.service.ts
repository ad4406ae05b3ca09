import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { inTransaction } from '../database/transactions';
import { ForbiddenError } from '../platform/errors/domain-error';
import { COORDINATING_BODY_ROLES } from '../principals/principal.vocabulary';
import { parseEntry } from '../ledger/entry-format';
import { CheckpointNotFoundError } from '../ledger/ledger.errors';
import { CheckpointsService } from '../ledger/log/checkpoints.service';
import { LogTreeRepository } from '../ledger/log/log-tree.repository';
import { ReadLogger } from '../ledger/read-logger';
import { DEFAULT_K, type FigureParameters } from './figures/catalogue';
import { FigureAccumulator } from './figures/compute';
import { buildReport, type MonitoringReportBody } from './figures/report';
import { type CreateMonitoringReportDto } from './dto/monitoring.dto';
import { LogNotCheckpointedError, MonitoringPeriodError, MonitoringReportNotFoundError } from './monitoring.errors';
import { MonitoringRepository, type StoredReport, type StoredReportSummary } from './monitoring.repository';

const READ_BATCH = 5_000;
/** Ten years: a longer period is a mistake, and the buckets would be many. */
const MAX_PERIOD_MS = 10 * 366 * 24 * 3600 * 1000;

export interface MonitoringReport extends MonitoringReportBody {
  id: string;
  createdAt: Date;
}

/**
 * Computes reports from the log's own entries up to its latest signed checkpoint, with the same
 * pure code `ccrx monitoring verify` runs (decision 0127), and keeps them.
 */
@Injectable()
export class MonitoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checkpoints: CheckpointsService,
    private readonly tree: LogTreeRepository,
    private readonly reads: ReadLogger,
    private readonly reports: MonitoringRepository,
  ) {}

  async create(caller: CallerContext, input: CreateMonitoringReportDto): Promise<MonitoringReport> {
    const parameters = checkedParameters(input, agencyFor(caller, input.agency));
    const treeSize = await this.signedSize();
    // Reading the whole log is itself logged, committed before any figure is computed (decision 0017).
    await inTransaction(this.dataSource, (manager) => this.reads.record(manager, caller, 'ledger_read', { detail: { view: 'monitoring', start: 0, end: treeSize } }));
    const accumulator = new FigureAccumulator(parameters);
    for await (const batch of this.tree.encodedEntryBatches(0, treeSize, READ_BATCH)) {
      for (const stored of batch) accumulator.add(parseEntry(Buffer.from(stored.entry, 'base64')));
    }
    const body = buildReport(accumulator.finish(), input.epsilon ?? null);
    const id = randomUUID();
    await this.reports.insert(this.dataSource.manager, {
      id,
      agencyId: caller.principal.agencyId,
      createdBy: caller.principal.id,
      treeSize,
      definitions: body.figures.definitions,
      body: body as unknown as Record<string, unknown>,
    });
    return this.get(caller, id);
  }

  async get(caller: CallerContext, id: string): Promise<MonitoringReport> {
    const stored = await this.reports.find(this.dataSource.manager, id, caller.principal.agencyId);
    if (!stored) throw new MonitoringReportNotFoundError();
    return toReport(stored);
  }

  /** The reports the caller's agency made (each agency sees its own only, as with get). */
  list(caller: CallerContext): Promise<StoredReportSummary[]> {
    return this.reports.list(this.dataSource.manager, caller.principal.agencyId);
  }

  private async signedSize(): Promise<number> {
    try {
      return Number((await this.checkpoints.latest()).checkpoint.treeSize);
    } catch (error) {
      if (error instanceof CheckpointNotFoundError) throw new LogNotCheckpointedError();
      throw error;
    }
  }
}

/**
 * Whose figures: a member agency's staff and systems get their own agency's, always (another
 * agency's are refused); the coordinating body gets the CCR's, or one agency's when it names one.
 */
function agencyFor(caller: CallerContext, asked: string | undefined): string | undefined {
  const coordinating = caller.principal.roles.some((role) => COORDINATING_BODY_ROLES.includes(role));
  if (coordinating) return asked;
  if (asked !== undefined && asked !== caller.principal.agencyId) throw new ForbiddenError('A member agency may ask for its own figures only.');
  return caller.principal.agencyId;
}

function checkedParameters(input: CreateMonitoringReportDto, agency: string | undefined): FigureParameters {
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  if (!(to > from)) throw new MonitoringPeriodError('to must be after from');
  if (to - from > MAX_PERIOD_MS) throw new MonitoringPeriodError('a report covers at most ten years');
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket: input.bucket, k: input.k ?? DEFAULT_K, ...(agency === undefined ? {} : { agency }) };
}

function toReport(stored: StoredReport): MonitoringReport {
  return { ...(stored.body as unknown as MonitoringReportBody), id: stored.id, createdAt: stored.createdAt };
}
