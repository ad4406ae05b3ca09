import { type ActionNotDoneReason, type CaseHandle, type Excluded, type NoteRecipients, type RiskAction, type RiskContribution, type RiskMeeting, type RiskTeam } from '../../../src/sdk/browser';

/** The meeting to prepare: the earliest not yet held, else the latest held (its agenda is the last known). */
export function nextMeeting<T extends Pick<RiskMeeting, 'heldAt'>>(meetings: readonly T[], now: Date = new Date()): T | null {
  const upcoming = meetings.filter((meeting) => Date.parse(meeting.heldAt) >= now.getTime()).sort((a, b) => a.heldAt.localeCompare(b.heldAt));
  if (upcoming.length > 0) return upcoming[0];
  return [...meetings].sort((a, b) => b.heldAt.localeCompare(a.heldAt))[0] ?? null;
}

/** Overdue: still open and its due date has passed (the sweep's rule, decision 0126, judged now). */
export function isActionOverdue(action: Pick<RiskAction, 'status' | 'dueAt'>, now: Date = new Date()): boolean {
  return action.status === 'open' && Date.parse(action.dueAt) < now.getTime();
}

export interface ActionRow {
  action: RiskAction;
  overdue: boolean;
}

/** The tracker's order: overdue first, then open by due date, then the closed ones. */
export function trackerRows(actions: readonly RiskAction[], now: Date = new Date()): ActionRow[] {
  const rank = (row: ActionRow) => (row.overdue ? 0 : row.action.status === 'open' ? 1 : 2);
  return actions
    .map((action) => ({ action, overdue: isActionOverdue(action, now) }))
    .sort((a, b) => rank(a) - rank(b) || a.action.dueAt.localeCompare(b.action.dueAt));
}

/** Actions of this agency only (the member's screen), in the tracker's order. */
export function actionsOf(actions: readonly RiskAction[], agencyId: string, now: Date = new Date()): ActionRow[] {
  return trackerRows(actions.filter((action) => action.ownerAgencyId === agencyId), now);
}

/** The teams this agency chairs, by name (the chooser's order; decision 0160). */
export function chairedTeams<T extends Pick<RiskTeam, 'id' | 'name' | 'chairAgencyId'>>(teams: readonly T[], agencyId: string): T[] {
  return teams.filter((team) => team.chairAgencyId === agencyId).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The team chosen earlier if this agency still chairs it, else the first by name. */
export function chosenTeam<T extends Pick<RiskTeam, 'id'>>(chaired: readonly T[], chosenId: string | null): T | null {
  return chaired.find((team) => team.id === chosenId) ?? chaired[0] ?? null;
}

/** What the owner may set an action to now: done and not done, less the status it already has (a change is logged; nothing goes back to open). */
export function statusChoices(action: Pick<RiskAction, 'status'>): ('done' | 'not_done')[] {
  return (['done', 'not_done'] as const).filter((status) => status !== action.status);
}

export type StatusChoice = { status: 'done' } | { status: 'not_done'; reason: ActionNotDoneReason | null };
export type StatusProblem = 'not_owner' | 'unchanged' | 'reason_required';

/** Why a status change cannot be confirmed (null: it can): only the owner agency; "not done" needs a coded reason. */
export function statusChangeProblem(action: Pick<RiskAction, 'status' | 'ownerAgencyId'>, agencyId: string, choice: StatusChoice): StatusProblem | null {
  if (action.ownerAgencyId !== agencyId) return 'not_owner';
  if (!statusChoices(action).includes(choice.status)) return 'unchanged';
  if (choice.status === 'not_done' && choice.reason === null) return 'reason_required';
  return null;
}

/** How a contribution may still be added to a meeting: this agency attends, and it is not held, or held within the last day (what was said that day). */
export const CONTRIBUTION_GRACE_MS = 24 * 60 * 60 * 1000;
export function acceptsContributions(meeting: Pick<RiskMeeting, 'heldAt' | 'attendeeAgencyIds'>, agencyId: string, now: Date = new Date()): boolean {
  return meeting.attendeeAgencyIds.includes(agencyId) && Date.parse(meeting.heldAt) >= now.getTime() - CONTRIBUTION_GRACE_MS;
}

export interface ContributionReaders {
  /** Attending agencies a release of the case lets receive it (besides this agency). */
  readers: string[];
  /** Attending agencies left out, with the SDK's reason (no release at all: no_consent). */
  leftOut: Excluded[];
}

/**
 * Who a contribution sealed on this case would reach: the SDK's recipients for a `risk` note,
 * narrowed to the meeting's attending agencies, as the SDK's MeetingsApi seals it.
 */
export function contributionReaders(recipients: NoteRecipients, attendeeAgencyIds: readonly string[], ownAgencyId: string): ContributionReaders {
  const others = attendeeAgencyIds.filter((agencyId) => agencyId !== ownAgencyId);
  const granted = new Set(recipients.grants.map((grant) => grant.agencyId));
  const readers = others.filter((agencyId) => granted.has(agencyId));
  const leftOut = others
    .filter((agencyId) => !granted.has(agencyId))
    .map((agencyId) => recipients.excluded.find((each) => each.agencyId === agencyId) ?? { agencyId, reason: 'no_consent' as const });
  return { readers, leftOut };
}

/** Who can read a contribution now (its wrap is there) and who could and no longer can (a wrap deleted), this agency aside. */
export function readersNow(contribution: Pick<RiskContribution, 'recipients'>, ownAgencyId: string): { canRead: string[]; noLonger: string[] } {
  const others = contribution.recipients.filter((recipient) => recipient.agencyId !== ownAgencyId);
  return { canRead: others.filter((each) => each.canRead).map((each) => each.agencyId), noLonger: others.filter((each) => !each.canRead).map((each) => each.agencyId) };
}

export type CaseRelation = 'referred' | 'linked' | 'other';

/** This agency's cases to seal a contribution on: the referred case (if it is ours), then cases opened from it by a referral, then the rest, newest first. */
export function contributionCases(cases: readonly Pick<CaseHandle, 'id' | 'linkedFromCaseId' | 'createdAt'>[], referredCaseId: string): { caseId: string; relation: CaseRelation }[] {
  const relation = (handle: Pick<CaseHandle, 'id' | 'linkedFromCaseId'>): CaseRelation => (handle.id === referredCaseId ? 'referred' : handle.linkedFromCaseId === referredCaseId ? 'linked' : 'other');
  const rank: Record<CaseRelation, number> = { referred: 0, linked: 1, other: 2 };
  return cases
    .map((handle) => ({ caseId: handle.id, relation: relation(handle), createdAt: handle.createdAt }))
    .sort((a, b) => rank[a.relation] - rank[b.relation] || b.createdAt.localeCompare(a.createdAt))
    .map(({ caseId, relation }) => ({ caseId, relation }));
}
