import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { IdParam } from '../platform/http/id-param';
import { ConsentsService } from './consents.service';
import { ConsentChangeDto, ConsentDto, SealedRecordDto, TermsRecordQueryDto } from './dto/consent.dto';
import { AmendConsentDto, RecordConsentDto } from './dto/consent-terms.dto';
import { RevocationResultDto } from './dto/revocation-result.dto';
import { RevokeConsentDto } from './dto/revoke-consent.dto';
import { RevocationService } from './revocation.service';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';

/** Releases of the caller's own agency's cases: another agency's consent answers 404. */
@ApiTags('consents')
@ApiBearerAuth()
@Roles('advocate', 'agency_worker', 'service')
@Controller()
@ApiProblems(ACCESS_PROBLEMS)
export class ConsentsController {
  constructor(
    private readonly consents: ConsentsService,
    private readonly revocations: RevocationService,
  ) {}

  @Post('cases/:caseId/consents')
  @ApiOperation({
    summary: 'Record a release, signed by your agency',
    description: 'The signature covers ConsentTermsV1 (src/consent/consent-terms.ts) as version 1. A release that is recorded but can release nothing says so in `warnings`.',
  })
  @ApiCreatedResponse({ type: ConsentChangeDto })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async record(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string, @Body() body: RecordConsentDto): Promise<ConsentChangeDto> {
    const change = await this.consents.record(caller, caseId, body);
    return ConsentChangeDto.fromChange(change.view, change.wrapsWithdrawn);
  }

  @Get('cases/:caseId/consents')
  @ApiOperation({ summary: 'Every release of the case, each with its full version history' })
  @ApiOkResponse({ type: [ConsentDto] })
  @ApiProblems(404)
  async list(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string): Promise<ConsentDto[]> {
    return (await this.consents.listOfCase(caller, caseId)).map((view) => ConsentDto.from(view));
  }

  @Get('consents/:consentId')
  @ApiOkResponse({ type: ConsentDto })
  @ApiProblems(404)
  async get(@Caller() caller: CallerContext, @IdParam('consentId', 'consent') consentId: string): Promise<ConsentDto> {
    return ConsentDto.from(await this.consents.get(caller, consentId));
  }

  @Get('consents/:consentId/terms-record')
  @ApiOperation({ summary: "The sealed record with the survivor's own words (custodian only; a logged access)" })
  @ApiOkResponse({ type: SealedRecordDto })
  @ApiProblems(404, 422, 503)
  async termsRecord(@Caller() caller: CallerContext, @IdParam('consentId', 'consent') consentId: string, @Query() query: TermsRecordQueryDto): Promise<SealedRecordDto> {
    return SealedRecordDto.from(await this.consents.readTermsRecord(caller, consentId, query.version));
  }

  @Post('consents/:consentId/versions')
  @ApiOperation({
    summary: 'Amend: a new signed version that supersedes the current one',
    description: '`version` must be the current version + 1 (409 otherwise); refused for a revoked consent (409). Wraps the new terms no longer allow are withdrawn at once.',
  })
  @ApiCreatedResponse({ type: ConsentChangeDto })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async amend(@Caller() caller: CallerContext, @IdParam('consentId', 'consent') consentId: string, @Body() body: AmendConsentDto): Promise<ConsentChangeDto> {
    const change = await this.consents.amend(caller, consentId, body);
    return ConsentChangeDto.fromChange(change.view, change.wrapsWithdrawn);
  }

  @Post('consents/:consentId/revocation')
  @ApiOperation({
    summary: "Revoke on the survivor's word: immediate, cascading, and honest about what cannot be recalled",
    description: 'The caller is recorded as having received the revocation. Revoking twice answers 409 consent-already-revoked.',
  })
  @ApiCreatedResponse({ type: RevocationResultDto })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async revoke(@Caller() caller: CallerContext, @IdParam('consentId', 'consent') consentId: string, @Body() body: RevokeConsentDto): Promise<RevocationResultDto> {
    return RevocationResultDto.from(await this.revocations.revoke(caller, consentId, body));
  }
}
