import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Request } from 'express';
import { requestIdOf } from '../platform/http/request-id';
import { type AuthenticatedPrincipal } from './authenticated-principal';

/** Who is calling and the request id: what services need to decide and to write the log. */
export interface CallerContext {
  principal: AuthenticatedPrincipal;
  requestId: string;
}

export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): CallerContext => {
  const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedPrincipal }>();
  if (!request.user) throw new Error('Caller used on a route without authentication');
  return { principal: request.user, requestId: requestIdOf(request) };
});
