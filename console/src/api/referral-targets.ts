import type { CaseReleases, PurposeCode } from '../../../src/sdk/browser';
import { decideUnderRelease } from '../../../src/sdk/browser-plain';

/** An agency this case may be referred to now, the release that allows it, and that release's purpose. */
export interface ReferralTarget {
  agencyId: string;
  consentId: string;
  purpose: PurposeCode;
}

/**
 * Where the advocate may refer this case now: each release of the case this agency recorded whose
 * recipient the SDK's decideUnderRelease (decide(), as the server will judge it) permits for
 * `receive_referral` under that release's own purpose. One per agency: the newest such release.
 * The SDK decides again when the referral is sent; this list only spares the person a refusal.
 */
export function referralTargets(releases: CaseReleases): ReferralTarget[] {
  const byAgency = new Map<string, ReferralTarget & { recordedAt: number }>();
  for (const consent of releases.consents) {
    const { custodianAgencyId, recipientAgencyId } = consent;
    if (custodianAgencyId !== releases.ownAgencyId || recipientAgencyId === releases.ownAgencyId) continue;
    const purpose = consent.current.purpose;
    const wanted = { recipientAgencyId, category: 'referral' as const, action: 'receive_referral' as const, purpose };
    if (decideUnderRelease(releases, wanted, consent.id).decision !== 'permit') continue;
    const recordedAt = Date.parse(consent.current.recordedAt);
    const earlier = byAgency.get(recipientAgencyId);
    if (earlier && earlier.recordedAt >= recordedAt) continue;
    byAgency.set(recipientAgencyId, { agencyId: recipientAgencyId, consentId: consent.id, purpose, recordedAt });
  }
  return [...byAgency.values()].map(({ agencyId, consentId, purpose }) => ({ agencyId, consentId, purpose })).sort((a, b) => a.agencyId.localeCompare(b.agencyId));
}
