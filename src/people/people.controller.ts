import { Body, Controller, Delete, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Public } from '../auth/decorators/public.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { ACCESS_PROBLEMS, ApiProblems } from '../platform/errors/api-problems';
import { requestIdOf } from '../platform/http/request-id';
import { PERSON_ROLES } from '../principals/principal.vocabulary';
import {
  EnrolledDto,
  EnrolmentStartedDto,
  FinishEnrolmentDto,
  FinishSecretChangeDto,
  FinishSignInDto,
  SecondFactorDto,
  SecretChangeStartedDto,
  SessionDto,
  SignInStartedDto,
  StartEnrolmentDto,
  StartSecretChangeDto,
  StartSignInDto,
} from './dto/people.dto';
import { EnrolmentService } from './enrolment.service';
import { OpaqueServer } from './opaque-server';
import { PersonSessionAuthenticator } from './sessions/session-authenticator';
import { clearSessionCookie, CSRF_HEADER, SESSION_COOKIE_DOC, setSessionCookie } from './sessions/session-cookie';
import { type SessionIssued, SignInService } from './sign-in.service';

const CSRF_HEADER_DOC = { name: CSRF_HEADER, required: true, description: 'The csrfToken of the session (returned at sign-in).' };

/**
 * How people enrol and sign in (decisions 0080-0083): OPAQUE for the secret, TOTP for the second
 * factor, an HttpOnly SameSite=Strict cookie plus a CSRF header for the session. Answers carry
 * Cache-Control: no-store.
 */
@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly enrolment: EnrolmentService,
    private readonly signIn: SignInService,
    private readonly sessions: PersonSessionAuthenticator,
    private readonly opaque: OpaqueServer,
  ) {}

  @Post('enrolment/start')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Enrolment step 1: the code and an OPAQUE registration request; returns the registration response and a TOTP secret to set up' })
  @ApiOkResponse({ type: EnrolmentStartedDto })
  @ApiProblems(401, 429)
  async startEnrolment(@Body() body: StartEnrolmentDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<EnrolmentStartedDto> {
    noStore(response);
    return this.enrolment.start(body.code, body.registrationRequest, callerOf(request));
  }

  @Post('enrolment/finish')
  @Public()
  @ApiOperation({ summary: 'Enrolment step 2: the OPAQUE registration record and a current TOTP code; spends the code (logged as person_enrolled)' })
  @ApiCreatedResponse({ type: EnrolledDto })
  @ApiProblems(401, 409, 429)
  async finishEnrolment(@Body() body: FinishEnrolmentDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<EnrolledDto> {
    noStore(response);
    return this.enrolment.finish(body.code, body.registrationRecord, body.totpCode, callerOf(request));
  }

  @Post('session/start')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign-in step 1: OPAQUE KE1 → KE2' })
  @ApiOkResponse({ type: SignInStartedDto })
  @ApiProblems(429)
  async startSignIn(@Body() body: StartSignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SignInStartedDto> {
    noStore(response);
    return this.signIn.start(body.username, body.startLoginRequest, addressOf(request));
  }

  @Post('session/finish')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign-in step 2: OPAQUE KE3; sets the session cookie of a pending session (second factor due)' })
  @ApiOkResponse({ type: SessionDto, headers: { 'Set-Cookie': SESSION_COOKIE_DOC } })
  @ApiProblems(401)
  async finishSignIn(@Body() body: FinishSignInDto, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    return this.answer(response, await this.signIn.finish(body.loginId, body.finishLoginRequest), 'second_factor');
  }

  @Post('session/second-factor')
  @Public()
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Sign-in step 3: a TOTP code; the pending session becomes a full one under a new cookie and CSRF value' })
  @ApiOkResponse({ type: SessionDto, headers: { 'Set-Cookie': SESSION_COOKIE_DOC } })
  @ApiProblems(401, 403, 429)
  async secondFactor(@Body() body: SecondFactorDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    const pending = await this.sessions.authenticate(request, 'second_factor');
    return this.answer(response, await this.signIn.secondFactor(pending, body.totpCode, addressOf(request)), 'full');
  }

  @Delete('session')
  @Public()
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Sign out: ends the session (pending or full) and clears the cookie and the site data' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403)
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const session = await this.sessions.authenticate(request, 'any');
    await this.signIn.signOut(session);
    clearSessionCookie(response, this.config);
    response.setHeader('Clear-Site-Data', '"cache", "storage", "cookies"');
  }

  @Post('secret/start')
  @Roles(...PERSON_ROLES)
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Change of secret, step 1: an OPAQUE registration request for the new secret' })
  @ApiOkResponse({ type: SecretChangeStartedDto })
  @ApiProblems(ACCESS_PROBLEMS, 409)
  async startSecretChange(@Body() body: StartSecretChangeDto, @Caller() caller: CallerContext, @Res({ passthrough: true }) response: Response): Promise<SecretChangeStartedDto> {
    noStore(response);
    const registrationResponse = await this.signIn.startSecretChange(caller.principal.id, body.registrationRequest);
    return { registrationResponse, serverPublicKey: this.opaque.publicKey };
  }

  @Post('secret/finish')
  @Roles(...PERSON_ROLES)
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({ summary: 'Change of secret, step 2: the new registration record and a fresh TOTP code; ends every other session of the person' })
  @ApiNoContentResponse()
  @ApiProblems(ACCESS_PROBLEMS, 409)
  async finishSecretChange(@Body() body: FinishSecretChangeDto, @Caller() caller: CallerContext): Promise<void> {
    await this.signIn.finishSecretChange(caller.principal.id, caller.principal.tokenId, body.registrationRecord, body.totpCode, body.envelope === undefined ? undefined : Buffer.from(body.envelope, 'base64'));
  }

  private answer(response: Response, issued: SessionIssued, stage: SessionDto['stage']): SessionDto {
    noStore(response);
    setSessionCookie(response, this.config, issued.sessionSecret);
    return { stage, csrfToken: issued.csrfToken, secondFactors: stage === 'second_factor' ? ['totp'] : [] };
  }
}

function noStore(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
}

function addressOf(request: Request): string {
  return request.ip ?? 'unknown';
}

function callerOf(request: Request): { address: string; requestId: string } {
  return { address: addressOf(request), requestId: requestIdOf(request) };
}
