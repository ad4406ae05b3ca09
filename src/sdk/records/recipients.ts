import { CUSTODIAN_ONLY_CATEGORIES } from '../../consent/consent.vocabulary';
import { CcrUsageError } from '../errors';
import { isUuid } from '../ids';

/** An agency that may read a record, and the consent (release) that allows it. */
export interface RecipientGrant {
  agencyId: string;
  consentId: string;
}

export function checkGrants(grants: readonly RecipientGrant[], ownAgencyId: string): void {
  const seen = new Set<string>();
  for (const grant of grants) {
    if (!isUuid(grant.agencyId) || !isUuid(grant.consentId)) {
      throw new CcrUsageError('each recipient needs a lowercase UUID agency id and consent id');
    }
    if (grant.agencyId === ownAgencyId) {
      throw new CcrUsageError("the author's own agency is always a recipient, without a consent: do not list it");
    }
    if (seen.has(grant.agencyId)) throw new CcrUsageError(`agency ${grant.agencyId} is listed twice`);
    seen.add(grant.agencyId);
  }
}

/**
 * Checked on the client too, not only by the server: a record that must never leave its
 * custodian (privileged counselling, the survivor profile, consent terms) is never wrapped for
 * another agency, so no server mistake can ever deliver a readable copy.
 */
export function checkShareable(category: string, otherRecipients: number): void {
  if (otherRecipients > 0 && (CUSTODIAN_ONLY_CATEGORIES as readonly string[]).includes(category)) {
    throw new CcrUsageError(`records of category ${category} never leave the agency that wrote them`);
  }
}
