import { Body, Controller, Get, Param, type PipeTransform, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';
import { IdParam } from '../platform/http/id-param';
import { toAgreementDto } from './agreement-views';
import { AgreementNotFoundError } from './agreements.errors';
import { AgreementsService } from './agreements.service';
import { AgreementDto } from './dto/agreement.dto';
import { AgreementSignatureInputDto, ProposeAgreementDto, ProposeAgreementVersionDto } from './dto/agreement-terms.dto';

/** Member agencies' staff and systems: the people who hold the agency's keys sign for it. */
const ROLES = ['service', 'advocate', 'agency_worker'] as const;

/** A version number in a path: a canonical decimal, else it names nothing (404). */
class VersionParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new AgreementNotFoundError('agreement version');
    return Number(value);
  }
}

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
@ApiProblems(ACCESS_PROBLEMS)
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Propose a working agreement (version 1), signed by your agency (logged as agreement_proposed)' })
  @ApiCreatedResponse({ type: AgreementDto })
  @ApiProblems(BODY_PROBLEMS, 409)
  async propose(@Caller() caller: CallerContext, @Body() body: ProposeAgreementDto): Promise<AgreementDto> {
    return toAgreementDto(await this.agreements.propose(caller, body.agreementId, body));
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The agreements your agency is a party to: signed, in force, or awaiting its signature' })
  @ApiOkResponse({ type: [AgreementDto] })
  async list(@Caller() caller: CallerContext): Promise<AgreementDto[]> {
    return (await this.agreements.list(caller)).map(toAgreementDto);
  }

  @Get(':agreementId')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One agreement with every version, its signatures and who has yet to sign' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiProblems(404)
  async get(@Caller() caller: CallerContext, @IdParam('agreementId', 'agreement') agreementId: string): Promise<AgreementDto> {
    return toAgreementDto(await this.agreements.get(caller, agreementId));
  }

  @Post(':agreementId/versions')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Propose the next version, signed by your agency; it replaces the one in force once every party signs' })
  @ApiCreatedResponse({ type: AgreementDto })
  @ApiProblems(BODY_PROBLEMS, 404, 409)
  async proposeVersion(@Caller() caller: CallerContext, @IdParam('agreementId', 'agreement') agreementId: string, @Body() body: ProposeAgreementVersionDto): Promise<AgreementDto> {
    return toAgreementDto(await this.agreements.proposeVersion(caller, agreementId, body.version, body));
  }

  @Post(':agreementId/versions/:version/signatures')
  @Roles(...ROLES)
  @ApiOperation({ summary: "Sign a proposed version with your agency's key (agreement_signed); the last signature puts it in force (agreement_in_force)" })
  @ApiCreatedResponse({ type: AgreementDto })
  @ApiProblems(BODY_PROBLEMS, 404, 409)
  async sign(
    @Caller() caller: CallerContext,
    @IdParam('agreementId', 'agreement') agreementId: string,
    @Param('version', new VersionParamPipe()) version: number,
    @Body() body: AgreementSignatureInputDto,
  ): Promise<AgreementDto> {
    return toAgreementDto(await this.agreements.sign(caller, agreementId, version, body));
  }
}
