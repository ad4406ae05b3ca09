import type { DenyReason, PermitReason } from './decision-reasons';

/**
 * Plain-language meaning of each reason code, for the survivor's accounting and for the
 * `detail` of problem+json answers. Written to be read aloud by an advocate: no jargon, no
 * names, nothing about the record's content.
 */
export const PERMIT_REASON_DESCRIPTIONS: Readonly<Record<PermitReason, string>> = {
  internal_access: 'Staff of the agency that holds this record opened it. The record did not leave that agency.',
  survivor_consent: 'Shared under a release the survivor gave, within what that release allows.',
  court_order: 'Shared because a court ordered it. The survivor is to be told, unless telling them would put them at risk.',
  statutory_mandate: 'Shared because a law required it, such as a mandated report. The survivor is to be told where it is safe.',
};

export const DENY_REASON_DESCRIPTIONS: Readonly<Record<DenyReason, string>> = {
  unknown_discloser: 'Not shared: the agency that holds the record is not a member of the exchange.',
  unknown_recipient: 'Not shared: the agency the record would go to is not a member of the exchange.',
  discloser_suspended: 'Not shared: the agency that holds the record is suspended from the exchange.',
  recipient_suspended: 'Not shared: the agency the record would go to is suspended from the exchange.',
  custodian_only_category:
    'Not shared: this kind of record (privileged counselling, the survivor profile, or the survivor\'s own words in a release) never leaves the agency that holds it.',
  action_category_mismatch:
    'Not shared: this kind of record cannot travel this way. Referrals carry only the referral, notes only case notes, status updates only referral status, and share-back only the outcome note.',
  recipient_excluded_by_survivor:
    'Not shared: the survivor asked that nothing about them ever go to this agency. That instruction stands until they change it.',
  consent_revoked: 'Not shared: the survivor withdrew the release that covered this.',
  consent_expired: 'Not shared: the release that covered this has ended.',
  consent_not_yet_valid: 'Not shared: the release that covers this has not started yet.',
  verbal_consent_insufficient:
    'Not shared: the release was given by spoken agreement only, and this agency may share only with a written release.',
  action_not_covered: 'Not shared: the survivor\'s release to this agency does not allow this kind of sharing.',
  category_not_covered: 'Not shared: the survivor\'s release to this agency does not include this kind of information.',
  purpose_not_covered: 'Not shared: the survivor\'s release to this agency was given for a different purpose.',
  court_order_required:
    'Not shared: the agency that holds this record is bound by a confidentiality law (such as that of a victim-services program) that a general duty to report cannot override; only a court order can.',
  no_consent: 'Not shared: there is no release from the survivor, and no court order or law, that allows it.',
};
