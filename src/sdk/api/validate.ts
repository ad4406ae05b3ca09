import { isIsoUtcMillis } from '../../crypto/identifiers';
import { CcrUsageError } from '../errors';
import { isUuid } from '../ids';

/** Ids are checked before any request: a lowercase UUID, as the API and the envelope require. */
export function requireUuid(value: unknown, name: string): string {
  if (!isUuid(value)) throw new CcrUsageError(`${name} must be a lowercase UUID`);
  return value;
}

/** A Date, or an ISO-8601 UTC string with milliseconds: the one form consent terms are signed in. */
export function isoInstant(value: Date | string, name: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CcrUsageError(`${name} is not a valid date`);
    return value.toISOString();
  }
  if (!isIsoUtcMillis(value)) throw new CcrUsageError(`${name} must be an ISO-8601 UTC time with milliseconds, e.g. 2026-01-31T00:00:00.000Z`);
  return value;
}

/** One of a fixed vocabulary, checked before signing so a typo fails here and not as a 422. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new CcrUsageError(`${name} must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}
