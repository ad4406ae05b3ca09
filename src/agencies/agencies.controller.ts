import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../auth/decorators/roles.decorator';
import { IdParam } from '../platform/http/id-param';
import { AgenciesService } from './agencies.service';
import { AgencyDto, CreateAgencyDto, SetAgencyStatusDto } from './dto/agency.dto';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
@ApiProblems(ACCESS_PROBLEMS)
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: AgencyDto, description: 'Onboard an agency (CCR administrators).' })
  @ApiProblems(BODY_PROBLEMS, 409)
  async onboard(@Body() body: CreateAgencyDto): Promise<AgencyDto> {
    return AgencyDto.from(await this.agencies.onboard(body));
  }

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: [AgencyDto], description: 'The CCR directory: every member agency and its status.' })
  async list(): Promise<AgencyDto[]> {
    return (await this.agencies.list()).map((agency) => AgencyDto.from(agency));
  }

  @Get(':agencyId')
  @AnyRole()
  @ApiOkResponse({ type: AgencyDto })
  @ApiProblems(404)
  async get(@IdParam('agencyId', 'agency') agencyId: string): Promise<AgencyDto> {
    return AgencyDto.from(await this.agencies.get(agencyId));
  }

  @Put(':agencyId/status')
  @Roles('admin')
  @ApiOkResponse({ type: AgencyDto, description: 'Suspend or reinstate an agency; suspension refuses its principals at once.' })
  @ApiProblems(404, BODY_PROBLEMS)
  async setStatus(@IdParam('agencyId', 'agency') agencyId: string, @Body() body: SetAgencyStatusDto): Promise<AgencyDto> {
    return AgencyDto.from(await this.agencies.setStatus(agencyId, body.status));
  }
}
