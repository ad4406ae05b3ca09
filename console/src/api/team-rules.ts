import { type RiskAction, type RiskMeeting } from '../../../src/sdk/browser';

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
