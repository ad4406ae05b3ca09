/**
 * The steps a working agreement times, in the order a handoff goes through them, and the referral
 * statuses that complete each (decision 0068): `received` by the receiver acknowledging it,
 * `answered` by accepting or rejecting it, `first_contact` by starting work with the survivor.
 */
export const AGREEMENT_STEPS = ['received', 'answered', 'first_contact'] as const;
export type AgreementStep = (typeof AGREEMENT_STEPS)[number];

/** A version is proposed until every party has signed it, then in force until a later one is; a proposal overtaken by a newer one before it came into force has lapsed. */
export const AGREEMENT_VERSION_STATUSES = ['proposed', 'in_force', 'superseded', 'lapsed'] as const;
export type AgreementVersionStatus = (typeof AGREEMENT_VERSION_STATUSES)[number];

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const MAX_PARTIES = 16;
export const MAX_HANDOFFS = 64;
export const MAX_HOLIDAYS = 400;
/** A year of business minutes is more than any protocol allows for one step. */
export const MAX_STEP_MINUTES = 525_600;
/** A point-of-contact role code, e.g. `duty_supervisor` (a code, never a person's name). */
export const CONTACT_ROLE = /^[a-z][a-z0-9_]{0,62}$/;
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
