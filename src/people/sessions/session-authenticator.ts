import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Request } from 'express';
import { UnauthenticatedError } from '../../auth/auth.errors';
import { type AuthenticatedPrincipal } from '../../auth/authenticated-principal';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { PrincipalsService } from '../../principals/principals.service';
import { CrossSiteRequestRefusedError } from '../people.errors';
import { type SessionStage } from '../people.vocabulary';
import { CSRF_HEADER, readSessionCookie, secretHash, sessionCookieName } from './session-cookie';
import { type SessionRow, SessionsRepository } from './sessions.repository';

/** Writing last_seen_at on every request would double the writes; a minute's precision is enough for an idle limit. */
const TOUCH_AFTER_SECONDS = 60;

export interface AuthenticatedSession {
  session: SessionRow;
  principal: AuthenticatedPrincipal;
}

/**
 * Authenticates a request by the person's session cookie (decision 0081): the request must come
 * from this service's own origin (Origin, and Sec-Fetch-Site when the browser sends it) and carry
 * the session's CSRF value in X-CCR-CSRF — on every request, not only unsafe ones: a custom
 * header also makes any cross-origin read need a CORS preflight this service never grants. Then
 * the session must be live, at the asked stage, and its principal and agency active.
 */
@Injectable()
export class PersonSessionAuthenticator {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly principals: PrincipalsService,
  ) {}

  hasSessionCookie(request: Request): boolean {
    return request.headers.cookie?.includes(`${sessionCookieName(this.config)}=`) ?? false;
  }

  /** `stage` 'any' admits a pending session too (sign-out). */
  async authenticate(request: Request, stage: SessionStage | 'any'): Promise<AuthenticatedSession> {
    this.assertSameOrigin(request);
    const secret = readSessionCookie(request, this.config);
    if (!secret) throw new UnauthenticatedError();
    const session = await this.sessions.findBySecret(secretHash(secret), this.config.people.sessionIdleSeconds);
    if (!session || !session.live || (stage !== 'any' && session.stage !== stage)) throw new UnauthenticatedError();
    if (!csrfMatches(request.headers[CSRF_HEADER], session.csrfHash)) throw new CrossSiteRequestRefusedError();
    const principal = await this.principals.resolveActive(session.principalId, session.agencyId);
    if (!principal || principal.kind !== 'person') throw new UnauthenticatedError();
    if (session.idleSeconds > TOUCH_AFTER_SECONDS) await this.sessions.touch(session.id);
    return { session, principal: { ...principal, tokenId: session.id } };
  }

  /**
   * Refuses a request another site made: an Origin other than PUBLIC_URL, a Sec-Fetch-Site other
   * than same-origin, or an unsafe method without Origin (browsers send it on every non-GET; a
   * same-origin GET goes without, and is covered by the CSRF header).
   */
  assertSameOrigin(request: Request): void {
    const origin = request.headers.origin;
    const fetchSite = request.headers['sec-fetch-site'];
    if (origin !== undefined && origin !== this.config.http.publicUrl) throw new CrossSiteRequestRefusedError();
    if (fetchSite !== undefined && fetchSite !== 'same-origin') throw new CrossSiteRequestRefusedError();
    if (origin === undefined && !SAFE_METHODS.has(request.method)) throw new CrossSiteRequestRefusedError();
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function csrfMatches(sent: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof sent !== 'string' || sent.length === 0 || sent.length > 100) return false;
  return timingSafeEqual(secretHash(sent), expected);
}
