import type { AgencyView, ConsentView, DisclosureRequest, MandateView } from '../policy.types';

/** Fixed world for table tests. Each agency's regime is the one its kind usually works under. */
export const ADVOCACY = 'agency-advocacy';
export const POLICE = 'agency-police';
export const CLINIC = 'agency-clinic';
export const TREATMENT = 'agency-sud-treatment';
export const PROSECUTOR = 'agency-prosecutor';
export const SCHOOL = 'agency-school';
export const SUSPENDED = 'agency-suspended';
export const UNKNOWN = 'agency-not-a-member';

export const CASE = 'case-advocacy-1';
export const OTHER_CASE = 'case-advocacy-2';

export const AGENCIES: readonly AgencyView[] = [
  { id: ADVOCACY, regime: 'vawa_fvpsa_voca', status: 'active' },
  { id: POLICE, regime: 'criminal_justice', status: 'active' },
  { id: CLINIC, regime: 'hipaa', status: 'active' },
  { id: TREATMENT, regime: 'part2', status: 'active' },
  { id: PROSECUTOR, regime: 'criminal_justice', status: 'active' },
  { id: SCHOOL, regime: 'ferpa', status: 'active' },
  { id: SUSPENDED, regime: 'none', status: 'suspended' },
];

export const NOW = new Date('2025-06-01T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

/** A time `ms` milliseconds from NOW (negative: before). */
export function at(ms: number): Date {
  return new Date(NOW.getTime() + ms);
}
export const days = (count: number): number => count * DAY;

/** A written, active release from the advocacy program to the police for prosecution support. */
export function consent(overrides: Partial<ConsentView> = {}): ConsentView {
  return {
    id: 'consent-1',
    version: 1,
    caseId: CASE,
    custodianAgencyId: ADVOCACY,
    recipientAgencyId: POLICE,
    categories: ['risk', 'legal'],
    actions: ['receive_referral', 'receive_notes'],
    purpose: 'prosecution_support',
    validFrom: at(-days(30)),
    validUntil: at(days(60)),
    captureMode: 'written_signature',
    denyAgencyIds: [],
    revokedAt: null,
    recordedAt: at(-days(30)),
    ...overrides,
  };
}

/** An active court order for the advocacy program's legal notes to go to the prosecutor. */
export function mandate(overrides: Partial<MandateView> = {}): MandateView {
  return {
    id: 'mandate-1',
    caseId: CASE,
    custodianAgencyId: ADVOCACY,
    recipientAgencyId: PROSECUTOR,
    basis: 'court_order',
    categories: ['legal'],
    validFrom: at(-days(1)),
    validUntil: null,
    withdrawnAt: null,
    ...overrides,
  };
}

/** The advocacy program sends a risk note to the police. */
export function request(overrides: Partial<DisclosureRequest> = {}): DisclosureRequest {
  return {
    caseId: CASE,
    discloserAgencyId: ADVOCACY,
    recipientAgencyId: POLICE,
    category: 'risk',
    action: 'receive_notes',
    ...overrides,
  };
}

export function agencyMap(agencies: readonly AgencyView[]): ReadonlyMap<string, AgencyView> {
  return new Map(agencies.map((agency) => [agency.id, agency]));
}
