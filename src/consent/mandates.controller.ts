import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { IdParam } from '../platform/http/id-param';
import { SealedRecordDto } from './dto/consent.dto';
import { MandateDto } from './dto/mandate.dto';
import { RegisterMandateDto, UpdateMandateDto } from './dto/mandate-input.dto';
import { MandatesService } from './mandates.service';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';

/** The register of compelled disclosures of the caller's own agency's cases. */
@ApiTags('mandates')
@ApiBearerAuth()
@Controller()
@ApiProblems(ACCESS_PROBLEMS)
export class MandatesController {
  constructor(private readonly mandates: MandatesService) {}

  @Post('cases/:caseId/mandates')
  @Roles('advocate', 'agency_worker')
  @ApiOperation({
    summary: 'Register a court order or statutory duty to disclose (the only path around consent)',
    description: 'A statute is refused (422) for an agency under vawa_fvpsa_voca or part2: only a court order reaches that data.',
  })
  @ApiCreatedResponse({ type: MandateDto })
  @ApiProblems(404, BODY_PROBLEMS)
  async register(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string, @Body() body: RegisterMandateDto): Promise<MandateDto> {
    return MandateDto.from(await this.mandates.register(caller, caseId, body));
  }

  @Get('cases/:caseId/mandates')
  @Roles('advocate', 'agency_worker', 'service')
  @ApiOkResponse({ type: [MandateDto] })
  @ApiProblems(404)
  async list(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string): Promise<MandateDto[]> {
    return (await this.mandates.listOfCase(caller, caseId)).map((view) => MandateDto.from(view));
  }

  @Get('mandates/:mandateId')
  @Roles('advocate', 'agency_worker', 'service')
  @ApiOkResponse({ type: MandateDto })
  @ApiProblems(404)
  async get(@Caller() caller: CallerContext, @IdParam('mandateId', 'mandate') mandateId: string): Promise<MandateDto> {
    return MandateDto.from(await this.mandates.get(caller, mandateId));
  }

  @Get('mandates/:mandateId/details')
  @Roles('advocate', 'agency_worker')
  @ApiOkResponse({ type: SealedRecordDto, description: 'The sealed citation, docket and court (custodian only; a logged access).' })
  @ApiProblems(404, 503)
  async details(@Caller() caller: CallerContext, @IdParam('mandateId', 'mandate') mandateId: string): Promise<SealedRecordDto> {
    return SealedRecordDto.from(await this.mandates.readDetails(caller, mandateId));
  }

  @Patch('mandates/:mandateId')
  @Roles('advocate', 'agency_worker')
  @ApiOperation({ summary: 'Record the survivor notification (X-5), or withdraw the mandate (immediate; its wraps are deleted)' })
  @ApiOkResponse({ type: MandateDto })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async update(@Caller() caller: CallerContext, @IdParam('mandateId', 'mandate') mandateId: string, @Body() body: UpdateMandateDto): Promise<MandateDto> {
    return MandateDto.from(await this.mandates.update(caller, mandateId, body));
  }
}
