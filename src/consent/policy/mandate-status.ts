import type { MandateView } from './policy.types';

/**
 * A mandate is active while not withdrawn and validFrom <= now < validUntil (no end: open).
 * Like consentStatus, any recorded withdrawal counts at once, and an invalid date fails closed.
 */
export function isMandateActive(mandate: MandateView, now: Date): boolean {
  if (mandate.withdrawnAt !== null) return false;
  if (!(mandate.validFrom.getTime() <= now.getTime())) return false;
  return mandate.validUntil === null || now.getTime() < mandate.validUntil.getTime();
}
