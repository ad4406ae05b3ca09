// The envelope accepts lowercase UUIDs only (docs/envelope.md §2): one id, one spelling.
export { isUuid } from '../crypto/identifiers';

/**
 * A fresh random (v4) UUID, lowercase as the envelope requires: for record ids, request ids,
 * idempotency keys and assertion ids. Web Crypto's, so it runs in browsers as in Node (20+).
 */
export function newUuid(): string {
  return globalThis.crypto.randomUUID().toLowerCase();
}

/** A fresh record id. */
export function newRecordId(): string {
  return newUuid();
}
