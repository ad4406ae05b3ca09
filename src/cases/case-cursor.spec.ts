import { decodeCaseCursor, encodeCaseCursor } from './case-cursor';
import { InvalidCursorError } from './cases.errors';

const position = { position: '2026-03-01T12:00:00.123456Z', id: '0f8fad5b-d9cb-469f-a165-70867728950e' };

describe('case cursor', () => {
  it('round-trips the keyset position, microseconds included', () => {
    expect(decodeCaseCursor(encodeCaseCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 of a position', 'bm90LWEtY3Vyc29y'],
    ['a position without microseconds', Buffer.from(`2026-03-01T12:00:00.123Z|${position.id}`).toString('base64url')],
    ['an id that is not a uuid', Buffer.from(`${position.position}|x`).toString('base64url')],
    ['an extra part', Buffer.from(`${position.position}|${position.id}|1`).toString('base64url')],
    ['an impossible date', Buffer.from(`2026-13-45T12:00:00.123456Z|${position.id}`).toString('base64url')],
    ['empty', ''],
  ])('refuses %s (422 naming cursor)', (_name, cursor) => {
    expect(() => decodeCaseCursor(cursor)).toThrow(InvalidCursorError);
  });
});
