import { QueryFailedError } from 'typeorm';

/** The SQLSTATE of a failed query (e.g. our functions' CC404 / CC410), if it is one. */
export function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';

/** The constraint a failed query violated, as PostgreSQL names it. */
export function constraintOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const constraint = (error.driverError as { constraint?: unknown } | undefined)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}
