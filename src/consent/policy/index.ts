export { decide } from './decide';
export { decideForBasis } from './decide-for-basis';
export { consentStatus } from './consent-status';
export { isMandateActive } from './mandate-status';
export {
  BASIS_FAILURE_PRECEDENCE,
  DENY_REASONS,
  PERMIT_REASONS,
  type BasisFailure,
  type DenyReason,
  type PermitReason,
} from './decision-reasons';
export { DENY_REASON_DESCRIPTIONS, PERMIT_REASON_DESCRIPTIONS } from './reason-descriptions';
export { COURT_ORDER_ONLY_REGIMES, WRITTEN_CONSENT_REGIMES, actionCarries, isCustodianOnly } from './regime-rules';
export { SHARE_BACK_ACTIONS, consentPartiesFor, isShareBack } from './direction';
export type {
  AgencyDirectory,
  AgencyView,
  ConsentView,
  Decision,
  DecisionBasis,
  DenyDecision,
  DisclosureRequest,
  MandateView,
  PermitDecision,
} from './policy.types';
