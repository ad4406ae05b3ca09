/**
 * Referral status, following the FHIR SDOH Clinical Care referral Task (consent-requirements.md
 * R-2), with `received` added from base FHIR TaskStatus. Hyphens are underscores in codes.
 */
export const REFERRAL_STATUSES = [
  'requested',
  'received',
  'accepted',
  'rejected',
  'in_progress',
  'on_hold',
  'completed',
  'failed',
  'cancelled',
  'entered_in_error',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const TERMINAL_STATUSES: readonly ReferralStatus[] = ['rejected', 'completed', 'failed', 'cancelled', 'entered_in_error'];

/** FHIR request priorities; `urgent` is "needs shelter now". */
export const REFERRAL_PRIORITIES = ['routine', 'urgent', 'asap', 'stat'] as const;
export type ReferralPriority = (typeof REFERRAL_PRIORITIES)[number];

/** Coded reasons: required for rejected, cancelled, on-hold, failed and entered-in-error. */
export const STATUS_REASONS = {
  rejected: ['no_capacity', 'not_eligible', 'conflict_of_interest', 'safety_concern', 'out_of_area', 'duplicate'],
  cancelled: ['survivor_withdrew', 'no_longer_needed', 'sent_to_wrong_agency', 'consent_revoked', 'consent_expired', 'expired_no_response'],
  on_hold: ['waitlisted', 'survivor_unreachable', 'survivor_paused'],
  failed: ['couldnt_contact', 'survivor_declined', 'not_eligible_after_intake'],
  entered_in_error: ['entered_in_error'],
} as const satisfies Partial<Record<ReferralStatus, readonly string[]>>;
export type StatusReason = (typeof STATUS_REASONS)[keyof typeof STATUS_REASONS][number];
export const ALL_STATUS_REASONS: readonly StatusReason[] = [...new Set(Object.values(STATUS_REASONS).flat())];

/** Reasons only the system gives (when a consent ends); no person may claim them. */
export const SYSTEM_ONLY_REASONS: readonly StatusReason[] = ['consent_revoked', 'consent_expired', 'expired_no_response'];

/** Outcome, kept apart from status: what happened for the survivor, coded. */
export const REFERRAL_OUTCOMES = [
  'got_help',
  'eligible',
  'needs_client_action',
  'couldnt_contact',
  'not_eligible',
  'no_capacity',
  'couldnt_get_help',
  'no_longer_interested',
  'referred_elsewhere',
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** Which side acts: the referring agency, the receiving agency, or the system itself. */
export type ReferralSide = 'sender' | 'receiver' | 'system';
