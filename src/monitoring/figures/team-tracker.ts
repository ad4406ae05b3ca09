import { type LedgerEntryV1 } from '../../ledger/entry-format';
import { repeatWindowEnd } from '../../risk/team/repeat-referral';
import { bucketOf, inPeriod } from './buckets';
import { type FigureParameters, TEAM_ACTION_COLUMNS, TEAM_REFERRAL_COLUMNS, TEAM_REPEAT_COLUMNS } from './catalogue';
import { CountGrid, type CountTable } from './tables';

/** The kinds of entry the high-risk team writes for a referral of a case to it (decision 0123). */
const TEAM_REFERRAL_KINDS = new Set(['team_case_referred', 'team_shared_without_consent']);

interface TeamReferralLife {
  agency: string;
  referredAt: string;
  repeat: boolean;
  acceptedAt: string | null;
  closedAt: string | null;
}

interface ActionLife {
  owner: string | null;
  dueAt: string | null;
  status: 'open' | 'done' | 'not_done';
  firstDoneAt: string | null;
}

/**
 * The high-risk team's figures of catalogue version 2 (docs/monitoring.md §2.8, decision 0162),
 * from the team's log entries only: a referral's first entry (one is written per receiving member),
 * the chair's recorded decisions, and the action items' taken / updated / overdue entries.
 */
export class TeamTracker {
  private readonly referrals = new Map<string, TeamReferralLife>();
  /** The time of each case's latest referral to a team, as the log has it so far. */
  private readonly lastReferralOfCase = new Map<string, string>();
  private readonly actions = new Map<string, ActionLife>();

  /** Feeds one entry; answers the agency kinds the entry states (the team entries name the actor's). */
  add(entry: LedgerEntryV1, kinds: Map<string, string>): void {
    const detail = entry.detail ?? {};
    if (TEAM_REFERRAL_KINDS.has(entry.kind)) return this.referred(entry, kinds);
    if (entry.kind === 'team_decision_recorded') {
      const referral = this.referrals.get(String(detail.referral));
      if (!referral || detail.carried !== true) return;
      if (detail.motion === 'accept') referral.acceptedAt ??= entry.time;
      if (detail.motion === 'close') referral.closedAt ??= entry.time;
      return;
    }
    if (entry.kind !== 'team_action_taken' && entry.kind !== 'team_action_updated' && entry.kind !== 'team_action_overdue') return;
    const id = String(detail.action);
    const action = this.actions.get(id) ?? { owner: null, dueAt: null, status: 'open', firstDoneAt: null };
    this.actions.set(id, action);
    if (typeof detail.dueAt === 'string') action.dueAt ??= detail.dueAt;
    const owner = entry.kind === 'team_action_overdue' ? detail.owner : entry.actor?.agency;
    if (typeof owner === 'string') action.owner ??= owner;
    if (entry.kind === 'team_action_taken' && typeof detail.ownerKind === 'string' && detail.ownerKind !== '' && entry.actor) kinds.set(entry.actor.agency, detail.ownerKind);
    if (entry.kind === 'team_action_updated' && (detail.status === 'done' || detail.status === 'not_done')) {
      action.status = detail.status;
      if (detail.status === 'done') action.firstDoneAt ??= entry.time;
    }
  }

  private referred(entry: LedgerEntryV1, kinds: Map<string, string>): void {
    const detail = entry.detail ?? {};
    const id = String(detail.referral);
    if (this.referrals.has(id) || !entry.actor) return;
    if (typeof detail.agencyKind === 'string' && detail.agencyKind !== '') kinds.set(entry.actor.agency, detail.agencyKind);
    const earlier = [typeof detail.previousReferralAt === 'string' ? detail.previousReferralAt : null, entry.case === undefined ? null : (this.lastReferralOfCase.get(entry.case) ?? null)]
      .filter((time): time is string => time !== null && Date.parse(time) <= Date.parse(entry.time))
      .sort((a, b) => Date.parse(a) - Date.parse(b))
      .at(-1);
    // Entries written before `previousReferralAt` existed carry the service's own judgement only.
    const recordedOnly = typeof detail.previousReferralAt !== 'string' && detail.repeat === true;
    const repeat = recordedOnly || (earlier !== undefined && Date.parse(entry.time) < repeatWindowEnd(new Date(earlier)).getTime());
    this.referrals.set(id, { agency: entry.actor.agency, referredAt: entry.time, repeat, acceptedAt: null, closedAt: null });
    if (entry.case !== undefined) this.lastReferralOfCase.set(entry.case, entry.time);
  }

  tables(parameters: FigureParameters, asOf: string, concerns: (agency: string) => boolean, groupOf: (agency: string) => string): CountTable[] {
    const outcomes = new CountGrid('team_referrals', TEAM_REFERRAL_COLUMNS);
    const repeats = new CountGrid('team_repeats', TEAM_REPEAT_COLUMNS);
    const actions = new CountGrid('team_actions', TEAM_ACTION_COLUMNS);
    for (const referral of this.referrals.values()) {
      if (!concerns(referral.agency) || !inPeriod(referral.referredAt, parameters.from, parameters.to)) continue;
      const bucket = bucketOf(referral.referredAt, parameters.bucket);
      const outcome = referral.acceptedAt !== null ? 'accepted' : referral.closedAt !== null ? 'closed_before_acceptance' : 'awaiting_decision';
      outcomes.add(bucket, groupOf(referral.agency), outcome);
      repeats.add(bucket, groupOf(referral.agency), referral.repeat ? 'repeat_within_12_months' : 'not_repeat');
    }
    for (const action of this.actions.values()) {
      if (action.owner === null || action.dueAt === null || !concerns(action.owner) || !inPeriod(action.dueAt, parameters.from, parameters.to)) continue;
      actions.add(bucketOf(action.dueAt, parameters.bucket), groupOf(action.owner), actionColumn(action, asOf));
    }
    return [...outcomes.tables(), ...repeats.tables(), ...actions.tables()];
  }
}

/** How an action due in the period stood at `asOf`: done in time is done the first time by its due date. */
function actionColumn(action: ActionLife, asOf: string): (typeof TEAM_ACTION_COLUMNS)[number] {
  const due = Date.parse(action.dueAt as string);
  if (action.status === 'done') return Date.parse(action.firstDoneAt as string) <= due ? 'done_in_time' : 'done_late';
  if (action.status === 'not_done') return 'not_done';
  return due < Date.parse(asOf) ? 'open_past_due' : 'open_not_yet_due';
}
