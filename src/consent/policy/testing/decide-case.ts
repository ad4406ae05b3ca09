import type { DenyReason, PermitReason } from '../decision-reasons';
import { decide } from '../decide';
import type { AgencyView, ConsentView, Decision, DisclosureRequest, MandateView } from '../policy.types';
import { AGENCIES, NOW, agencyMap } from './policy-fixtures';

/** One row of the decision table: a short name saying the rule, the inputs, the whole answer. */
export interface DecideCase {
  readonly name: string;
  readonly request: DisclosureRequest;
  readonly consents?: readonly ConsentView[];
  readonly mandates?: readonly MandateView[];
  readonly agencies?: readonly AgencyView[];
  readonly now?: Date;
  readonly expected: Decision;
}

export function runCase(row: DecideCase): Decision {
  return decide(row.request, row.consents ?? [], row.mandates ?? [], agencyMap(row.agencies ?? AGENCIES), row.now ?? NOW);
}

export function denied(reason: DenyReason): Decision {
  return { decision: 'deny', reason };
}

export function byConsent(consentId = 'consent-1', consentVersion = 1): Decision {
  return { decision: 'permit', reason: 'survivor_consent', basis: { kind: 'consent', consentId, consentVersion } };
}

export function byMandate(mandateId = 'mandate-1', reason: Extract<PermitReason, 'court_order' | 'statutory_mandate'> = 'court_order'): Decision {
  return { decision: 'permit', reason, basis: { kind: 'mandate', mandateId } };
}

export const INTERNAL: Decision = { decision: 'permit', reason: 'internal_access', basis: { kind: 'custodian' } };
