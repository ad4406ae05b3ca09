import { type AppConfig } from './config/config.types';
import { EmbeddedPostgresStartError } from './database/embedded-postgres.errors';

export interface StartupFailure {
  /** What happened and what to do, on one line. */
  message: string;
  /** False when the message says it all; true when the error's stack may help. */
  logError: boolean;
}

/**
 * Why the service did not start and what to do, for the causes an operator meets (a second
 * instance, a port in use, an unreachable database). Anything else is named by its message, and
 * the error is logged beside it for the details.
 */
export function explainStartupFailure(error: unknown, config: AppConfig): StartupFailure {
  const known = (message: string) => ({ message: `start-up failed: ${message}`, logError: false });
  if (error instanceof EmbeddedPostgresStartError) return { message: `start-up failed: ${error.message}`, logError: error.constructor === EmbeddedPostgresStartError };
  const code = (error as { code?: unknown } | null)?.code;
  const syscall = (error as { syscall?: unknown } | null)?.syscall;
  if (code === 'EADDRINUSE' && syscall === 'listen') {
    return known(`cannot listen on ${config.http.host}:${config.http.port}: the port is in use (another instance of this service?): stop it, or set PORT to a free port`);
  }
  if ((code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') && config.database.url) {
    return known(`cannot reach the PostgreSQL named by DATABASE_URL (${String(code)}): check that it runs and that the URL's host and port are right`);
  }
  const message = error instanceof Error && error.message ? error.message : String(error);
  return { message: `start-up failed: ${message}`, logError: true };
}
