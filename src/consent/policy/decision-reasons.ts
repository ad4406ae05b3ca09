/**
 * Reason codes recorded in the disclosure log and returned in problem+json. They are stable
 * identifiers: add new ones, never rename (the log is append-only and keeps the old codes).
 */
export const PERMIT_REASONS = ['internal_access', 'survivor_consent', 'court_order', 'statutory_mandate'] as const;
export type PermitReason = (typeof PERMIT_REASONS)[number];

export const DENY_REASONS = [
  'unknown_discloser',
  'unknown_recipient',
  'discloser_suspended',
  'recipient_suspended',
  'custodian_only_category',
  'action_category_mismatch',
  'recipient_excluded_by_survivor',
  'consent_revoked',
  'consent_expired',
  'consent_not_yet_valid',
  'verbal_consent_insufficient',
  'action_not_covered',
  'category_not_covered',
  'purpose_not_covered',
  'court_order_required',
  'no_consent',
] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

/** Why a candidate consent or a matching mandate fell short (rule 7 picks among these). */
export type BasisFailure = Extract<
  DenyReason,
  | 'consent_revoked'
  | 'consent_expired'
  | 'consent_not_yet_valid'
  | 'verbal_consent_insufficient'
  | 'action_not_covered'
  | 'category_not_covered'
  | 'purpose_not_covered'
  | 'court_order_required'
>;

/**
 * When several candidates fail differently, the denial names the most informative failure:
 * first those of a basis that matched the request in full scope and fell short only on form
 * or time (it tells the requester what would fix it: written consent, wait, respect the
 * revocation, renew), then scope gaps from the narrowest to the widest.
 */
export const BASIS_FAILURE_PRECEDENCE: readonly BasisFailure[] = [
  'verbal_consent_insufficient',
  'consent_not_yet_valid',
  'consent_revoked',
  'consent_expired',
  'court_order_required',
  'purpose_not_covered',
  'category_not_covered',
  'action_not_covered',
];
