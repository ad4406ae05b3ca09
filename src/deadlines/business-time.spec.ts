import fc from 'fast-check';
import { addBusinessMinutes, type BusinessHours, isDeadlineInstant } from './business-time';

const CHICAGO: BusinessHours = { timeZone: 'America/Chicago', days: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00', holidays: ['2026-12-25', '2027-01-01'] };
const at = (iso: string) => new Date(iso);

describe('addBusinessMinutes: table', () => {
  const table: [string, string, number, string][] = [
    ['inside one day', '2026-03-03T15:00:00Z' /* Tue 09:00 CST */, 30, '2026-03-03T15:30:00Z'],
    ['before opening waits for it', '2026-03-03T12:00:00Z' /* Tue 06:00 */, 30, '2026-03-03T14:30:00Z'],
    ['ending exactly at closing time is due that day', '2026-03-02T22:00:00Z' /* Mon 16:00 */, 60, '2026-03-02T23:00:00Z'],
    ['after closing carries to the next morning', '2026-03-03T23:30:00Z' /* Tue 17:30 */, 30, '2026-03-04T14:30:00Z'],
    ['a full business day later', '2026-03-02T16:00:00Z' /* Mon 10:00 */, 540, '2026-03-03T16:00:00Z'],
    ['over a weekend', '2026-02-27T22:30:00Z' /* Fri 16:30 */, 60, '2026-03-02T14:30:00Z' /* Mon 08:30 CST */],
    ['from Saturday', '2026-02-28T18:00:00Z', 15, '2026-03-02T14:15:00Z'],
    ['over the weekend DST starts (CST → CDT)', '2026-03-06T22:30:00Z' /* Fri 16:30 CST */, 60, '2026-03-09T13:30:00Z' /* Mon 08:30 CDT */],
    ['over the weekend DST ends (CDT → CST)', '2026-10-30T21:00:00Z' /* Fri 16:00 CDT */, 120, '2026-11-02T15:00:00Z' /* Mon 09:00 CST */],
    ['over a holiday (Christmas, a Friday)', '2026-12-24T22:00:00Z' /* Thu 16:00 */, 120, '2026-12-28T15:00:00Z' /* Mon 09:00 */],
    ['urgent: received within 1 hour, at 16:45', '2026-03-04T22:45:00Z', 60, '2026-03-05T14:45:00Z'],
  ];
  it.each(table)('%s', (_name, start, minutes, expected) => {
    expect(addBusinessMinutes(at(start), minutes, CHICAGO).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('counts elapsed minutes when business hours span a DST change (a 24-hour service)', () => {
    const always: BusinessHours = { timeZone: 'America/Chicago', days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '23:59', holidays: [] };
    // Sun 2026-03-08 01:30 CST; 02:00 → 03:00: 60 elapsed minutes later is 03:30 CDT.
    expect(addBusinessMinutes(at('2026-03-08T07:30:00Z'), 60, always).toISOString()).toBe('2026-03-08T08:30:00.000Z');
  });

  it('refuses zero, negative and fractional minutes, and a calendar that never opens', () => {
    expect(() => addBusinessMinutes(at('2026-03-03T15:00:00Z'), 0, CHICAGO)).toThrow(RangeError);
    expect(() => addBusinessMinutes(at('2026-03-03T15:00:00Z'), 1.5, CHICAGO)).toThrow(RangeError);
    expect(() => addBusinessMinutes(at('2026-03-03T15:00:00Z'), 10, { ...CHICAGO, days: [] })).toThrow(RangeError);
    const everyDayAHoliday = { ...CHICAGO, days: [3], holidays: Array.from({ length: 600 }, (_, week) => new Date(Date.UTC(2026, 0, 7 + week * 7)).toISOString().slice(0, 10)) };
    expect(() => addBusinessMinutes(at('2026-01-01T15:00:00Z'), 10, everyDayAHoliday)).toThrow(RangeError);
  });
});

describe('addBusinessMinutes: properties', () => {
  const zones = ['America/Chicago', 'Europe/London', 'Australia/Sydney', 'America/St_Johns', 'Asia/Kolkata', 'UTC'];
  const clock = (minMinutes: number, maxMinutes: number) =>
    fc.integer({ min: minMinutes, max: maxMinutes }).map((total) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`);
  const hours: fc.Arbitrary<BusinessHours> = fc
    .record({
      timeZone: fc.constantFrom(...zones),
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      opens: clock(0, 12 * 60),
      length: fc.integer({ min: 30, max: 11 * 60 }),
      holidays: fc.uniqueArray(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((day) => day.toISOString().slice(0, 10)), {
        maxLength: 20,
      }),
    })
    .map(({ opens, length, ...rest }) => {
      const [h, m] = opens.split(':').map(Number);
      const close = h * 60 + m + length;
      return { ...rest, opens, closes: `${String(Math.floor(close / 60)).padStart(2, '0')}:${String(close % 60).padStart(2, '0')}` };
    });
  const instant = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-06-30T00:00:00Z'), noInvalidDate: true });
  const minutes = fc.integer({ min: 1, max: 3 * 24 * 60 });

  it('a deadline never falls outside business hours', () => {
    fc.assert(
      fc.property(hours, instant, minutes, (calendar, start, allowed) => {
        expect(isDeadlineInstant(addBusinessMinutes(start, allowed, calendar), calendar)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('adding time never moves a deadline earlier (in the minutes, and in the start)', () => {
    fc.assert(
      fc.property(hours, instant, minutes, minutes, fc.integer({ min: 0, max: 7 * 24 * 60 }), (calendar, start, a, b, later) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        expect(addBusinessMinutes(start, more, calendar).getTime()).toBeGreaterThanOrEqual(addBusinessMinutes(start, less, calendar).getTime());
        const laterStart = new Date(start.getTime() + later * 60_000);
        expect(addBusinessMinutes(laterStart, less, calendar).getTime()).toBeGreaterThanOrEqual(addBusinessMinutes(start, less, calendar).getTime());
      }),
    );
  });

  it('is additive: a then b business minutes is a + b', () => {
    fc.assert(
      fc.property(hours, instant, minutes, minutes, (calendar, start, a, b) => {
        expect(addBusinessMinutes(addBusinessMinutes(start, a, calendar), b, calendar).getTime()).toBe(addBusinessMinutes(start, a + b, calendar).getTime());
      }),
    );
  });
});
