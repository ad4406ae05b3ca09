import { type AgencyKind } from '../agencies/agency.vocabulary';
import { type PurposeCode } from '../consent/consent.vocabulary';
import { type ReferralPriority } from '../referrals/referral.vocabulary';
import { type AgreementStep } from './agreement.vocabulary';

/** One side of a handoff: a named party agency, or any party agency of a kind. Exactly one is set. */
export interface HandoffSide {
  agencyId: string | null;
  agencyKind: AgencyKind | null;
}

/** Time allowed for a step, in business minutes counted from the referral's creation. */
export interface StepAllowance {
  step: AgreementStep;
  withinMinutes: number;
}

export interface HandoffTerms {
  from: HandoffSide;
  to: HandoffSide;
  purpose: PurposeCode;
  priority: ReferralPriority;
  steps: StepAllowance[];
  /** Whom an overdue handoff is escalated to: a party agency's point-of-contact role. */
  escalateTo: { agencyId: string; role: string };
}

/** When the clock runs: the CCR's time zone, working days and hours, and its holidays. */
export interface BusinessCalendar {
  /** IANA zone, e.g. America/Chicago. */
  timeZone: string;
  /** ISO weekdays, ascending (1 = Monday). */
  days: number[];
  /** Local wall-clock time, HH:MM, opens < closes. */
  opens: string;
  closes: string;
  /** Local dates, YYYY-MM-DD, ascending. */
  holidays: string[];
}

/**
 * The terms of one agreement version exactly as every party signs them with
 * `signAgreementTerms(agreementId, version, terms, key)` (src/crypto). Metadata only: agencies,
 * codes and times — never survivor data. Every member is present, so the server, each party's
 * SDK and an auditor rebuild the same canonical bytes.
 */
export interface AgreementTermsV1 {
  v: 1;
  /** Party agency ids, ascending. */
  parties: string[];
  calendar: BusinessCalendar;
  handoffs: HandoffTerms[];
}

/** What a caller gives: a handoff side may leave out the member it does not use. */
type SideInput = { agencyId?: string | null; agencyKind?: AgencyKind | null };
export type AgreementTermsInput = Omit<AgreementTermsV1, 'v' | 'handoffs'> & { handoffs: (Omit<HandoffTerms, 'from' | 'to'> & { from: SideInput; to: SideInput })[] };

const side = (input: SideInput): HandoffSide => ({ agencyId: input.agencyId ?? null, agencyKind: input.agencyKind ?? null });

/** A plain object with exactly the signed members, lists in their canonical order. */
export function agreementTermsV1(input: AgreementTermsInput): AgreementTermsV1 {
  return {
    v: 1,
    parties: [...input.parties].sort(),
    calendar: {
      timeZone: input.calendar.timeZone,
      days: [...input.calendar.days].sort((a, b) => a - b),
      opens: input.calendar.opens,
      closes: input.calendar.closes,
      holidays: [...input.calendar.holidays].sort(),
    },
    handoffs: input.handoffs.map((handoff) => ({
      from: side(handoff.from),
      to: side(handoff.to),
      purpose: handoff.purpose,
      priority: handoff.priority,
      steps: handoff.steps.map((step) => ({ step: step.step, withinMinutes: step.withinMinutes })),
      escalateTo: { agencyId: handoff.escalateTo.agencyId, role: handoff.escalateTo.role },
    })),
  };
}
