import type { OpsScreenId } from '../app/ops-screens';
import { defineStore } from './store';

/** Who is signed in (from GET /principals/me), or why nobody is. */
export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out' }
  | { status: 'locked'; reason: 'idle' | 'manual' }
  | { status: 'signed-in'; principal: { id: string; username: string; displayName: string; agencyId: string; roles: string[] } };

export const sessionStore = defineStore<SessionState>({ name: 'session', storage: 'memory', wipeOnLock: false, initial: () => ({ status: 'checking' }) });

/** The CSRF value handed out at sign-in (DESIGN-19): sent as X-CCR-CSRF on unsafe requests. */
export const csrfStore = defineStore<string | null>({ name: 'csrf', storage: 'memory', wipeOnLock: true, initial: () => null });

export type Screen =
  | 'checkpoints' | 'verify' | 'search' | 'refusals' | 'passkeys' | 'inbox' | 'outbox' | 'releases'
  | 'people' | 'members' | 'mykeys' | 'secret' | 'cases'
  | OpsScreenId;
/** Which screen is shown: state, not the URL (no ids or screens in history; research §4.3). */
export const screenStore = defineStore<Screen>({ name: 'screen', storage: 'memory', wipeOnLock: true, initial: () => 'checkpoints' });

/** Agency id → name, for showing log entries with names. */
export const agencyNamesStore = defineStore<ReadonlyMap<string, string>>({ name: 'agencyNames', storage: 'memory', wipeOnLock: true, initial: () => new Map() });

/** The enrolment code from the link PUBLIC_URL/#enrol=<code>, taken out of the URL at start (decision 0110). */
export const enrolmentStore = defineStore<string | null>({ name: 'enrolment', storage: 'memory', wipeOnLock: true, initial: () => null });

/** The username just enrolled: the sign-in screen greets it and fills it in. */
export const enrolledStore = defineStore<string | null>({ name: 'enrolled', storage: 'memory', wipeOnLock: true, initial: () => null });

/** The fingerprint of the person's keys while they are open in the key worker (issue 19); null when locked. */
export const unlockedStore = defineStore<string | null>({ name: 'unlocked', storage: 'memory', wipeOnLock: true, initial: () => null });

/** The epochs of the agency's keys open in the key worker (membership wraps); null until unlocked. No key is here. */
export const agencyKeysStore = defineStore<number[] | null>({ name: 'agencyKeys', storage: 'memory', wipeOnLock: true, initial: () => null });

/** The referral open on the inbox or outbox screen (its id only: the opened words live in that screen's state). */
export const openReferralStore = defineStore<string | null>({ name: 'openReferral', storage: 'memory', wipeOnLock: true, initial: () => null });

/** Where the advocate is in the releases screens: the case chosen, what is shown, the release it is about (ids only). */
export type ReleaseView = { caseId: string | null; view: 'list' | 'new' | 'amend' | 'print' | 'revoke' | 'accounting'; consentId: string | null };
export const releaseViewStore = defineStore<ReleaseView>({ name: 'releaseView', storage: 'memory', wipeOnLock: true, initial: () => ({ caseId: null, view: 'list', consentId: null }) });
/** The case whose timeline is open on the Cases screen (its handle only: opened notes live in that screen's state). */
export const openCaseStore = defineStore<string | null>({ name: 'openCase', storage: 'memory', wipeOnLock: true, initial: () => null });
/** The high-risk team the chair's screen shows, when the agency chairs more than one (its id only, in memory: decision 0160). */
export const chairTeamStore = defineStore<string | null>({ name: 'chairTeam', storage: 'memory', wipeOnLock: true, initial: () => null });
