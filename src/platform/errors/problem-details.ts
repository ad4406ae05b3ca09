/** RFC 9457 problem details, as every error leaves this service. */
export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `validUntil` or `wraps.2.epoch`. */
  field: string;
  messages: string[];
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are URNs: stable identifiers, documented in docs/problems.md. */
export function problemType(slug: string): string {
  return `urn:ccr-exchange:problem:${slug}`;
}
