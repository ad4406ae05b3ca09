import type { ConfidentialityRegime } from '../../agencies/agency.vocabulary';
import type { BasisFailure } from './decision-reasons';
import { isShareBack } from './direction';
import { isMandateActive } from './mandate-status';
import type { DisclosureRequest, MandateView } from './policy.types';
import { requiresCourtOrder } from './regime-rules';

export interface MandateEvaluation {
  readonly permit: MandateView | null;
  readonly failures: readonly BasisFailure[];
}

/**
 * A mandate compels the custodian of a case to hand its own records of that case to one
 * recipient. Share-back is not such a disclosure: it exists only by the survivor's separate
 * share-back consent (C-15), so mandates never match a share-back action.
 */
function covers(mandate: MandateView, request: DisclosureRequest, now: Date): boolean {
  return (
    !isShareBack(request.action) &&
    mandate.caseId === request.caseId &&
    mandate.custodianAgencyId === request.discloserAgencyId &&
    mandate.recipientAgencyId === request.recipientAgencyId &&
    mandate.categories.includes(request.category) &&
    isMandateActive(mandate, now)
  );
}

/** A basis outside the vocabulary is never lawful. */
function isLawfulFor(mandate: MandateView, discloserRegime: ConfidentialityRegime): boolean {
  if (mandate.basis === 'court_order') return true;
  return mandate.basis === 'statute' && !requiresCourtOrder(discloserRegime);
}

function isStatuteAgainstCourtOrderOnly(mandate: MandateView, discloserRegime: ConfidentialityRegime): boolean {
  return mandate.basis === 'statute' && requiresCourtOrder(discloserRegime);
}

function startOrOldest(mandate: MandateView): number {
  const time = mandate.validFrom.getTime();
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** A court order before a statute (the stronger basis), then the newest, then smallest id. */
function byPreference(a: MandateView, b: MandateView): number {
  if (a.basis !== b.basis) return a.basis === 'court_order' ? -1 : 1;
  const started = startOrOldest(b) - startOrOldest(a);
  if (started !== 0 && !Number.isNaN(started)) return started;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Rule 6: the mandate the disclosure rests on, or why a matching one could not be used. */
export function evaluateMandates(
  request: DisclosureRequest,
  mandates: readonly MandateView[],
  discloserRegime: ConfidentialityRegime,
  now: Date,
): MandateEvaluation {
  const matching = mandates.filter((mandate) => covers(mandate, request, now));
  const lawful = matching.filter((mandate) => isLawfulFor(mandate, discloserRegime));
  const statuteRefused = matching.some((mandate) => isStatuteAgainstCourtOrderOnly(mandate, discloserRegime));
  const failures: BasisFailure[] = statuteRefused ? ['court_order_required'] : [];
  return { permit: lawful.sort(byPreference)[0] ?? null, failures };
}
