/** Field-level validators shared by every wire format of this module. */

/**
 * The one UUID pattern of the code base: lowercase 8-4-4-4-12 hex. Ids appear in signed headers
 * and statements, so each has exactly one spelling; fixed length makes wrap sizes computable.
 */
export const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// Opaque to this module, but restricted to one spelling per value so that "Risk" and "risk"
// (or look-alike Unicode) can never be two different authenticated categories.
const CATEGORY = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;

/** A lowercase UUID (LOWERCASE_UUID). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && LOWERCASE_UUID.test(value);
}

/** ISO-8601 UTC with milliseconds, and a real calendar instant (rejects 2026-02-30). */
export function isIsoUtcMillis(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_UTC_MILLIS.test(value)) return false;
  const parsed = new Date(value);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === value;
}

export function isCategory(value: unknown): value is string {
  return typeof value === 'string' && CATEGORY.test(value);
}

/** Epochs count key generations from 1; String(epoch) must be plain decimal, hence safe integers. */
export function isEpoch(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/**
 * A JSON-like object: its prototype is null or a root prototype. Checked by shape rather than
 * identity with this realm's Object.prototype, because parsed JSON may come from another realm
 * (a vm context, a worker, a test runner) and is no less plain for it.
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** The keys present that are not allowed; unknown fields are refused so stored JSON stays canonical. */
export function unexpectedKeys(value: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(value).filter((key) => !allowed.includes(key));
}
