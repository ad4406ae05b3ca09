import { InvalidCursorError } from './cases.errors';
import { type CasePosition } from './cases.repository';

const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients: the keyset position (created_at with microseconds, id) of the last case seen. */
export function encodeCaseCursor(position: CasePosition): string {
  return Buffer.from(`${position.position}|${position.id}`).toString('base64url');
}

export function decodeCaseCursor(cursor: string): CasePosition {
  const [position, id, extra] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (extra !== undefined || !POSITION.test(position ?? '') || !UUID.test(id ?? '') || Number.isNaN(Date.parse(position))) {
    throw new InvalidCursorError();
  }
  return { position, id };
}
