import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TokenThrottle } from '../auth/oauth/token-throttle';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { PrincipalsService } from '../principals/principals.service';
import { OpaqueServer } from './opaque-server';
import { EnvelopeRequiredError, MalformedOpaqueMessageError, NotEnrolledError, SecondFactorRefusedError, SignInRefusedError } from './people.errors';
import { PeopleRepository } from './people.repository';
import { CURRENT_KSF_VERSION, type SessionStage } from './people.vocabulary';
import { type AuthenticatedSession } from './sessions/session-authenticator';
import { newSessionSecret, secretHash } from './sessions/session-cookie';
import { SessionsRepository } from './sessions/sessions.repository';
import { acceptedTotpStep } from './totp';

/** The server's OPAQUE state waits this long for the client's second message. */
const LOGIN_ATTEMPT_SECONDS = 120;
/** A session that passed the secret waits this long for the second factor. */
const PENDING_SESSION_SECONDS = 300;

export interface LoginStarted {
  loginId: string;
  loginResponse: string;
}

/** What the controller turns into the cookie and the answer: the secret goes only into the cookie. */
export interface SessionIssued {
  sessionSecret: string;
  csrfToken: string;
  maxAgeSeconds: number;
}

/**
 * Sign-in of a person (decision 0081): OPAQUE start and finish (the server never sees the secret,
 * and cannot test a guess without the client), which opens a pending session good only for the
 * second factor; a TOTP code then makes it a full session under a new secret. Every started sign-in
 * counts as a failure for the name and the address until the second factor passes (a client can
 * test a guess locally once the server answered, so the server's answer is what must be rationed);
 * the back-off is the token endpoint's (TokenThrottle), so both share one count per name.
 */
@Injectable()
export class SignInService {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly people: PeopleRepository,
    private readonly sessions: SessionsRepository,
    private readonly principals: PrincipalsService,
    private readonly opaque: OpaqueServer,
    private readonly throttle: TokenThrottle,
  ) {}

  async start(username: string, startLoginRequest: string, address: string): Promise<LoginStarted> {
    const keys = TokenThrottle.keys(username, address);
    await this.throttle.assertNotBlocked(keys);
    const principal = await this.principals.findActiveByUsername(username);
    const login = principal?.kind === 'person' ? await this.people.findLogin(principal.id) : null;
    // An unknown name gets the library's dummy answer, made under a stable identifier so that
    // asking twice does not tell it apart from a real one.
    const identifier = login ? login.principalId : `unknown:${username}`;
    const started = this.opaque.startLogin(identifier, login?.opaqueRecord ?? null, startLoginRequest);
    if (!started) throw new MalformedOpaqueMessageError('startLoginRequest');
    await this.throttle.recordFailure(keys);
    const loginId = randomUUID();
    await this.people.insertAttempt({
      id: loginId,
      principalId: login?.principalId ?? null,
      username,
      serverState: started.serverState,
      expiresAt: new Date(Date.now() + LOGIN_ATTEMPT_SECONDS * 1000),
    });
    return { loginId, loginResponse: started.loginResponse };
  }

  /** The client proved its secret: a pending session, good only for the second factor. */
  async finish(loginId: string, finishLoginRequest: string): Promise<SessionIssued> {
    const attempt = await this.people.takeAttempt(loginId);
    if (!attempt?.principalId || !this.opaque.finishLogin(attempt.serverState, finishLoginRequest)) throw new SignInRefusedError();
    return this.openSession(attempt.principalId);
  }

  async secondFactor(pending: AuthenticatedSession, totpCode: string, address: string): Promise<SessionIssued> {
    const keys = TokenThrottle.keys(pending.principal.username, address);
    await this.throttle.assertNotBlocked(keys);
    if (!(await this.acceptTotp(pending.principal.id, totpCode))) {
      await this.throttle.recordFailure(keys);
      throw new SecondFactorRefusedError();
    }
    return this.completeSecondFactor(pending);
  }

  /** The second factor passed (a TOTP code, or a passkey: src/people/passkeys): the pending session becomes a full one under new secrets. */
  async completeSecondFactor(pending: AuthenticatedSession): Promise<SessionIssued> {
    const issued = this.newSecrets(this.config.people.sessionMaxSeconds);
    const promoted = await this.sessions.promote(pending.session.id, secretHash(issued.sessionSecret), secretHash(issued.csrfToken), this.expiry(issued.maxAgeSeconds));
    if (!promoted) throw new SignInRefusedError();
    await this.throttle.recordSuccess(pending.principal.username);
    return issued;
  }

  /** A user-verifying passkey alone signed the person in (decision 0113): a full session at once. */
  async openFullSession(principalId: string, username: string): Promise<SessionIssued> {
    const issued = await this.openSession(principalId, 'full');
    await this.throttle.recordSuccess(username);
    return issued;
  }

  async signOut(session: AuthenticatedSession): Promise<void> {
    await this.sessions.delete(session.session.id);
  }

  /** Change of secret, step 1: the OPAQUE registration response for the new secret. */
  async startSecretChange(principalId: string, registrationRequest: string): Promise<string> {
    if (!(await this.people.isEnrolled(principalId))) throw new NotEnrolledError();
    const response = this.opaque.registrationResponse(principalId, registrationRequest);
    if (!response) throw new MalformedOpaqueMessageError('registrationRequest');
    return response;
  }

  /**
   * Step 2: the new record replaces the old one, confirmed by a fresh TOTP code (a session left
   * open on a shared desk does not let someone else set a secret). Every other session ends.
   */
  /** `envelope`: the person keys re-sealed under the new export key, stored in the same statement as the new secret. */
  async finishSecretChange(principalId: string, sessionId: string, registrationRecord: string, totpCode: string, envelope?: Buffer): Promise<void> {
    if (!(await this.people.isEnrolled(principalId))) throw new NotEnrolledError();
    if (!this.opaque.isWellFormedRecord(principalId, registrationRecord)) throw new MalformedOpaqueMessageError('registrationRecord');
    // Checked before the code is used, and again in the statement that changes the secret.
    if (!envelope && (await this.people.hasPersonKeys(principalId))) throw new EnvelopeRequiredError();
    if (!(await this.acceptTotp(principalId, totpCode))) throw new SecondFactorRefusedError();
    if (!(await this.people.replaceSecret(principalId, registrationRecord, CURRENT_KSF_VERSION, envelope))) throw new EnvelopeRequiredError();
    await this.sessions.deleteForPrincipal(principalId, sessionId);
  }

  private async acceptTotp(principalId: string, totpCode: string): Promise<boolean> {
    const login = await this.people.findLogin(principalId);
    const step = login ? acceptedTotpStep(login.totpSecret, totpCode, login.totpLastStep) : null;
    return step !== null && (await this.people.consumeTotpStep(principalId, step));
  }

  private async openSession(principalId: string, stage: SessionStage = 'second_factor'): Promise<SessionIssued> {
    const issued = this.newSecrets(stage === 'full' ? this.config.people.sessionMaxSeconds : PENDING_SESSION_SECONDS);
    await this.sessions.insert({
      id: randomUUID(),
      principalId,
      stage,
      secretHash: secretHash(issued.sessionSecret),
      csrfHash: secretHash(issued.csrfToken),
      expiresAt: this.expiry(issued.maxAgeSeconds),
    });
    return issued;
  }

  private newSecrets(maxAgeSeconds: number): SessionIssued {
    return { sessionSecret: newSessionSecret(), csrfToken: newSessionSecret(), maxAgeSeconds };
  }

  private expiry(seconds: number): Date {
    return new Date(Date.now() + seconds * 1000);
  }
}
