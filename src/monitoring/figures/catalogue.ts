/**
 * The catalogue of figures (docs/monitoring.md). Any change to a definition, a column or a rule is
 * a new version: reports name the one they were computed under, and every version here can still
 * be recomputed. `ccr-monitoring/2` adds the high-risk team's figures (decision 0162) and leaves
 * every table of version 1 as it was.
 */
export const DEFINITIONS_VERSIONS = ['ccr-monitoring/1', 'ccr-monitoring/2'] as const;
export type DefinitionsVersion = (typeof DEFINITIONS_VERSIONS)[number];
/** The version new reports are computed under. */
export const DEFINITIONS_VERSION: DefinitionsVersion = 'ccr-monitoring/2';

export const BUCKETS = ['month', 'quarter'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const REJECT_REASONS = ['no_capacity', 'not_eligible', 'conflict_of_interest', 'safety_concern', 'out_of_area', 'duplicate'] as const;
export const CANCEL_REASONS = ['survivor_withdrew', 'no_longer_needed', 'sent_to_wrong_agency', 'consent_revoked', 'consent_expired'] as const;

/** How each referral of a cohort was answered by `asOf`: a partition, so rows add up to `sent`. */
export const REFERRAL_COLUMNS = [
  'accepted',
  ...REJECT_REASONS.map((reason) => `rejected:${reason}`),
  ...CANCEL_REASONS.map((reason) => `cancelled:${reason}`),
  'expired_no_response',
  'open_past_deadline',
  'open',
] as const;

export const REFERRAL_STEPS = ['to_received', 'to_accepted', 'to_first_contact'] as const;
export type ReferralStep = (typeof REFERRAL_STEPS)[number];

/** Agreement steps (decision 0068) and how each handoff step ended by `asOf`: a partition. */
export const AGREEMENT_STEPS = ['received', 'answered', 'first_contact'] as const;
export type AgreementStepCode = (typeof AGREEMENT_STEPS)[number];
export const HANDOFF_COLUMNS = ['in_time', 'late', 'missed', 'ended_before_due', 'pending'] as const;
export type HandoffColumn = (typeof HANDOFF_COLUMNS)[number];

export const RELEASE_COLUMNS = ['recorded', 'amended', 'revoked', 'expired'] as const;
export const MANDATE_COLUMNS = ['registered:court_order', 'registered:statute', 'used', 'notice_given', 'notice_delayed_or_withheld'] as const;
export const HIGH_RISK_COLUMNS = ['set:screened_high_risk', 'set:professional_judgement', 'set:escalation', 'cleared'] as const;

/** Version 2: how each case referred to the team in the bucket stood at `asOf` (a partition). */
export const TEAM_REFERRAL_COLUMNS = ['accepted', 'closed_before_acceptance', 'awaiting_decision'] as const;
/** Version 2: each referral to the team is a repeat (within 12 months of the case's last) or not. */
export const TEAM_REPEAT_COLUMNS = ['repeat_within_12_months', 'not_repeat'] as const;
/** Version 2: each team action due in the bucket, by how it stood at `asOf` (a partition). */
export const TEAM_ACTION_COLUMNS = ['done_in_time', 'done_late', 'not_done', 'open_past_due', 'open_not_yet_due'] as const;

export const UNKNOWN_KIND = 'unknown';

/** Report parameters that change the figures (and so are part of what verification recomputes). */
export interface FigureParameters {
  /** Inclusive start, ISO instant (UTC). */
  from: string;
  /** Exclusive end, ISO instant (UTC). */
  to: string;
  bucket: Bucket;
  /** Small-cell threshold (decision 0129): at least MIN_K. */
  k: number;
  /**
   * One agency's own figures, at its request: only its acts and the referrals it sent or received
   * count, and it is named in the rows (`agency:<id>`), its counterparts by kind. Absent: the CCR's.
   */
  agency?: string;
}

export const DEFAULT_K = 11;
export const MIN_K = 5;
