import { randomUUID } from 'node:crypto';

// The envelope accepts lowercase UUIDs only (docs/envelope.md §2): one id, one spelling.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A fresh record id: lowercase, as the envelope requires. */
export function newRecordId(): string {
  return randomUUID().toLowerCase();
}
