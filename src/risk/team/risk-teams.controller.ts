import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../../auth/caller-context';
import { Roles } from '../../auth/decorators/roles.decorator';
import { ACCESS_PROBLEMS, ApiProblems, BODY_PROBLEMS } from '../../platform/errors/api-problems';
import { IdParam } from '../../platform/http/id-param';
import { FormRiskTeamDto, RiskTeamDto } from './dto/risk-team.dto';
import { RiskTeamsService } from './risk-teams.service';

@ApiTags('risk-teams')
@ApiBearerAuth()
@Roles('advocate', 'agency_worker')
@Controller('risk-teams')
@ApiProblems(ACCESS_PROBLEMS)
export class RiskTeamsController {
  constructor(private readonly teams: RiskTeamsService) {}

  @Post()
  @ApiOperation({ summary: "Form a standing high-risk team: your agency chairs it; the members are active member agencies" })
  @ApiCreatedResponse({ type: RiskTeamDto })
  @ApiProblems(BODY_PROBLEMS, 503)
  async form(@Caller() caller: CallerContext, @Body() body: FormRiskTeamDto): Promise<RiskTeamDto> {
    return RiskTeamDto.from(await this.teams.form(caller, body));
  }

  @Get()
  @ApiOperation({ summary: 'The teams your agency is a member of, newest first' })
  @ApiOkResponse({ type: [RiskTeamDto] })
  @ApiProblems(422, 503)
  async list(@Caller() caller: CallerContext): Promise<RiskTeamDto[]> {
    return (await this.teams.list(caller)).map((row) => RiskTeamDto.from(row));
  }

  @Get(':teamId')
  @ApiOperation({ summary: 'A team your agency is a member of (any other answers 404)' })
  @ApiOkResponse({ type: RiskTeamDto })
  @ApiProblems(404, 503)
  async get(@Caller() caller: CallerContext, @IdParam('teamId', 'risk team') teamId: string): Promise<RiskTeamDto> {
    return RiskTeamDto.from(await this.teams.get(caller, teamId));
  }
}
