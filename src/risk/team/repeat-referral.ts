/** MARAC: a repeat is a further referral within 12 months of the case's last referral to the team. */
export const REPEAT_WINDOW_MONTHS = 12;

/**
 * The end of the repeat window: the same instant 12 calendar months after `last` (UTC), clamped
 * to the end of a shorter month (29 February → 28 February). A referral at or after it is not a
 * repeat.
 */
export function repeatWindowEnd(last: Date): Date {
  const end = new Date(last.getTime());
  const day = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCFullYear(end.getUTCFullYear(), end.getUTCMonth() + REPEAT_WINDOW_MONTHS, 1);
  const daysInMonth = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, daysInMonth));
  return end;
}

/**
 * Whether a referral `now` repeats one of the earlier referrals of the same case. The service passes
 * only referrals of the custodian's own case chain (decision 0098): there is no global survivor
 * identifier, and this must not make one.
 */
export function isRepeatReferral(earlier: readonly Date[], now: Date): boolean {
  const last = lastEarlierReferral(earlier, now);
  return last !== null && now.getTime() < repeatWindowEnd(last).getTime();
}

/** The latest of the earlier referrals at or before `now` (null: none). */
export function lastEarlierReferral(earlier: readonly Date[], now: Date): Date | null {
  const past = earlier.filter((each) => each.getTime() <= now.getTime());
  return past.length === 0 ? null : new Date(Math.max(...past.map((each) => each.getTime())));
}
