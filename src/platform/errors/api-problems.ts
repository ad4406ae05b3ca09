import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { type SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { type DomainError } from './domain-error';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

export type ProblemStatus = DomainError['status'];

export const PROBLEM_SCHEMA_NAME = 'ProblemDetails';

/** RFC 9457 problem details as every error of this service leaves it (see ProblemDetails in problem-details.ts). */
export const PROBLEM_DETAILS_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details. `type` is a URN urn:ccr-exchange:problem:<slug>; `detail` never carries survivor data, ' +
    'tokens or keys. Some problems add extension members (e.g. retryAfterSeconds, checks, index).',
  required: ['type', 'title', 'status', 'detail', 'instance', 'requestId'],
  properties: {
    type: { type: 'string', example: 'urn:ccr-exchange:problem:validation-failed' },
    title: { type: 'string', example: 'Validation failed' },
    status: { type: 'integer', example: 422 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path (never the query).', example: '/referrals' },
    requestId: { type: 'string', description: 'Also in the X-Request-Id header: quote it when reporting a problem.' },
    errors: {
      type: 'array',
      description: 'For 422: every offending field, by dotted path.',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: { field: { type: 'string', example: 'validUntil' }, messages: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: true,
};

const DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Malformed request: the body is not well-formed JSON, or a header the operation requires is malformed.',
  401: 'No valid access token (missing, expired, or its principal or agency is disabled).',
  403: "The caller's role does not allow this operation.",
  404: "Not found. Another agency's object answers exactly like a missing one.",
  409: 'Conflicts with the current state (e.g. a stale version or an illegal transition).',
  413: 'The body or a sealed record is larger than the configured limit.',
  415: 'The body is not application/json.',
  422: 'Well-formed, but not acceptable: `errors` names every offending field.',
  429: 'Too many attempts: wait for Retry-After seconds.',
  503: 'A dependency (the database or the disclosure log) is unavailable; nothing was done. Retry later.',
};

/** The problems every operation that takes a JSON body can answer. */
export const BODY_PROBLEMS = [400, 413, 415, 422] as const satisfies readonly ProblemStatus[];
/** The problems every operation behind the access guard can answer. */
export const ACCESS_PROBLEMS = [401, 403] as const satisfies readonly ProblemStatus[];

/**
 * Documents the problem+json answers an operation (or, on a class, each of its operations) can
 * give. `test/e2e/openapi.e2e-spec.ts` checks every operation lists at least the problems its
 * shape implies, and the e2e harness fails any answer whose status is not documented.
 */
export function ApiProblems(...statuses: readonly (ProblemStatus | readonly ProblemStatus[])[]): MethodDecorator & ClassDecorator {
  const unique = [...new Set(statuses.flat())].sort();
  return applyDecorators(...unique.map((status) => ApiResponse({ status, ...ApiProblemsResponse(status) })));
}

/** The OpenAPI response object of one problem status. */
export function ApiProblemsResponse(status: ProblemStatus): { description: string; content: Record<string, { schema: { $ref: string } }> } {
  return { description: DESCRIPTIONS[status], content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` } } } };
}
