import { Body, Controller, Delete, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { IdParam } from '../platform/http/id-param';
import { CasesService } from './cases.service';
import { CaseDto, CasePageDto, ListCasesQueryDto, OpenCaseDto, ReplaceProfileDto, SetHighRiskDto } from './dto/case.dto';
import { HighRiskFlagService } from './high-risk-flag.service';
import { DeliveredRecordDto } from './dto/sealed-record.dto';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';

@ApiTags('cases')
@ApiBearerAuth()
@Roles('service', 'advocate', 'agency_worker')
@Controller('cases')
@ApiProblems(ACCESS_PROBLEMS)
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly highRisk: HighRiskFlagService,
  ) {}

  @Post()
  @ApiOperation({ summary: "Open a case for the caller's agency, optionally with the sealed survivor profile" })
  @ApiCreatedResponse({ type: CaseDto })
  @ApiProblems(BODY_PROBLEMS, 409)
  async open(@Caller() caller: CallerContext, @Body() body: OpenCaseDto): Promise<CaseDto> {
    return CaseDto.from(await this.cases.open(caller, body));
  }

  @Get()
  @ApiOperation({ summary: "The caller's agency's cases, newest first" })
  @ApiOkResponse({ type: CasePageDto })
  @ApiProblems(422)
  async list(@Caller() caller: CallerContext, @Query() query: ListCasesQueryDto): Promise<CasePageDto> {
    const page = await this.cases.list(caller, query.limit, query.cursor);
    return { items: page.items.map((row) => CaseDto.from(row)), nextCursor: page.nextCursor };
  }

  @Get(':caseId')
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(404)
  async get(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string): Promise<CaseDto> {
    return CaseDto.from(await this.cases.get(caller, caseId));
  }

  @Get(':caseId/profile')
  @ApiOperation({ summary: 'The current sealed profile (ciphertext and your wrap); the read is logged as an access entry' })
  @ApiOkResponse({ type: DeliveredRecordDto })
  @ApiProblems(404, 503)
  async readProfile(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string): Promise<DeliveredRecordDto> {
    return DeliveredRecordDto.from(await this.cases.readProfile(caller, caseId));
  }

  @Put(':caseId/profile')
  @ApiOperation({ summary: 'Replace the profile with a new sealed version that supersedes the current one (409 if it does not)' })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async replaceProfile(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string, @Body() body: ReplaceProfileDto): Promise<CaseDto> {
    return CaseDto.from(await this.cases.replaceProfile(caller, caseId, body.profile));
  }

  @Put(':caseId/high-risk')
  @ApiOperation({ summary: 'Flag the case high risk with a coded reason (custodian only; logged; a repeat with the same reason changes nothing)' })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(404, BODY_PROBLEMS, 503)
  async setHighRisk(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string, @Body() body: SetHighRiskDto): Promise<CaseDto> {
    return CaseDto.from(await this.highRisk.set(caller, caseId, body.reason));
  }

  @Delete(':caseId/high-risk')
  @ApiOperation({ summary: 'Clear the high-risk flag (custodian only; logged; clearing an unflagged case changes nothing)' })
  @ApiOkResponse({ type: CaseDto })
  @ApiProblems(404, 503)
  async clearHighRisk(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string): Promise<CaseDto> {
    return CaseDto.from(await this.highRisk.clear(caller, caseId));
  }
}
