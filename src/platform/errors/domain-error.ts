import { type FieldProblem } from './problem-details';

/**
 * Base of every typed error a module raises. Each subclass states its own HTTP mapping, so the
 * mapping to problem+json is exhaustive by construction: an error that is not a DomainError is a
 * bug and becomes a generic 500 — unless it says the database is away, which is a 503 (0048).
 *
 * `detail` is shown to the client: it must never carry survivor data, tokens, keys or raw driver
 * messages — only ids the caller already sent and fixed wording.
 */
export abstract class DomainError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
  /** Problem type slug, see problemType(). */
  abstract readonly slug: string;
  abstract readonly title: string;

  constructor(
    readonly detail: string,
    readonly extensions: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  /** Response headers this error requires, e.g. Retry-After or WWW-Authenticate. */
  headers(): Record<string, string> {
    return {};
  }
}

/** A semantically invalid request: each offending field is named. */
export class UnprocessableError extends DomainError {
  readonly status = 422;
  readonly slug = 'validation-failed';
  readonly title = 'The request is not valid';

  constructor(errors: FieldProblem[], detail = 'One or more fields are invalid.') {
    super(detail, { errors });
  }

  static field(field: string, message: string): UnprocessableError {
    return new UnprocessableError([{ field, messages: [message] }], message);
  }
}

/**
 * A string no route accepts (NUL, an unpaired surrogate) or a member named `__proto__`,
 * `constructor` or `prototype`, refused at the edge. The detail names the fields too, because the
 * token endpoint's RFC 6749 errors carry only a description.
 */
export class UnacceptableInputError extends UnprocessableError {
  constructor(errors: FieldProblem[]) {
    const named = errors.slice(0, 3).map((problem) => `${shorten(problem.field)}: ${problem.messages.join(', ')}`);
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
    super(errors, `Not accepted: ${named.join('; ')}${more}.`);
  }
}

function shorten(field: string): string {
  return field.length > 80 ? `${field.slice(0, 80)}…` : field;
}

/** Missing or another agency's object: the two must look the same. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly slug = 'not-found';
  readonly title = 'Not found';

  constructor(what: string) {
    super(`No ${what} with that id is visible to you.`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';

  constructor(
    readonly slug: string,
    detail: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(detail, extensions);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = 'Forbidden';
}
