import { resolveParties } from './agency-rules';
import { evaluateConsents } from './consent-permits';
import { BASIS_FAILURE_PRECEDENCE, type BasisFailure, type DenyReason } from './decision-reasons';
import { isExcludedBySurvivor } from './deny-provisions';
import { evaluateMandates } from './mandate-permits';
import type {
  AgencyDirectory,
  ConsentView,
  Decision,
  DenyDecision,
  DisclosureRequest,
  MandateView,
  PermitDecision,
} from './policy.types';
import { regimeDenial } from './regime-rules';

function deny(reason: DenyReason): DenyDecision {
  return { decision: 'deny', reason };
}

const INTERNAL_ACCESS: PermitDecision = { decision: 'permit', reason: 'internal_access', basis: { kind: 'custodian' } };

function permitByConsent(consent: ConsentView): PermitDecision {
  const basis = { kind: 'consent', consentId: consent.id, consentVersion: consent.version } as const;
  return { decision: 'permit', reason: 'survivor_consent', basis };
}

function permitByMandate(mandate: MandateView): PermitDecision {
  const reason = mandate.basis === 'court_order' ? 'court_order' : 'statutory_mandate';
  return { decision: 'permit', reason, basis: { kind: 'mandate', mandateId: mandate.id } };
}

/** Rule 7: the highest-precedence failure among all candidates, else plain "no consent". */
function mostInformative(failures: readonly BasisFailure[]): DenyReason {
  return BASIS_FAILURE_PRECEDENCE.find((failure) => failures.includes(failure)) ?? 'no_consent';
}

/**
 * The policy decision point: may the discloser let this record reach the recipient now?
 * Pure and total: no I/O, no clock (the caller passes `now`), no mutation, and the answer does
 * not depend on the order of `consents` or `mandates`. Rules run strictly in order; see
 * docs/consent-model.md for each rule's source.
 */
export function decide(
  request: DisclosureRequest,
  consents: readonly ConsentView[],
  mandates: readonly MandateView[],
  agencies: AgencyDirectory,
  now: Date,
): Decision {
  // 1. Agencies: unknown or suspended parties get nothing, internal access included.
  const parties = resolveParties(request, agencies);
  if (!parties.ok) return deny(parties.reason);

  // 2. Internal access is an access event, not a disclosure: the custodian reads its own record.
  if (request.discloserAgencyId === request.recipientAgencyId) return INTERNAL_ACCESS;

  // 3. Regime rules, 4. the survivor's deny provisions: neither consent nor mandate lifts them.
  const prohibited = regimeDenial(request);
  if (prohibited) return deny(prohibited);
  if (isExcludedBySurvivor(request, consents)) return deny('recipient_excluded_by_survivor');

  // 5. Consents, then 6. mandates, the only path around consent.
  const regime = parties.discloser.regime;
  const byConsent = evaluateConsents(request, consents, regime, now);
  if (byConsent.permit) return permitByConsent(byConsent.permit);
  const byMandate = evaluateMandates(request, mandates, regime, now);
  if (byMandate.permit) return permitByMandate(byMandate.permit);

  // 7. Default deny, saying why the closest basis fell short.
  return deny(mostInformative([...byConsent.failures, ...byMandate.failures]));
}
