import { CONFIDENTIALITY_REGIMES, type ConfidentialityRegime } from '../../agencies/agency.vocabulary';
import {
  CUSTODIAN_ONLY_CATEGORIES,
  NOTE_CATEGORIES,
  type ConsentAction,
  type RecordCategory,
} from '../consent.vocabulary';
import type { DenyReason } from './decision-reasons';
import type { DisclosureRequest } from './policy.types';

/**
 * What each discloser regime accepts, one explicit line per regime so that a regime added to
 * the vocabulary does not compile until someone decides its row; a value outside the
 * vocabulary (bad data) gets neither relaxation.
 *
 * verbalConsent: may an oral agreement release data? Never under VAWA/FVPSA/VOCA (C-6), Part 2
 * (42 CFR 2.31: written consent) or FERPA (34 CFR 99.30: signed and dated written consent).
 * HIPAA allows an oral agreement for abuse reports (164.512(c), C-6, X-2); justice agencies
 * need no release to share their own case information (section 0, fact 1).
 *
 * statuteMandate: may a statute compel release, or only a court order? VAWA/FVPSA/VOCA data
 * only by court order (DESIGN 3, X-1); Part 2 records likewise only under a court order
 * (42 CFR 2.61-2.67; a state statute does not override Part 2).
 */
const REGIME_RULES: Readonly<Record<ConfidentialityRegime, { verbalConsent: boolean; statuteMandate: boolean }>> = {
  vawa_fvpsa_voca: { verbalConsent: false, statuteMandate: false },
  part2: { verbalConsent: false, statuteMandate: false },
  ferpa: { verbalConsent: false, statuteMandate: true },
  hipaa: { verbalConsent: true, statuteMandate: true },
  criminal_justice: { verbalConsent: true, statuteMandate: true },
  none: { verbalConsent: true, statuteMandate: true },
};

function rulesOf(regime: ConfidentialityRegime): { verbalConsent: boolean; statuteMandate: boolean } | undefined {
  return Object.hasOwn(REGIME_RULES, regime) ? REGIME_RULES[regime] : undefined;
}

/** Regimes under which only a written release discloses. */
export const WRITTEN_CONSENT_REGIMES: readonly ConfidentialityRegime[] = CONFIDENTIALITY_REGIMES.filter(
  (regime) => !REGIME_RULES[regime].verbalConsent,
);

/** Regimes that only a court order can override, never a statute. */
export const COURT_ORDER_ONLY_REGIMES: readonly ConfidentialityRegime[] = CONFIDENTIALITY_REGIMES.filter(
  (regime) => !REGIME_RULES[regime].statuteMandate,
);

const NOTE_CATEGORY_SET: ReadonlySet<string> = new Set(NOTE_CATEGORIES);

/**
 * Which record categories each action may carry. A referral carries the referral packet, notes
 * carry note categories, status share-back carries referral status, content share-back carries
 * the outcome note (C-15, R-6). An action missing here (a value from outside the vocabulary)
 * carries nothing.
 */
const ACTION_CARRIES: Readonly<Record<ConsentAction, (category: RecordCategory) => boolean>> = {
  receive_referral: (category) => category === 'referral',
  receive_notes: (category) => NOTE_CATEGORY_SET.has(category),
  share_status_back: (category) => category === 'referral',
  share_content_back: (category) => category === 'outcome',
};

export function isCustodianOnly(category: RecordCategory): boolean {
  return CUSTODIAN_ONLY_CATEGORIES.includes(category);
}

export function actionCarries(action: ConsentAction, category: RecordCategory): boolean {
  const carries = Object.hasOwn(ACTION_CARRIES, action) ? ACTION_CARRIES[action] : undefined;
  return carries?.(category) ?? false;
}

/** Rule 3: prohibitions no consent and no mandate can lift inside the platform. */
export function regimeDenial(request: DisclosureRequest): DenyReason | null {
  if (isCustodianOnly(request.category)) return 'custodian_only_category';
  if (!actionCarries(request.action, request.category)) return 'action_category_mismatch';
  return null;
}

export function requiresWrittenConsent(regime: ConfidentialityRegime): boolean {
  return rulesOf(regime)?.verbalConsent !== true;
}

export function requiresCourtOrder(regime: ConfidentialityRegime): boolean {
  return rulesOf(regime)?.statuteMandate !== true;
}
