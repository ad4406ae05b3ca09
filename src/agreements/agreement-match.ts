import { addBusinessMinutes } from '../deadlines/business-time';
import { type PurposeCode } from '../consent/consent.vocabulary';
import { type ReferralPriority } from '../referrals/referral.vocabulary';
import { sideCovers } from './agreement-rules';
import { type AgreementTermsV1, type HandoffTerms } from './agreement-terms';
import { type AgreementStep } from './agreement.vocabulary';

/** A version in force that names both agencies of a handoff as parties. */
export interface InForceVersion {
  agreementId: string;
  version: number;
  inForceAt: Date;
  terms: AgreementTermsV1;
}

export interface HandoffQuery {
  from: { agencyId: string; kind: string };
  to: { agencyId: string; kind: string };
  purpose: PurposeCode;
  priority: ReferralPriority;
}

export interface StepDeadline {
  step: AgreementStep;
  respondBy: Date;
}

/** The deadlines a referral gets from the agreement in force when it is created. */
export interface AgreedDeadlines {
  agreementId: string;
  agreementVersion: number;
  steps: StepDeadline[];
  escalateTo: { agencyId: string; role: string };
}

/**
 * Which handoff of which agreement in force applies (decision 0068): one matching from, to,
 * purpose and priority; a side naming the agency beats one naming its kind; among equals the
 * version most recently in force, then the lowest agreement id (so the choice is deterministic).
 */
export function applicableHandoff(candidates: readonly InForceVersion[], query: HandoffQuery): { version: InForceVersion; handoff: HandoffTerms } | null {
  let best: { version: InForceVersion; handoff: HandoffTerms; rank: [number, number, string] } | null = null;
  for (const version of candidates) {
    for (const handoff of version.terms.handoffs) {
      if (!matches(handoff, query)) continue;
      const rank: [number, number, string] = [specificity(handoff), version.inForceAt.getTime(), version.agreementId];
      if (!best || outranks(rank, best.rank)) best = { version, handoff, rank };
    }
  }
  return best && { version: best.version, handoff: best.handoff };
}

/** Each timed step's respondBy: its business minutes after the referral's creation, in the agreement's calendar. */
export function agreedDeadlines(candidates: readonly InForceVersion[], query: HandoffQuery, createdAt: Date): AgreedDeadlines | null {
  const applicable = applicableHandoff(candidates, query);
  if (!applicable) return null;
  const { version, handoff } = applicable;
  return {
    agreementId: version.agreementId,
    agreementVersion: version.version,
    steps: handoff.steps.map((step) => ({ step: step.step, respondBy: addBusinessMinutes(createdAt, step.withinMinutes, version.terms.calendar) })),
    escalateTo: handoff.escalateTo,
  };
}

function matches(handoff: HandoffTerms, query: HandoffQuery): boolean {
  return (
    handoff.purpose === query.purpose &&
    handoff.priority === query.priority &&
    sideCovers(handoff.from, query.from.agencyId, query.from.kind) &&
    sideCovers(handoff.to, query.to.agencyId, query.to.kind)
  );
}

function specificity(handoff: HandoffTerms): number {
  return (handoff.from.agencyId !== null ? 2 : 1) + (handoff.to.agencyId !== null ? 2 : 1);
}

function outranks(a: [number, number, string], b: [number, number, string]): boolean {
  if (a[0] !== b[0]) return a[0] > b[0];
  if (a[1] !== b[1]) return a[1] > b[1];
  return a[2] < b[2];
}
