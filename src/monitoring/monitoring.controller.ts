import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';
import { IdParam } from '../platform/http/id-param';
import { CreateMonitoringReportDto, MonitoringParametersDto, MonitoringReportDto, MonitoringReportListDto } from './dto/monitoring.dto';
import { type MonitoringReport, MonitoringService } from './monitoring.service';

/**
 * The coordinating body (auditors, administrators) for the CCR's figures; member agencies' staff
 * and systems for their own agency's (docs/monitoring.md §4).
 */
@ApiTags('monitoring')
@ApiBearerAuth()
@Roles('auditor', 'admin', 'advocate', 'agency_worker', 'service')
@Controller('monitoring/reports')
@ApiProblems(ACCESS_PROBLEMS)
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  @Post()
  @ApiOperation({ summary: 'Compute the CCR monitoring figures at the latest signed checkpoint, suppressed (and noised if asked), and keep the report' })
  @ApiCreatedResponse({ type: MonitoringReportDto })
  @ApiProblems(BODY_PROBLEMS, 403, 409, 503)
  async create(@Caller() caller: CallerContext, @Body() body: CreateMonitoringReportDto): Promise<MonitoringReportDto> {
    return toDto(await this.monitoring.create(caller, body));
  }

  @Get()
  @ApiOperation({ summary: "The reports the caller's agency made, newest first: period, grain, k, checkpoint, catalogue version, when and by whom" })
  @ApiOkResponse({ type: MonitoringReportListDto })
  async list(@Caller() caller: CallerContext): Promise<MonitoringReportListDto> {
    const reports = await this.monitoring.list(caller);
    return {
      items: reports.map((report) => ({
        id: report.id,
        createdAt: report.createdAt.toISOString(),
        createdBy: report.createdBy,
        createdByName: report.createdByName,
        definitions: report.definitions,
        treeSize: report.treeSize,
        asOf: report.asOf,
        parameters: report.parameters as unknown as MonitoringParametersDto,
        totalEpsilon: report.totalEpsilon,
      })),
    };
  }

  @Get(':reportId')
  @ApiOperation({ summary: 'A report made before, to publish or to verify with ccrx monitoring verify' })
  @ApiOkResponse({ type: MonitoringReportDto })
  @ApiProblems(404)
  async get(@Caller() caller: CallerContext, @IdParam('reportId', 'monitoring report') reportId: string): Promise<MonitoringReportDto> {
    return toDto(await this.monitoring.get(caller, reportId));
  }
}

function toDto(report: MonitoringReport): MonitoringReportDto {
  const figures = report.figures;
  return {
    id: report.id,
    createdAt: report.createdAt.toISOString(),
    definitions: figures.definitions,
    treeSize: figures.treeSize,
    asOf: figures.asOf,
    parameters: figures.parameters,
    figures: figures as unknown as Record<string, unknown>,
    noise: report.noise as unknown as Record<string, unknown> | null,
    published: report.published as unknown as Record<string, unknown>,
  };
}
