/**
 * The high-risk team's codes (issue 22; MARAC referral form, DVHRT practice). Server-visible, like
 * referral statuses: codes only, never survivor data.
 */

/** Why a case is referred to the team (MARAC referral reasons). */
export const TEAM_REFERRAL_REASONS = [
  /** A screen screened the case in (LAP, DASH 14+, a weighted Danger Assessment level). */
  'screened_high_risk',
  'professional_judgement',
  /** Potential escalation: 3 or more police-reported incidents in 12 months. */
  'escalation',
  /** A further referral within 12 months of the case's last referral to the team. */
  'repeat',
] as const;
export type TeamReferralReason = (typeof TEAM_REFERRAL_REASONS)[number];

/** What the team decides about a referred case, each by majority of the member agencies present. */
export const TEAM_MOTIONS = ['accept', 'close'] as const;
export type TeamMotion = (typeof TEAM_MOTIONS)[number];

/** Why the team closes a case (DVHRT: the team keeps a case until the risk is contained). */
export const TEAM_CLOSE_REASONS = [
  'risk_reduced',
  'person_causing_harm_in_custody',
  'survivor_relocated',
  'survivor_declined',
  'not_high_risk',
  'other',
] as const;
export type TeamCloseReason = (typeof TEAM_CLOSE_REASONS)[number];

/** One member agency's vote on a motion; an agency that is not present has none. */
export const TEAM_VOTES = ['for', 'against', 'abstain'] as const;
export type TeamVote = (typeof TEAM_VOTES)[number];

/** How a referral's sharing rests (the survivor's knowledge and consent, or a recorded mandate). */
export const SURVIVOR_CONSENT_STATES = ['written', 'verbal', 'none'] as const;
export type SurvivorConsentState = (typeof SURVIVOR_CONSENT_STATES)[number];

/** Where a referral stands: referred (awaiting the team's decision), accepted, closed. */
export const TEAM_REFERRAL_STATUSES = ['referred', 'accepted', 'closed'] as const;
export type TeamReferralStatus = (typeof TEAM_REFERRAL_STATUSES)[number];

/** What a sealed note of a meeting is: an agency's contribution on a case, or the case's minutes. */
export const MEETING_NOTE_KINDS = ['contribution', 'minutes'] as const;
export type MeetingNoteKind = (typeof MEETING_NOTE_KINDS)[number];

/** An action item's status (MARAC: reviewed at the next meeting). */
export const ACTION_STATUSES = ['open', 'done', 'not_done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Why an action was not done: codes only, never survivor data (the detail belongs in a sealed note). */
export const ACTION_NOT_DONE_REASONS = ['survivor_declined', 'no_contact', 'no_longer_needed', 'not_possible', 'other'] as const;
export type ActionNotDoneReason = (typeof ACTION_NOT_DONE_REASONS)[number];
