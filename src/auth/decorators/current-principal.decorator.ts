import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type AuthenticatedPrincipal } from '../authenticated-principal';

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedPrincipal => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedPrincipal }>();
  if (!request.user) throw new Error('CurrentPrincipal used on a route without authentication');
  return request.user;
});
