/**
 * The one risk fact the server may hold about a case (decision 0097): a high-risk flag that the
 * custodian sets for routing to the high-risk team, with a coded reason. The screen's answers and
 * result stay sealed; the reason says only which way the case came to be high risk.
 */
export const HIGH_RISK_REASONS = [
  /** A risk screen (LAP, DASH ≥14, a weighted Danger Assessment level) screened the case in. */
  'screened_high_risk',
  /** A practitioner's professional judgement, whatever a screen said. */
  'professional_judgement',
  /** Potential escalation: 3 or more police-reported incidents in 12 months. */
  'escalation',
] as const;
export type HighRiskReason = (typeof HIGH_RISK_REASONS)[number];
