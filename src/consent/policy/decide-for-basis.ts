import { decide } from './decide';
import { type AgencyView, type ConsentView, type Decision, type DisclosureRequest, type MandateView } from './policy.types';

/** Never an agency id: a consent re-filed under it is no candidate, yet its deny provisions still bind. */
const NOT_A_PARTY = '';

/**
 * decide() as if only `basisId` could permit: every other consent of the case still binds through
 * its deny provisions (rule 4 looks at any consent of the case), but is no candidate. A key wrap
 * names the one basis it rests on, and that basis alone must cover it — on the server when a wrap
 * is stored or re-checked, and in the SDK before it seals.
 */
export function decideForBasis(
  request: DisclosureRequest,
  consents: readonly ConsentView[],
  mandates: readonly MandateView[],
  agencies: ReadonlyMap<string, AgencyView>,
  basisId: string,
  now: Date,
): Decision {
  const candidates = consents.map((consent) => (consent.id === basisId ? consent : { ...consent, custodianAgencyId: NOT_A_PARTY }));
  const decision = decide(request, candidates, mandates.filter((mandate) => mandate.id === basisId), agencies, now);
  if (decision.decision === 'deny') return decision;
  const named = decision.basis.kind === 'consent' ? decision.basis.consentId : decision.basis.kind === 'mandate' ? decision.basis.mandateId : null;
  return named === basisId || decision.basis.kind === 'custodian' ? decision : { decision: 'deny', reason: 'no_consent' };
}
