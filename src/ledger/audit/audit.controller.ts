import { Controller, Get, Query, Res } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { Caller, type CallerContext } from '../../auth/caller-context';
import { Roles } from '../../auth/decorators/roles.decorator';
import { UnprocessableError } from '../../platform/errors/domain-error';
import { streamChunks } from '../../platform/http/stream-chunks';
import { type StoredEntry } from '../log/log-tree.repository';
import { csvHeader, csvRow, ndjsonLine, toAuditRow } from './audit-format';
import { type AuditFilters } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditEntryDto, AuditExportQueryDto, type AuditFiltersDto, AuditPageDto, AuditQueryDto } from './dto/audit.dto';
import { ApiProblems, ACCESS_PROBLEMS } from '../../platform/errors/api-problems';

@ApiTags('ledger')
@ApiBearerAuth()
@Roles('auditor')
@Controller('ledger/audit')
@ApiProblems(ACCESS_PROBLEMS)
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(AuditController.name);
  }

  @Get('entries')
  @ApiOperation({ summary: 'Query the log by agency, case, consent, kind, outcome and time (the query is itself logged)' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(422, 503)
  async query(@Caller() caller: CallerContext, @Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const page = await this.audit.query(caller, toFilters(query), query.cursor, query.limit ?? 100);
    return { entries: page.entries.map((stored) => AuditEntryDto.from(toAuditRow(stored))), nextCursor: page.nextCursor };
  }

  @Get('export')
  @ApiOperation({ summary: 'Stream every matching entry as NDJSON (exact bytes and fields) or CSV (fixed columns); the export is itself logged' })
  @ApiOkResponse({
    description: 'NDJSON (default): one AuditEntry per line. CSV (format=csv): a header line, then one row per entry.',
    content: {
      'application/x-ndjson': { schema: { type: 'string', description: 'One AuditEntry JSON object per line.' } },
      'text/csv': { schema: { type: 'string', description: 'Fixed columns; the first line names them.' } },
    },
  })
  @ApiProblems(422, 503)
  async export(@Caller() caller: CallerContext, @Query() query: AuditExportQueryDto, @Res() response: Response): Promise<void> {
    const format = query.format ?? 'ndjson';
    const pages = await this.audit.export(caller, toFilters(query), format);
    response.status(200);
    response.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="ccr-disclosure-log.${format === 'csv' ? 'csv' : 'ndjson'}"`);
    response.setHeader('Cache-Control', 'no-store');
    const chunks = format === 'csv' ? withHeader(csvHeader(), formatted(pages, csvRow)) : formatted(pages, ndjsonLine);
    await streamChunks(response, chunks, (error) => this.logger.error(`audit export aborted: ${error instanceof Error ? error.name : 'unknown error'}`));
  }
}

function toFilters(query: AuditFiltersDto): AuditFilters {
  const from = query.from === undefined ? undefined : new Date(query.from);
  const to = query.to === undefined ? undefined : new Date(query.to);
  if (from && to && !(from < to)) throw UnprocessableError.field('to', 'to must be after from');
  return { agency: query.agency, case: query.case, consent: query.consent, kinds: query.kind, outcome: query.outcome, from, to };
}

async function* formatted(pages: AsyncIterable<StoredEntry[]>, format: (stored: StoredEntry) => string): AsyncGenerator<string> {
  for await (const page of pages) yield page.map(format).join('');
}

async function* withHeader(header: string, rows: AsyncIterable<string>): AsyncGenerator<string> {
  yield header;
  yield* rows;
}
