import type { ConsentAction } from '../consent.vocabulary';
import type { DisclosureRequest } from './policy.types';

/** The actions by which a consent's recipient discloses back to the consent's custodian (C-15). */
export const SHARE_BACK_ACTIONS: readonly ConsentAction[] = ['share_status_back', 'share_content_back'];

export function isShareBack(action: ConsentAction): boolean {
  return SHARE_BACK_ACTIONS.includes(action);
}

/**
 * The custodian and recipient a consent must name to govern this request. A share-back runs
 * against the consent's direction: the referral's receiver (the consent's recipient) discloses
 * to the referrer (the consent's custodian), under the consent the referrer recorded.
 */
export function consentPartiesFor(request: DisclosureRequest): { custodianAgencyId: string; recipientAgencyId: string } {
  return isShareBack(request.action)
    ? { custodianAgencyId: request.recipientAgencyId, recipientAgencyId: request.discloserAgencyId }
    : { custodianAgencyId: request.discloserAgencyId, recipientAgencyId: request.recipientAgencyId };
}
