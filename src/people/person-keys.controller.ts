import { Body, Controller, Delete, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { fromBase64Strict } from '../crypto/base64';
import { ACCESS_PROBLEMS, ApiProblems } from '../platform/errors/api-problems';
import { IdParam } from '../platform/http/id-param';
import { PERSON_ROLES } from '../principals/principal.vocabulary';
import { AddWrapsDto, decodedWrap, MemberRemovedDto, MembershipWrapDto, MyPersonKeysDto, PersonPublicKeysDto, RegisterPersonKeysDto, WrapsAddedDto } from './dto/person-keys.dto';
import { PersonKeysService } from './person-keys.service';

/** Who may add a member: the agency's own people and systems, whose clients hold its keys (the signature proves it). */
const MEMBERS = ['advocate', 'agency_worker', 'service'] as const;

@ApiTags('people')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller()
@ApiProblems(ACCESS_PROBLEMS)
export class PersonKeysController {
  constructor(private readonly keys: PersonKeysService) {}

  @Post('people/me/keys')
  @Roles(...PERSON_ROLES)
  @ApiOperation({ summary: 'Register your person keys (made on your device) and your password envelope; once per enrolment' })
  @ApiCreatedResponse({ type: PersonPublicKeysDto })
  @ApiProblems(409)
  async register(@Body() body: RegisterPersonKeysDto, @Caller() caller: CallerContext): Promise<PersonPublicKeysDto> {
    const bytes = (text: string) => fromBase64Strict(text) as Uint8Array;
    return PersonPublicKeysDto.from(await this.keys.register(caller, { signPublicKey: bytes(body.signPublicKey), boxPublicKey: bytes(body.boxPublicKey), envelope: bytes(body.envelope) }));
  }

  @Get('people/me/keys')
  @Roles(...PERSON_ROLES)
  @ApiOperation({ summary: 'Your public keys, password envelope and membership wraps (verify every wrap against the key directory before use)' })
  @ApiOkResponse({ type: MyPersonKeysDto })
  @ApiProblems(404)
  async mine(@Caller() caller: CallerContext): Promise<MyPersonKeysDto> {
    const mine = await this.keys.mine(caller);
    return {
      ...PersonPublicKeysDto.from(mine),
      envelope: Buffer.from(mine.envelope).toString('base64'),
      keyVersion: mine.keyVersion,
      wraps: mine.wraps.map((wrap) => MembershipWrapDto.from(wrap)),
      rotationDue: mine.rotationDue,
    };
  }

  @Get('agencies/:agencyId/people/:principalId/keys')
  @Roles(...MEMBERS)
  @ApiOperation({ summary: "A colleague's public keys and fingerprint (your own agency only), to wrap the agency keys to them" })
  @ApiOkResponse({ type: PersonPublicKeysDto })
  @ApiProblems(404)
  async publicKeys(@IdParam('agencyId', 'agency') agencyId: string, @IdParam('principalId', 'principal') principalId: string, @Caller() caller: CallerContext): Promise<PersonPublicKeysDto> {
    return PersonPublicKeysDto.from(await this.keys.publicKeys(caller, agencyId, principalId));
  }

  @Post('agencies/:agencyId/people/:principalId/wraps')
  @Roles(...MEMBERS)
  @ApiOperation({ summary: "Add a member: wraps of the agency's epochs to the person's keys, each signed by that epoch's key (logged as member_added)" })
  @ApiCreatedResponse({ type: WrapsAddedDto })
  @ApiProblems(404)
  async addWraps(
    @IdParam('agencyId', 'agency') agencyId: string,
    @IdParam('principalId', 'principal') principalId: string,
    @Body() body: AddWrapsDto,
    @Caller() caller: CallerContext,
  ): Promise<WrapsAddedDto> {
    return this.keys.addWraps(caller, agencyId, principalId, body.wraps.map(decodedWrap));
  }

  @Delete('agencies/:agencyId/people/:principalId/membership')
  @Roles(...MEMBERS, 'admin')
  @ApiOperation({
    summary: "Remove a member at once: their wraps, keys, sessions and login are deleted (logged as member_removed); the agency's keys are then due for rotation",
  })
  @ApiOkResponse({ type: MemberRemovedDto })
  @ApiProblems(404)
  removeMember(@IdParam('agencyId', 'agency') agencyId: string, @IdParam('principalId', 'principal') principalId: string, @Caller() caller: CallerContext): Promise<MemberRemovedDto> {
    return this.keys.removeMember(caller, agencyId, principalId);
  }
}
