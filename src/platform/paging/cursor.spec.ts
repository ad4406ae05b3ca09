import fc from 'fast-check';
import { cursorCodec, InvalidCursorError } from './cursor';

const byTime = cursorCodec('things', { time: 'time', id: 'uuid' });
const bySequence = cursorCodec('feed', { position: 'bigint', id: 'bigint' }, { parameter: 'after', legacy: (text) => (/^(\d+):(\d+)$/.exec(text) ? { position: text.split(':')[0], id: text.split(':')[1] } : null) });
const position = { time: '2026-03-01T12:00:00.123456Z', id: '0f8fad5b-d9cb-469f-a165-70867728950e' };
const raw = (text: string) => Buffer.from(text).toString('base64url');

describe('the listing cursor', () => {
  it('round-trips a position, microseconds included', () => {
    expect(byTime.decode(byTime.encode(position))).toEqual(position);
  });

  it('keeps apart two rows of the same millisecond', () => {
    const later = { ...position, time: '2026-03-01T12:00:00.123457Z' };
    expect(byTime.encode(later)).not.toBe(byTime.encode(position));
    expect(byTime.decode(byTime.encode(later)).time).toBe('2026-03-01T12:00:00.123457Z');
  });

  it('round-trips any microsecond time and any bigint pair', () => {
    const micros = fc.bigInt({ min: 0n, max: 253402300799999999n });
    fc.assert(
      fc.property(micros, fc.uuid({ version: 4 }), (at, id) => {
        const millis = new Date(Number(at / 1000n)).toISOString().slice(0, 23);
        const time = `${millis}${String(at % 1000n).padStart(3, '0')}Z`;
        expect(byTime.decode(byTime.encode({ time, id }))).toEqual({ time, id });
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), (a, b) => {
        const at = { position: a.toString(), id: b.toString() };
        expect(bySequence.decode(bySequence.encode(at))).toEqual(at);
      }),
    );
  });

  it('is opaque and versioned: base64url of "1|listing|fields"', () => {
    expect(Buffer.from(byTime.encode(position), 'base64url').toString()).toBe(`1|things|${position.time}|${position.id}`);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not a position', raw('not-a-cursor')],
    ['another listing', cursorCodec('others', { time: 'time', id: 'uuid' }).encode(position)],
    ['another version', raw(`2|things|${position.time}|${position.id}`)],
    ['milliseconds only (the format before)', raw(`2026-03-01T12:00:00.123Z|${position.id}`)],
    ['a time without microseconds', raw(`1|things|2026-03-01T12:00:00.123Z|${position.id}`)],
    ['an offset instead of Z', raw(`1|things|2026-03-01T12:00:00.123456+01:00|${position.id}`)],
    ['30 February', raw(`1|things|2026-02-30T12:00:00.123456Z|${position.id}`)],
    ['month 13', raw(`1|things|2026-13-01T12:00:00.123456Z|${position.id}`)],
    ['an id that is not a uuid', raw(`1|things|${position.time}|x`)],
    ['an upper-case uuid', raw(`1|things|${position.time}|${position.id.toUpperCase()}`)],
    ['a field too many', raw(`1|things|${position.time}|${position.id}|1`)],
    ['a field too few', raw(`1|things|${position.time}`)],
  ])('refuses %s with 422 naming the parameter', (_name, cursor) => {
    const refusal = (() => {
      try {
        byTime.decode(cursor);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(InvalidCursorError);
    expect(refusal).toMatchObject({ status: 422, extensions: { errors: [{ field: 'cursor', messages: ['cursor must be a cursor returned by this endpoint'] }] } });
  });

  it.each([
    ['past the largest bigint', raw('1|feed|9223372036854775808|1')],
    ['negative', raw('1|feed|-1|1')],
    ['a leading zero', raw('1|feed|01|1')],
    ['a legacy cursor past the largest bigint', raw('9223372036854775808:1')],
  ])('refuses a sequence cursor %s, naming its parameter', (_name, cursor) => {
    expect(() => bySequence.decode(cursor)).toThrow(expect.objectContaining({ extensions: { errors: [{ field: 'after', messages: ['after must be a cursor returned by this endpoint'] }] } }));
  });

  it('reads the format an earlier release issued where a listing declares it', () => {
    expect(bySequence.decode(raw('41:7'))).toEqual({ position: '41', id: '7' });
  });

  it('refuses to encode a position it could not decode (a bug, not a client error)', () => {
    expect(() => byTime.encode({ ...position, time: '2026-03-01T12:00:00.123Z' })).toThrow('is not a time');
  });
});
