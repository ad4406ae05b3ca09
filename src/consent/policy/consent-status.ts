import type { ConsentStatus } from '../consent.vocabulary';
import type { ConsentView } from './policy.types';

type StatusInputs = Pick<ConsentView, 'revokedAt' | 'validFrom' | 'validUntil'>;

/**
 * The one definition of a consent's status, used by the API and by decide().
 *
 * Revocation wins over everything and takes effect at once (C-12): any recorded revocation
 * counts, even one stamped a few ms after `now` by a skewed clock, because failing closed is
 * the safe side. The window is half-open, validFrom <= now < validUntil (C-4). Each test is
 * written so that an invalid date (NaN) makes the consent not active instead of active.
 */
export function consentStatus(consent: StatusInputs, now: Date): ConsentStatus {
  if (consent.revokedAt !== null) return 'revoked';
  if (!(now.getTime() < consent.validUntil.getTime())) return 'expired';
  if (!(consent.validFrom.getTime() <= now.getTime())) return 'pending';
  return 'active';
}
