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

/**
 * SQLSTATEs that say PostgreSQL cannot serve the request now, whatever the request: class 08
 * (connection exception), 57P01–57P03 (shut down by the administrator or a crash, not yet accepting
 * connections), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** Socket errors of a connection attempt or of a connection that broke. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** node-postgres reports a lost connection or pool timeout by message only (pg 8, pg-pool 3). */
const UNAVAILABLE_MESSAGE = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'timeout expired',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
]);

/**
 * True when the error says the database is unreachable or going away (stopped, restarting, the
 * network, the pool waiting in vain for a connection) rather than that this request was wrong:
 * the caller should retry later (503), and nothing about its credentials or input follows from it.
 * Looks through TypeORM's QueryFailedError, `cause` chains and AggregateError (a connection
 * attempt to several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, severity, message, driverError, cause, errors } = error as Record<string, unknown>;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  // FATAL ends the session (e.g. 55000 "database is not currently accepting connections"): the database failed, not the request.
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.has(message)) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  return inner.some((each) => each !== undefined && each !== error && isDatabaseUnavailable(each, depth + 1));
}
