import { CcrUsageError } from '../errors';
import { isUuid } from '../ids';
import { INSTANT_FORMS, parseInstant } from '../instant';

/** Ids are checked before any request: a lowercase UUID, as the API and the envelope require. */
export function requireUuid(value: unknown, name: string): string {
  if (!isUuid(value)) throw new CcrUsageError(`${name} must be a lowercase UUID`);
  return value;
}

/**
 * A Date, or a time in any form of parseInstant (a day, or an ISO-8601 time with a zone), as the
 * one form consent terms are signed in: ISO-8601 UTC with milliseconds.
 */
export function isoInstant(value: Date | string, name: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CcrUsageError(`${name} is not a valid date`);
    return value.toISOString();
  }
  const instant = typeof value === 'string' ? parseInstant(value) : undefined;
  if (instant === undefined) throw new CcrUsageError(`${name} must be a date or a time with a zone, such as ${INSTANT_FORMS}`);
  return instant;
}

/** One of a fixed vocabulary, checked before signing so a typo fails here and not as a 422. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new CcrUsageError(`${name} must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}
