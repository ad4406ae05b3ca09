import { CcrApiError, CcrAuthError, type FieldProblem } from '../errors';

export interface FailedResponse {
  status: number;
  contentType: string;
  body: unknown;
  requestId: string;
  retryAfterSeconds?: number;
}

/**
 * Problem details (RFC 9457) become CcrApiError; an RFC 6749 error body from the token endpoint
 * becomes CcrAuthError (CcrApiError when it is a 5xx: the service, not the credentials, failed); anything else (a proxy's HTML page...) a CcrApiError built from the
 * status alone — the SDK never copies an unknown body into a message.
 */
export function errorFromResponse(response: FailedResponse): CcrApiError | CcrAuthError {
  const body = isRecord(response.body) ? response.body : {};
  if (response.contentType.includes('application/problem+json')) return problemError(response, body);
  if (typeof body.error === 'string') {
    const description = typeof body.error_description === 'string' ? body.error_description : 'the token request was refused';
    // temporarily_unavailable (503) and server_error say nothing about the credentials: not an auth error.
    if (response.status >= 500) {
      return new CcrApiError({ status: response.status, type: 'about:blank', title: statusTitle(response.status), detail: description, requestId: response.requestId, extensions: { error: body.error } }, response.retryAfterSeconds);
    }
    return new CcrAuthError(response.status, body.error, description, response.requestId);
  }
  return new CcrApiError(
    { status: response.status, type: 'about:blank', title: statusTitle(response.status), detail: 'the API answered without problem details', requestId: response.requestId },
    response.retryAfterSeconds,
  );
}

function problemError(response: FailedResponse, body: Record<string, unknown>): CcrApiError {
  return new CcrApiError(
    {
      status: response.status,
      type: text(body.type) ?? 'about:blank',
      title: text(body.title) ?? statusTitle(response.status),
      detail: text(body.detail) ?? '',
      instance: text(body.instance),
      // The server's own id wins: it is the one its logs carry.
      requestId: text(body.requestId) ?? response.requestId,
      errors: fieldProblems(body.errors),
      extensions: extensionMembers(body),
    },
    response.retryAfterSeconds,
  );
}

const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'requestId', 'errors']);

/** Scalar extension members only: the API puts ids and codes there, never free text or objects. */
function extensionMembers(body: Record<string, unknown>): Record<string, unknown> {
  const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
  return Object.fromEntries(Object.entries(body).filter(([name, value]) => !PROBLEM_MEMBERS.has(name) && scalar(value)));
}

function fieldProblems(value: unknown): FieldProblem[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((entry) => ({
    field: text(entry.field) ?? '',
    messages: Array.isArray(entry.messages) ? entry.messages.filter((m): m is string => typeof m === 'string') : [],
  }));
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusTitle(status: number): string {
  return TITLES[status] ?? `HTTP ${status}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
