import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../../auth/caller-context';
import { Roles } from '../../auth/decorators/roles.decorator';
import { ACCESS_PROBLEMS, ApiProblems, BODY_PROBLEMS } from '../../platform/errors/api-problems';
import { IdParam } from '../../platform/http/id-param';
import { RecordTeamDecisionDto, ReferToTeamDto, TeamReferralDto } from './dto/team-referral.dto';
import { TeamReferralsService } from './team-referrals.service';

@ApiTags('risk-teams')
@ApiBearerAuth()
@Roles('advocate', 'agency_worker')
@Controller()
@ApiProblems(ACCESS_PROBLEMS)
export class TeamReferralsController {
  constructor(private readonly referrals: TeamReferralsService) {}

  @Post('risk-teams/:teamId/referrals')
  @ApiOperation({ summary: "Refer your agency's case to a team you are a member of: decide() says which members receive it (each logged; without consent, loudly)" })
  @ApiCreatedResponse({ type: TeamReferralDto })
  @ApiProblems(404, BODY_PROBLEMS, 503)
  async refer(@Caller() caller: CallerContext, @IdParam('teamId', 'risk team') teamId: string, @Body() body: ReferToTeamDto): Promise<TeamReferralDto> {
    return TeamReferralDto.from(await this.referrals.refer(caller, teamId, body));
  }

  @Get('risk-teams/:teamId/referrals')
  @ApiOperation({ summary: "The team's referrals your agency receives, newest first" })
  @ApiOkResponse({ type: [TeamReferralDto] })
  @ApiProblems(404, 503)
  async list(@Caller() caller: CallerContext, @IdParam('teamId', 'risk team') teamId: string): Promise<TeamReferralDto[]> {
    return (await this.referrals.list(caller, teamId)).map((row) => TeamReferralDto.from(row));
  }

  @Get('risk-team-referrals/:referralId')
  @ApiOperation({ summary: 'A referral your agency receives, with the decisions on it (any other answers 404)' })
  @ApiOkResponse({ type: TeamReferralDto })
  @ApiProblems(404, 503)
  async get(@Caller() caller: CallerContext, @IdParam('referralId', 'team referral') referralId: string): Promise<TeamReferralDto> {
    return TeamReferralDto.from(await this.referrals.get(caller, referralId));
  }

  @Post('risk-team-referrals/:referralId/decisions')
  @ApiOperation({ summary: "The chair records the team's vote on accepting or closing a referral: carried by a majority of the member agencies present" })
  @ApiCreatedResponse({ type: TeamReferralDto })
  @ApiProblems(403, 404, 409, BODY_PROBLEMS, 503)
  async decide(@Caller() caller: CallerContext, @IdParam('referralId', 'team referral') referralId: string, @Body() body: RecordTeamDecisionDto): Promise<TeamReferralDto> {
    return TeamReferralDto.from(await this.referrals.decide(caller, referralId, body));
  }
}
