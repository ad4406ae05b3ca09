import { SetMetadata } from '@nestjs/common';
import { type Role, ROLES } from '../../principals/principal.vocabulary';

export const ADMITTED_ROLES = 'ccr:admittedRoles';

/** The roles a route admits. A route without this (or @Public) is refused: closed by default. */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator => SetMetadata(ADMITTED_ROLES, roles);

/** Every authenticated principal, whatever its role (e.g. the agency directory, whoami). */
export const AnyRole = (): MethodDecorator & ClassDecorator => SetMetadata(ADMITTED_ROLES, [...ROLES]);
