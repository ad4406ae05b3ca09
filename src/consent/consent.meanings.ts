import type { CaptureMode, ConsentAction, InformedConsentItem, LoggedPurpose, RecordCategory } from './consent.vocabulary';

/**
 * The plain meaning of each code of the consent vocabulary, for people: the survivor's accounting
 * reads them aloud, `ccrx consent record --help` and its questions show them. Typed over the
 * vocabularies, so a code added there without words here does not compile.
 */

export const CATEGORY_MEANINGS: Record<RecordCategory, string> = {
  risk: 'risk assessment notes',
  safety_plan: 'safety plan',
  legal: 'legal status notes',
  coordination: 'coordination notes',
  health: 'health information',
  substance_use: 'substance use information',
  children: 'information about children',
  immigration: 'immigration information',
  privileged_counseling: 'privileged counselling notes',
  referral: 'a referral',
  outcome: 'an outcome report',
  profile: 'contact and identity details (the survivor profile)',
  consent_terms: "the survivor's own words in a release",
  mandate_details: 'the details of a court order or legal duty',
};

export const PURPOSE_MEANINGS: Record<LoggedPurpose, string> = {
  advocacy_services: 'advocacy services',
  safety_planning: 'safety planning',
  protection_order_support: 'help with a protection order',
  prosecution_support: 'support during prosecution',
  supervision: 'supervision (probation or parole)',
  health_care: 'health care',
  child_welfare: "children's welfare",
  housing: 'housing',
  legal_representation: 'legal representation',
  batterer_intervention: 'a program for the person who caused harm',
  service_coordination: 'coordinating services',
  court_order_compliance: 'obeying a court order',
  statutory_duty: 'a duty the law imposes',
  custodian_case_work: "the agency's own work on the case",
};

export const ACTION_MEANINGS: Record<ConsentAction, string> = {
  receive_referral: 'the agency may receive a referral for the survivor',
  receive_notes: 'the agency may read case notes of the listed categories',
  share_status_back: "the agency may tell your agency where the referral stands (accepted, completed…)",
  share_content_back: 'the agency may send your agency an outcome note about the referral',
};

export const INFORMED_CONSENT_MEANINGS: Record<InformedConsentItem, string> = {
  recipient_use_and_risks_explained: 'what the receiving agency will do with the information, and the risks of sharing it',
  alternatives_discussed: 'other ways to get the same help without sharing',
  not_a_condition_of_service: 'services do not depend on signing',
  revocation_explained: 'she can take the release back at any time, and how',
  redisclosure_limits_explained: 'what the receiving agency may and may not pass on',
  limits_of_confidentiality_explained: 'when the law may require disclosure whatever she decides',
};

export const CAPTURE_MODE_MEANINGS: Record<CaptureMode, string> = {
  written_signature: 'she signed a written release',
  electronic_written: 'she signed an electronic written release',
  verbal: 'she agreed aloud (never releases VAWA, FVPSA or VOCA data)',
};
