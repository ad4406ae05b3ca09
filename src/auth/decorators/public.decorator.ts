import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ccr:isPublic';

/**
 * Opts a route out of authentication. Every other route is closed by default and must declare
 * the roles it admits; a test walks all routes and fails if one declares neither.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
