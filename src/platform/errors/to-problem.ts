import { HttpException } from '@nestjs/common';
import { isDatabaseUnavailable } from '../../database/database-errors';
import { DomainError } from './domain-error';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailableError } from './http-errors';
import { type ProblemDetails, problemType } from './problem-details';

interface ProblemShape {
  status: number;
  slug: string;
  title: string;
  detail: string;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Fixed wording for errors raised by the framework: their own messages are never passed on. */
const GENERIC_BY_STATUS: Record<number, Omit<ProblemShape, 'status'>> = {
  400: { slug: 'bad-request', title: 'Bad request', detail: 'The request could not be understood.' },
  401: {
    slug: 'unauthenticated',
    title: 'Unauthenticated',
    detail: 'A valid access token is required.',
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  403: { slug: 'forbidden', title: 'Forbidden', detail: 'Your role does not allow this action.' },
  404: { slug: 'not-found', title: 'Not found', detail: 'Nothing matches this method and path.' },
  405: { slug: 'method-not-allowed', title: 'Method not allowed', detail: 'This method is not allowed here.' },
  406: { slug: 'not-acceptable', title: 'Not acceptable', detail: 'No acceptable representation is available.' },
  409: { slug: 'conflict', title: 'Conflict', detail: 'The request conflicts with the current state.' },
  413: { slug: 'payload-too-large', title: 'Payload too large', detail: 'The request body exceeds the size limit.' },
  415: {
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
    detail: 'Send the body as application/json.',
  },
  429: { slug: 'too-many-requests', title: 'Too many requests', detail: 'Slow down and retry later.' },
  503: { slug: 'service-unavailable', title: 'Service unavailable', detail: 'A dependency is unavailable.' },
};

const INTERNAL: ProblemShape = {
  status: 500,
  slug: 'internal-error',
  title: 'Internal server error',
  detail: 'An unexpected error occurred. Quote the request id when you report it.',
};

export function classify(exception: unknown): ProblemShape {
  if (!(exception instanceof DomainError) && isDatabaseUnavailable(exception)) return classify(new DatabaseUnavailableError());
  if (exception instanceof DomainError) {
    return {
      status: exception.status,
      slug: exception.slug,
      title: exception.title,
      detail: exception.detail,
      extensions: exception.extensions,
      headers: exception.headers(),
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  return INTERNAL;
}

function fromHttpException(exception: HttpException): ProblemShape {
  const status = exception.getStatus();
  const generic = GENERIC_BY_STATUS[status];
  if (!generic) return status >= 500 ? INTERNAL : { status, ...GENERIC_BY_STATUS[400] };
  const shape: ProblemShape = { status, ...generic };
  if (status === 503) {
    shape.extensions = readinessChecks(exception.getResponse());
    shape.headers = { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) };
  }
  return shape;
}

/** Terminus reports which checks failed; their names (never error text) are useful to operators. */
function readinessChecks(response: unknown): Record<string, unknown> {
  const details = (response as { details?: Record<string, { status?: unknown }> } | null)?.details;
  if (!details || typeof details !== 'object') return {};
  return { checks: Object.fromEntries(Object.entries(details).map(([name, check]) => [name, check?.status ?? 'down'])) };
}

export function toProblemDetails(shape: ProblemShape, instance: string, requestId: string): ProblemDetails {
  return {
    type: problemType(shape.slug),
    title: shape.title,
    status: shape.status,
    detail: shape.detail,
    instance,
    requestId,
    ...shape.extensions,
  };
}
