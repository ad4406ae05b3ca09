import { type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { type Request } from 'express';
import { PersonSessionAuthenticator } from '../people/sessions/session-authenticator';
import { type Role } from '../principals/principal.vocabulary';
import { RoleNotAdmittedError, UnauthenticatedError } from './auth.errors';
import { type AuthenticatedPrincipal } from './authenticated-principal';
import { IS_PUBLIC } from './decorators/public.decorator';
import { ADMITTED_ROLES } from './decorators/roles.decorator';

/**
 * The global guard: closed by default. A route is reachable only if it is marked @Public or
 * declares the roles it admits; then the caller must authenticate — by a bearer token (passport-jwt;
 * service accounts, scripts) or, without one, by a person's session cookie with its CSRF header
 * from this origin (decision 0081) — and the caller's current roles must include an admitted one.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: PersonSessionAuthenticator,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const admitted = this.reflector.getAllAndOverride<Role[] | undefined>(ADMITTED_ROLES, targets);
    if (!admitted) {
      this.logger.error(`route ${context.getClass().name}.${context.getHandler().name} declares no access rule; refusing`);
      throw new RoleNotAdmittedError([]);
    }
    const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedPrincipal }>();
    if (request.headers.authorization === undefined && this.sessions.hasSessionCookie(request)) {
      request.user = (await this.sessions.authenticate(request, 'full')).principal;
    } else {
      await super.canActivate(context);
    }
    const principal = request.user;
    if (!principal.roles.some((role) => admitted.includes(role))) throw new RoleNotAdmittedError(admitted);
    return true;
  }

  /**
   * Passport reports a token that does not verify as "no principal"; `error` is only what the
   * principal lookup threw — the database being away, say — which says nothing about the token.
   * It goes on as it is (503 for an outage), so a client keeps a valid token instead of dropping it.
   */
  override handleRequest<T>(error: unknown, principal: T | false): T {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrown as the lookup raised it
    if (error) throw error;
    if (!principal) throw new UnauthenticatedError();
    return principal;
  }
}
