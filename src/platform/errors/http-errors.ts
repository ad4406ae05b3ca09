import { DomainError } from './domain-error';

/** The body is not valid JSON (or form data where a form is expected). */
export class MalformedBodyError extends DomainError {
  readonly status = 400;
  readonly slug = 'malformed-body';
  readonly title = 'Malformed body';
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly slug = 'payload-too-large';
  readonly title = 'Payload too large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly slug = 'unsupported-media-type';
  readonly title = 'Unsupported media type';
}

/** The body nests deeper than any route accepts: refused before it is parsed (decision 0047). */
export class BodyTooDeepError extends DomainError {
  readonly status = 400;
  readonly slug = 'body-too-deep';
  readonly title = 'Body nested too deeply';

  constructor(maxDepth: number) {
    super(`The request body nests arrays or objects deeper than ${maxDepth} levels.`, { maxDepth });
  }
}

/** How long a client should wait before retrying while the database is away (decision 0048). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * PostgreSQL is unreachable, shutting down or starting up (see isDatabaseUnavailable()). Nothing
 * about the request follows from it — not that its token is bad, nor that its input is — so it is
 * a 503 with Retry-After, which every client may retry once it has waited; a write whose outcome
 * is unknown is retried safely only with its idempotency key or client-chosen id.
 */
export class DatabaseUnavailableError extends DomainError {
  readonly status = 503;
  readonly slug = 'database-unavailable';
  readonly title = 'Database unavailable';

  constructor() {
    super(`The database is not reachable at the moment. Retry after ${DATABASE_RETRY_AFTER_SECONDS} seconds; quote the request id if it persists.`, {
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  }

  override headers(): Record<string, string> {
    return { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) };
  }
}
