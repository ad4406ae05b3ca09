import { Body, Controller, Delete, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { fromBase64Strict } from '../crypto/base64';
import { personKeyFingerprint } from '../crypto';
import { ACCESS_PROBLEMS, ApiProblems } from '../platform/errors/api-problems';
import { IdParam } from '../platform/http/id-param';
import { PERSON_ROLES } from '../principals/principal.vocabulary';
import {
  AddWrapsDto,
  decodedWrap,
  type MemberDto,
  MemberRemovedDto,
  MembersDto,
  MembershipWrapDto,
  MyPersonKeysDto,
  PersonPublicKeysDto,
  RecoveryStartedDto,
  RegisterPersonKeysDto,
  RotatedDto,
  RotationDto,
  WrapsAddedDto,
} from './dto/person-keys.dto';
import { MemberRotationService } from './member-rotation.service';
import { RecoveryService } from './recovery.service';
import { type MemberRow } from './person-keys.repository';
import { PersonKeysService } from './person-keys.service';

/** Who may add a member: the agency's own people and systems, whose clients hold its keys (the signature proves it). */
const MEMBERS = ['advocate', 'agency_worker', 'service'] as const;

@ApiTags('people')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller()
@ApiProblems(ACCESS_PROBLEMS)
export class PersonKeysController {
  constructor(
    private readonly keys: PersonKeysService,
    private readonly rotation: MemberRotationService,
    private readonly recovery: RecoveryService,
  ) {}

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

  @Post('agencies/:agencyId/people/:principalId/recovery')
  @Roles(...MEMBERS)
  @ApiOperation({
    summary:
      'Recover a colleague who forgot their secret: a single-use re-enrolment code for them (logged as person_recovery_started). They set a new secret and make new keys; you then wrap the agency keys to them after comparing the fingerprint',
  })
  @ApiCreatedResponse({ type: RecoveryStartedDto, description: 'The code is in this answer only; the server keeps its hash.' })
  @ApiProblems(404, 409)
  async startRecovery(@IdParam('agencyId', 'agency') agencyId: string, @IdParam('principalId', 'principal') principalId: string, @Caller() caller: CallerContext): Promise<RecoveryStartedDto> {
    const issued = await this.recovery.start(caller, agencyId, principalId);
    return { code: issued.code, link: issued.link, expiresAt: issued.expiresAt.toISOString(), logIndex: issued.logIndex };
  }

  @Get('agencies/:agencyId/members')
  @Roles(...MEMBERS)
  @ApiOperation({ summary: "Your agency's people with keys, each with their latest membership wrap (a rotating client re-wraps only to people whose wrap the agency's key signed)" })
  @ApiOkResponse({ type: MembersDto })
  @ApiProblems(404)
  async members(@IdParam('agencyId', 'agency') agencyId: string, @Caller() caller: CallerContext): Promise<MembersDto> {
    const { members, rotationDue } = await this.rotation.members(caller, agencyId);
    return { members: await Promise.all(members.map(memberDto)), rotationDue };
  }

  @Post('agencies/:agencyId/members/rotation')
  @Roles(...MEMBERS)
  @ApiOperation({
    summary: "Rotate a people agency's keys: the next epoch (signed by the current one) and its wraps to every remaining member, stored together (logged as key_registered and members_rewrapped)",
    description:
      "An agency with no keys yet gets its first epoch the same way (decision 0156): epoch 1, self-signed, wrapped by its first person's client to themselves. " +
      'Every wrap must verify under the key of its epoch registered here; once the agency has an epoch, another epoch 1 answers 409.',
  })
  @ApiCreatedResponse({ type: RotatedDto })
  @ApiProblems(404, 409)
  rotate(@IdParam('agencyId', 'agency') agencyId: string, @Body() body: RotationDto, @Caller() caller: CallerContext): Promise<RotatedDto> {
    const wraps = body.wraps.map((wrap) => ({ ...decodedWrap(wrap), personId: wrap.personId }));
    return this.rotation.rotate(caller, agencyId, { ...body.registration }, wraps);
  }
}

async function memberDto(row: MemberRow): Promise<MemberDto> {
  const latestWrap =
    row.wrap && row.signature && row.wrapEpoch !== null && row.wrapAgencyId && row.issuedBy
      ? MembershipWrapDto.from({ agencyId: row.wrapAgencyId, epoch: row.wrapEpoch, wrap: row.wrap, signature: row.signature, issuedBy: row.issuedBy })
      : null;
  return { personId: row.personId, username: row.username, displayName: row.displayName, ...PersonPublicKeysDto.from({ ...row, fingerprint: await personKeyFingerprint(row) }), latestWrap };
}
