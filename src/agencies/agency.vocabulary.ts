/** The kinds of agency in a Coordinated Community Response (DESIGN.md §3). */
export const AGENCY_KINDS = [
  'law_enforcement',
  'prosecution',
  'court',
  'probation',
  'advocacy',
  'health',
  'child_protection',
  'school',
  'faith',
  'culturally_specific',
  'batterer_intervention',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/**
 * The confidentiality regime that binds an agency when it discloses. The policy decision asks
 * "who discloses, under which regime" before it asks "does a consent exist".
 */
export const CONFIDENTIALITY_REGIMES = ['vawa_fvpsa_voca', 'hipaa', 'part2', 'criminal_justice', 'ferpa', 'none'] as const;
export type ConfidentialityRegime = (typeof CONFIDENTIALITY_REGIMES)[number];

export const AGENCY_STATUSES = ['active', 'suspended'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];
