import { DateTime } from 'luxon';

/** When the clock runs (the same members as an agreement's calendar). */
export interface BusinessHours {
  /** IANA zone, e.g. America/Chicago: opening hours and holidays are local wall-clock times there. */
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** HH:MM, local; opens < closes (hours never run past midnight). */
  opens: string;
  closes: string;
  /** YYYY-MM-DD, local. */
  holidays: readonly string[];
}

const MINUTE_MS = 60_000;
/** A calendar with (nearly) no business days must not loop forever: ten years is beyond any protocol. */
const MAX_DAYS_SCANNED = 3_660;

/**
 * The instant `minutes` business minutes after `start` (decision 0069). Business time runs only on
 * business days (listed weekdays that are not holidays), between opening and closing time in the
 * calendar's zone, and is elapsed time: across a DST change inside business hours it counts the
 * real minutes. For minutes ≥ 1 the answer lies in (opens, closes] of a business day: work due at
 * closing time is due that day, not at the next opening.
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours): Date {
  if (!Number.isSafeInteger(minutes) || minutes < 1) throw new RangeError('minutes must be a whole number >= 1');
  if (hours.days.length === 0) throw new RangeError('the calendar has no business days');
  let remaining = minutes * MINUTE_MS;
  let cursor = DateTime.fromJSDate(start, { zone: hours.timeZone });
  if (!cursor.isValid) throw new RangeError('start must be a valid instant in a known time zone');
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned += 1) {
    const window = businessWindow(cursor, hours);
    if (window) {
      const from = Math.max(cursor.toMillis(), window.opens);
      const available = window.closes - from;
      if (available > 0 && remaining <= available) return new Date(from + remaining);
      if (available > 0) remaining -= available;
    }
    cursor = cursor.startOf('day').plus({ days: 1 });
  }
  throw new RangeError('the calendar has too few business hours to reach this deadline');
}

/** Whether the instant lies in (opens, closes] of a business day: where every deadline falls. */
export function isDeadlineInstant(instant: Date, hours: BusinessHours): boolean {
  const local = DateTime.fromJSDate(instant, { zone: hours.timeZone });
  const window = businessWindow(local, hours);
  return window !== null && instant.getTime() > window.opens && instant.getTime() <= window.closes;
}

/** Opening and closing instants (epoch ms) of the local day of `local`, or null if it is no business day. */
function businessWindow(local: DateTime, hours: BusinessHours): { opens: number; closes: number } | null {
  if (!hours.days.includes(local.weekday)) return null;
  if (hours.holidays.includes(local.toISODate() ?? '')) return null;
  const at = (clock: string) => {
    const [hour, minute] = clock.split(':').map(Number);
    // On a spring-forward day a wall time in the gap moves forward, as Luxon resolves it.
    return local.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
  };
  return { opens: at(hours.opens), closes: at(hours.closes) };
}
