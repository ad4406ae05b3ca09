/**
 * Case-note categories (consent-requirements.md N-1). privileged_counseling is never shareable.
 */
export const NOTE_CATEGORIES = [
  'risk',
  'safety_plan',
  'legal',
  'coordination',
  'health',
  'substance_use',
  'children',
  'immigration',
  'privileged_counseling',
] as const;
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];

/** Categories a consent may permit: every note category except privileged counselling. */
export const SHAREABLE_NOTE_CATEGORIES = NOTE_CATEGORIES.filter(
  (category): category is Exclude<NoteCategory, 'privileged_counseling'> => category !== 'privileged_counseling',
);

/**
 * The category of every sealed record. Notes carry their note category; the other record kinds
 * carry their own: a referral packet, an outcome note shared back to a referrer, the survivor
 * profile, the survivor's own words in a consent, and the citation, docket and court of a legal
 * mandate (the last three never leave the custodian).
 */
export const RECORD_CATEGORIES = [...NOTE_CATEGORIES, 'referral', 'outcome', 'profile', 'consent_terms', 'mandate_details'] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

/** Record categories that never leave the agency that wrote them, whatever any consent says. */
export const CUSTODIAN_ONLY_CATEGORIES: readonly RecordCategory[] = ['privileged_counseling', 'profile', 'consent_terms', 'mandate_details'];

/**
 * What a consent lets its recipient do (DESIGN.md §3). The share-back actions run the other way:
 * the recipient of the consent discloses back to its custodian (the referrer).
 */
export const CONSENT_ACTIONS = ['receive_referral', 'receive_notes', 'share_status_back', 'share_content_back'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** Coded purposes of a release (consent-requirements.md C-3). */
export const PURPOSE_CODES = [
  'advocacy_services',
  'safety_planning',
  'protection_order_support',
  'prosecution_support',
  'supervision',
  'health_care',
  'child_welfare',
  'housing',
  'legal_representation',
  'batterer_intervention',
  'service_coordination',
] as const;
export type PurposeCode = (typeof PURPOSE_CODES)[number];

/** How the survivor's consent was captured (C-6). Verbal never releases VAWA/FVPSA/VOCA data. */
export const CAPTURE_MODES = ['written_signature', 'electronic_written', 'verbal'] as const;
export type CaptureMode = (typeof CAPTURE_MODES)[number];

export const CONSENT_STATUSES = ['active', 'pending', 'revoked', 'expired'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** The legal basis of a compelled disclosure. Only a court order reaches VAWA/FVPSA/VOCA data. */
export const MANDATE_BASES = ['court_order', 'statute'] as const;
export type MandateBasis = (typeof MANDATE_BASES)[number];

/**
 * THE purpose vocabulary of the log (decision 0044): every disclosure entry carries the purpose of
 * the basis that permitted it, refusals the purpose asked for, all from this list.
 * - A release's purpose is its coded purpose (PURPOSE_CODES).
 * - A mandate has no purpose of its own: a compelled disclosure's purpose is the compulsion — to
 *   comply with a court order, or to meet a duty a statute imposes (MANDATE_PURPOSES).
 * - The custodian's own staff opening its records: custodian case work (an access, never a disclosure).
 */
export const MANDATE_PURPOSES = { court_order: 'court_order_compliance', statute: 'statutory_duty' } as const satisfies Record<MandateBasis, string>;
export type MandatePurpose = (typeof MANDATE_PURPOSES)[MandateBasis];
export const CUSTODIAN_PURPOSE = 'custodian_case_work';
export const LOGGED_PURPOSES = [...PURPOSE_CODES, ...Object.values(MANDATE_PURPOSES), CUSTODIAN_PURPOSE] as const;
export type LoggedPurpose = PurposeCode | MandatePurpose | typeof CUSTODIAN_PURPOSE;

/** How the survivor's revocation reached the custodian (C-12): oral revocation takes effect at once. */
export const REVOCATION_CHANNELS = ['in_person', 'phone', 'written', 'electronic'] as const;
export type RevocationChannel = (typeof REVOCATION_CHANNELS)[number];

/** Who the interpreter was (C-8). Never family, a child, or the person causing harm: attested separately. */
export const INTERPRETER_AFFILIATIONS = ['professional', 'agency_staff', 'volunteer', 'other'] as const;
export type InterpreterAffiliation = (typeof INTERPRETER_AFFILIATIONS)[number];

/** The informed-consent checklist (C-5 a–f): what was discussed with the survivor before signing. */
export const INFORMED_CONSENT_ITEMS = [
  'recipient_use_and_risks_explained',
  'alternatives_discussed',
  'not_a_condition_of_service',
  'revocation_explained',
  'redisclosure_limits_explained',
  'limits_of_confidentiality_explained',
] as const;
export type InformedConsentItem = (typeof INFORMED_CONSENT_ITEMS)[number];

/** Whether the survivor was told of a compelled disclosure, or why not yet / not at all. */
export const SURVIVOR_NOTIFICATION_STATUSES = ['notified', 'pending', 'delayed', 'withheld'] as const;
export type SurvivorNotificationStatus = (typeof SURVIVOR_NOTIFICATION_STATUSES)[number];

export const NOTIFICATION_DELAY_REASONS = ['court_ordered_delay', 'risk_of_serious_harm', 'law_enforcement_request', 'survivor_unreachable'] as const;
export type NotificationDelayReason = (typeof NOTIFICATION_DELAY_REASONS)[number];
