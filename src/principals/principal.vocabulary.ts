/**
 * Roles (DESIGN.md §2). `service` is an agency system authenticating with client credentials; the
 * others are people. Auditors and administrators belong to the coordinating body, the rest to
 * member agencies.
 */
export const ROLES = ['service', 'advocate', 'agency_worker', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const COORDINATING_BODY_ROLES: readonly Role[] = ['auditor', 'admin'];
export const MEMBER_AGENCY_ROLES: readonly Role[] = ['service', 'advocate', 'agency_worker'];

export const PRINCIPAL_KINDS = ['service', 'person'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

export const PRINCIPAL_STATUSES = ['active', 'disabled'] as const;
export type PrincipalStatus = (typeof PRINCIPAL_STATUSES)[number];

/** The roles a person can hold (every role but `service`). */
export const PERSON_ROLES = ['advocate', 'agency_worker', 'auditor', 'admin'] as const satisfies readonly Role[];
