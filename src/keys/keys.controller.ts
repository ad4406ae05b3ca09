import { Body, Controller, Get, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { type CallerContext, Caller } from '../auth/caller-context';
import { AnyRole, Roles } from '../auth/decorators/roles.decorator';
import { IdParam } from '../platform/http/id-param';
import { AgencyKeysDto, RegisteredKeyDto } from './dto/agency-keys.dto';
import { KeyRegistrationDto } from './dto/key-registration.dto';
import { KeyDirectoryService } from './key-directory.service';
import { KeyRegistrationService } from './key-registration.service';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';

@ApiTags('keys')
@ApiBearerAuth()
@Controller('agencies/:agencyId/keys')
@ApiProblems(ACCESS_PROBLEMS)
export class KeysController {
  constructor(
    private readonly registrations: KeyRegistrationService,
    private readonly directory: KeyDirectoryService,
  ) {}

  @Post()
  @Roles('service', 'advocate', 'agency_worker')
  @ApiOperation({
    summary: "Register the caller's own agency's next key epoch",
    description:
      'Epoch 1 must be self-signed; epoch n must also be signed by epoch n-1\'s registered key (envelope.md §7). ' +
      'Retrying the identical registration answers 200; another registration for an existing epoch, or an epoch other than current + 1, answers 409.',
  })
  @ApiCreatedResponse({ type: RegisteredKeyDto, description: 'Registered, logged, and now the current epoch.' })
  @ApiOkResponse({ type: RegisteredKeyDto, description: 'This exact registration was already held (a retry): nothing changed.' })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async register(
    @Caller() caller: CallerContext,
    @IdParam('agencyId', 'agency') agencyId: string,
    @Body() body: KeyRegistrationDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RegisteredKeyDto> {
    // The signed wire object exactly as sent (a plain copy: the DTO instance only checked its JSON types).
    const outcome = await this.registrations.register(caller, agencyId, { ...body });
    if (!outcome.created) response.status(HttpStatus.OK);
    return RegisteredKeyDto.from(outcome.key);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: "Every key epoch of an agency, current and retired, with each signed registration" })
  @ApiOkResponse({ type: AgencyKeysDto })
  @ApiProblems(404)
  async list(@IdParam('agencyId', 'agency') agencyId: string): Promise<AgencyKeysDto> {
    return AgencyKeysDto.from(await this.directory.list(agencyId));
  }
}
