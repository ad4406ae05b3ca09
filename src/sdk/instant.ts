/**
 * THE parser of times a person or a file gives the SDK and ccrx (flags, --terms files, SDK calls):
 * one set of forms everywhere, turned into the one form the API signs and stores, ISO-8601 UTC
 * with milliseconds. Accepted:
 *   2027-02-28                      the start of that day, UTC (00:00:00.000Z)
 *   2027-02-28T18:00Z               minutes, seconds and fractions optional after the hour
 *   2027-02-28T18:00:00Z            with Z or an offset (+02:00, -0500)
 *   2027-02-28T18:00:00.123+02:00
 * A date and time without a zone is refused: whose 18:00 it is cannot be guessed.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})$/;

export const INSTANT_FORMS = '2027-02-28, 2027-02-28T18:00:00Z, 2027-02-28T18:00:00.000Z or 2027-02-28T18:00:00+02:00';

/** The instant in canonical form (2027-02-28T00:00:00.000Z), or undefined if it is none of the forms. */
export function parseInstant(value: string): string | undefined {
  const date = DATE_ONLY.exec(value);
  if (date) return canonical(date, 0, 0, 0, 0, 0);
  const time = DATE_TIME.exec(value);
  if (!time) return undefined;
  const [, , , , hour, minute, second = '0', fraction = '', zone] = time;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  return canonical(time, Number(hour), Number(minute), Number(second), millis, offsetMinutes(zone));
}

function canonical(match: RegExpExecArray, hour: number, minute: number, second: number, millis: number, offset: number): string | undefined {
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2026-02-30 over to March: a date that does not exist in the calendar is refused.
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const instant = new Date(local - offset * 60_000);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

/** Minutes east of UTC; NaN for an offset no zone has (the instant is then refused). */
function offsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (hours > 23 || minutes > 59) return Number.NaN;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
