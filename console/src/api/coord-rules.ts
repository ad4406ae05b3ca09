import { type Agency, type MembersAnswer } from '../../../src/sdk/browser';

/** The server's rule for a username (CreatePrincipalDto): checked here first so the form says what is wrong. */
const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,99}$/;
/** A chosen secret shorter than this is refused by the screen (OPAQUE leaves the rule to the client). */
export const MIN_SECRET_LENGTH = 12;

export type Member = MembersAnswer['members'][number];

/** The roles a person of this agency may be given: the coordinating body's, or a member agency's (the server checks too). */
export function rolesFor(agency: Pick<Agency, 'coordinatingBody'>): readonly string[] {
  return agency.coordinatingBody ? ['auditor', 'admin'] : ['advocate', 'agency_worker'];
}

export type PersonFormProblem = 'username' | 'displayName' | 'roles' | null;

export function personFormProblem(form: { username: string; displayName: string; roles: readonly string[] }): PersonFormProblem {
  if (!USERNAME.test(form.username)) return 'username';
  if (form.displayName.trim().length === 0 || form.displayName.length > 200) return 'displayName';
  if (form.roles.length === 0) return 'roles';
  return null;
}

/** A member holds a wrap the agency's key signed (checked again by the rotating client); the others made keys and wait to be added. */
export function isMember(member: Member): boolean {
  return member.latestWrap !== null;
}

/** Fingerprints compare as hex digits, whatever grouping or case was typed (as MembersApi.add). */
export function sameFingerprint(a: string, b: string): boolean {
  const digits = (text: string) => text.toLowerCase().replace(/[^0-9a-f]/g, '');
  return digits(a).length > 0 && digits(a) === digits(b);
}

/** The fingerprint in groups a person can read aloud and compare: four hex digits each. */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.toLowerCase().replace(/[^0-9a-f]/g, '').match(/.{1,4}/g) ?? [];
}

export type SecretProblem = 'too-short' | 'mismatch' | 'code' | null;

/** The new secret typed twice, and a current six-digit code of the authenticator (the server asks a fresh one). */
export function newSecretProblem(form: { next: string; again: string; code: string }): SecretProblem {
  if (form.next.length < MIN_SECRET_LENGTH) return 'too-short';
  if (form.next !== form.again) return 'mismatch';
  if (!/^\d{6}$/.test(form.code.trim())) return 'code';
  return null;
}

/** Who sees which coordinator screen: administrators onboard people; members of an agency manage its membership. */
export function coordScreens(roles: readonly string[]): ('people' | 'members' | 'mykeys' | 'secret')[] {
  const member = roles.includes('advocate') || roles.includes('agency_worker');
  return [...(roles.includes('admin') ? (['people'] as const) : []), ...(member ? (['members', 'mykeys'] as const) : []), 'secret'];
}
