import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type RegistrationResponseJSON } from '@simplewebauthn/server';
import { type Request, type Response } from 'express';
import { Caller, type CallerContext } from '../../auth/caller-context';
import { Public } from '../../auth/decorators/public.decorator';
import { Roles } from '../../auth/decorators/roles.decorator';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { fromBase64Strict } from '../../crypto/base64';
import { ACCESS_PROBLEMS, ApiProblems } from '../../platform/errors/api-problems';
import { IdParam } from '../../platform/http/id-param';
import { PERSON_ROLES } from '../../principals/principal.vocabulary';
import { SessionDto } from '../dto/people.dto';
import { PersonSessionAuthenticator } from '../sessions/session-authenticator';
import { CSRF_HEADER, SESSION_COOKIE_DOC, setSessionCookie } from '../sessions/session-cookie';
import { type SessionIssued } from '../sign-in.service';
import { FinishPasskeySignInDto, PasskeyAssertionDto, PasskeyDto, PasskeyEnvelopeDto, PasskeyListDto, PasskeySignInStartedDto, RegisterPasskeyDto } from './dto/passkeys.dto';
import { PasskeySignInService } from './passkey-sign-in.service';
import { PasskeysService } from './passkeys.service';

const CSRF_HEADER_DOC = { name: CSRF_HEADER, required: true, description: 'The csrfToken of the session (returned at sign-in).' };
const OPTIONS_SCHEMA = { schema: { type: 'object' as const, additionalProperties: true, description: 'WebAuthn options JSON for the browser (e.g. @simplewebauthn/browser).' } };

/**
 * People's passkeys (decisions 0111-0113): registration, list, removal and the passkey envelope
 * for a signed-in person; a passkey as the second factor of a pending sign-in, or alone. Answers
 * carry Cache-Control: no-store.
 */
@ApiTags('people')
@Controller('people')
export class PasskeysController {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly passkeys: PasskeysService,
    private readonly signIn: PasskeySignInService,
    private readonly sessions: PersonSessionAuthenticator,
  ) {}

  @Post('me/passkeys/options')
  @Roles(...PERSON_ROLES)
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Passkey registration step 1: creation options (a challenge good for one answer, 2 minutes)' })
  @ApiOkResponse(OPTIONS_SCHEMA)
  @ApiProblems(ACCESS_PROBLEMS, 409)
  async registrationOptions(@Caller() caller: CallerContext, @Res({ passthrough: true }) response: Response): Promise<object> {
    noStore(response);
    return this.passkeys.registrationOptions(caller);
  }

  @Post('me/passkeys')
  @Roles(...PERSON_ROLES)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Passkey registration step 2: the authenticator’s answer (user verification required); logged as passkey_registered' })
  @ApiCreatedResponse({ type: PasskeyDto })
  @ApiProblems(ACCESS_PROBLEMS, 409)
  async register(@Body() body: RegisterPasskeyDto, @Caller() caller: CallerContext, @Res({ passthrough: true }) response: Response): Promise<PasskeyDto> {
    noStore(response);
    return PasskeyDto.from(await this.passkeys.register(caller, body.credential as unknown as RegistrationResponseJSON));
  }

  @Get('me/passkeys')
  @Roles(...PERSON_ROLES)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Your passkeys, each with its passkey envelope if it unlocks your keys' })
  @ApiOkResponse({ type: PasskeyListDto })
  @ApiProblems(ACCESS_PROBLEMS)
  async list(@Caller() caller: CallerContext, @Res({ passthrough: true }) response: Response): Promise<PasskeyListDto> {
    noStore(response);
    return { passkeys: (await this.passkeys.list(caller)).map((row) => PasskeyDto.from(row)) };
  }

  @Put('me/passkeys/:passkeyId/envelope')
  @Roles(...PERSON_ROLES)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Store (or drop, with null) the passkey envelope your device sealed under this passkey’s PRF output' })
  @ApiOkResponse({ type: PasskeyDto })
  @ApiProblems(ACCESS_PROBLEMS, 404)
  async setEnvelope(@IdParam('passkeyId', 'passkey') passkeyId: string, @Body() body: PasskeyEnvelopeDto, @Caller() caller: CallerContext): Promise<PasskeyDto> {
    const envelope = body.envelope === null ? null : (fromBase64Strict(body.envelope) as Uint8Array);
    return PasskeyDto.from(await this.passkeys.setEnvelope(caller, passkeyId, envelope));
  }

  @Delete('me/passkeys/:passkeyId')
  @Roles(...PERSON_ROLES)
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Remove one of your passkeys (and its envelope); logged as passkey_removed' })
  @ApiNoContentResponse()
  @ApiProblems(ACCESS_PROBLEMS, 404)
  async remove(@IdParam('passkeyId', 'passkey') passkeyId: string, @Caller() caller: CallerContext): Promise<void> {
    await this.passkeys.remove(caller, passkeyId);
  }

  @Post('session/passkey/options')
  @Public()
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Sign-in step 3 with a passkey instead of a TOTP code: request options for your passkeys (pending session)' })
  @ApiOkResponse(OPTIONS_SCHEMA)
  @ApiProblems(401, 403, 409, 429)
  async secondFactorOptions(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<object> {
    noStore(response);
    const pending = await this.sessions.authenticate(request, 'second_factor');
    return this.signIn.secondFactorOptions(pending, addressOf(request));
  }

  @Post('session/passkey')
  @Public()
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Sign-in step 3 with a passkey: the assertion; the pending session becomes a full one under a new cookie and CSRF value' })
  @ApiOkResponse({ type: SessionDto, headers: { 'Set-Cookie': SESSION_COOKIE_DOC } })
  @ApiProblems(401, 403, 429)
  async secondFactor(@Body() body: PasskeyAssertionDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    const pending = await this.sessions.authenticate(request, 'second_factor');
    return this.answer(response, await this.signIn.secondFactor(pending, body.credential, addressOf(request)));
  }

  @Post('session/passkey-only/start')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Passkey-only sign-in step 1 (decision 0113): request options for any discoverable passkey of this service' })
  @ApiOkResponse({ type: PasskeySignInStartedDto })
  @ApiProblems(429)
  async startPasskeySignIn(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<PasskeySignInStartedDto> {
    noStore(response);
    const started = await this.signIn.start(addressOf(request));
    return { challengeId: started.challengeId, options: { ...started.options } };
  }

  @Post('session/passkey-only/finish')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Passkey-only sign-in step 2: a user-verified assertion by a registered passkey; sets the cookie of a full session' })
  @ApiOkResponse({ type: SessionDto, headers: { 'Set-Cookie': SESSION_COOKIE_DOC } })
  @ApiProblems(401, 429)
  async finishPasskeySignIn(@Body() body: FinishPasskeySignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    this.sessions.assertSameOrigin(request);
    return this.answer(response, await this.signIn.finish(body.challengeId, body.credential, addressOf(request)));
  }

  private answer(response: Response, issued: SessionIssued): SessionDto {
    noStore(response);
    setSessionCookie(response, this.config, issued.sessionSecret);
    return { stage: 'full', csrfToken: issued.csrfToken, secondFactors: [] };
  }
}

function noStore(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
}

function addressOf(request: Request): string {
  return request.ip ?? 'unknown';
}
