import { parseInstant } from './instant';

describe('parseInstant: the one set of time forms for flags, --terms files and SDK calls', () => {
  it.each([
    ['a day (the start of it, UTC)', '2027-02-28', '2027-02-28T00:00:00.000Z'],
    ['a time in UTC without seconds', '2027-02-28T18:05Z', '2027-02-28T18:05:00.000Z'],
    ['a time in UTC with seconds', '2027-02-28T18:05:09Z', '2027-02-28T18:05:09.000Z'],
    ['the signed form itself', '2027-02-28T18:05:09.123Z', '2027-02-28T18:05:09.123Z'],
    ['microseconds (cut to milliseconds)', '2027-02-28T18:05:09.123456Z', '2027-02-28T18:05:09.123Z'],
    ['one fraction digit', '2027-02-28T18:05:09.5Z', '2027-02-28T18:05:09.500Z'],
    ['an offset east of UTC', '2027-02-28T18:00:00+02:00', '2027-02-28T16:00:00.000Z'],
    ['an offset west of UTC across midnight', '2027-02-28T22:30:00-0500', '2027-03-01T03:30:00.000Z'],
    ['a space instead of T, lowercase z', '2027-02-28 18:00:00z', '2027-02-28T18:00:00.000Z'],
    ['a leap day', '2028-02-29', '2028-02-29T00:00:00.000Z'],
  ])('accepts %s', (_name, value, expected) => {
    expect(parseInstant(value)).toBe(expected);
  });

  it.each([
    ['a time without a zone (whose 18:00?)', '2027-02-28T18:00:00'],
    ['a day that does not exist', '2027-02-29'],
    ['month 13', '2027-13-01'],
    ['hour 24', '2027-02-28T24:00:00Z'],
    ['an offset no zone has', '2027-02-28T18:00:00+25:00'],
    ['a US-style date', '02/28/2027'],
    ['words', 'next tuesday'],
    ['a number', '1798416000000'],
    ['an empty string', ''],
    ['trailing text', '2027-02-28 and then'],
  ])('refuses %s', (_name, value) => {
    expect(parseInstant(value)).toBeUndefined();
  });
});
