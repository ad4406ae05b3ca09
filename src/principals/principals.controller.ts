import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedPrincipal } from '../auth/authenticated-principal';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { AnyRole, Roles } from '../auth/decorators/roles.decorator';
import { IdParam } from '../platform/http/id-param';
import { CreatePrincipalDto, PrincipalDto, PrincipalWithSecretDto, RotateCredentialsDto, SetPrincipalStatusDto, WhoAmIDto } from './dto/principal.dto';
import { PrincipalsService } from './principals.service';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';

@ApiTags('principals')
@ApiBearerAuth()
@Controller()
@ApiProblems(ACCESS_PROBLEMS)
export class PrincipalsController {
  constructor(private readonly principals: PrincipalsService) {}

  @Get('principals/me')
  @AnyRole()
  @ApiOkResponse({ type: WhoAmIDto })
  whoAmI(@CurrentPrincipal() principal: AuthenticatedPrincipal): WhoAmIDto {
    const { id, agencyId, kind, username, roles } = principal;
    return { id, agencyId, kind, username, roles: [...roles] };
  }

  @Post('agencies/:agencyId/principals')
  @Roles('admin')
  @ApiCreatedResponse({ type: PrincipalWithSecretDto, description: 'The secret is in this response only.' })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async create(@IdParam('agencyId', 'agency') agencyId: string, @Body() body: CreatePrincipalDto): Promise<PrincipalWithSecretDto> {
    const { principal, oneTimeSecret } = await this.principals.create(agencyId, body);
    return { principal: PrincipalDto.from(principal), oneTimeSecret };
  }

  @Get('agencies/:agencyId/principals')
  @Roles('admin')
  @ApiOkResponse({ type: [PrincipalDto] })
  @ApiProblems(404)
  async list(@IdParam('agencyId', 'agency') agencyId: string): Promise<PrincipalDto[]> {
    return (await this.principals.listInAgency(agencyId)).map((principal) => PrincipalDto.from(principal));
  }

  @Put('agencies/:agencyId/principals/:principalId/status')
  @Roles('admin')
  @ApiOkResponse({ type: PrincipalDto, description: 'Disabling refuses the principal, even with an unexpired token: at once through the API process that disabled it, within half a second through any other (decision 0147).' })
  @ApiProblems(404, BODY_PROBLEMS)
  async setStatus(
    @IdParam('agencyId', 'agency') agencyId: string,
    @IdParam('principalId', 'principal') principalId: string,
    @Body() body: SetPrincipalStatusDto,
  ): Promise<PrincipalDto> {
    return PrincipalDto.from(await this.principals.setStatus(agencyId, principalId, body.status));
  }

  @Post('agencies/:agencyId/principals/:principalId/credentials')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: PrincipalWithSecretDto, description: 'Rotate: a new secret (shown once) or a new client key. Refused (409) for an enrolled person: issue an enrolment code instead.' })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async rotate(
    @IdParam('agencyId', 'agency') agencyId: string,
    @IdParam('principalId', 'principal') principalId: string,
    @Body() body: RotateCredentialsDto,
  ): Promise<PrincipalWithSecretDto> {
    const { principal, oneTimeSecret } = await this.principals.rotateCredentials(agencyId, principalId, body.clientJwk);
    return { principal: PrincipalDto.from(principal), oneTimeSecret };
  }
}
