import { type FigureParameters } from './catalogue';
import { computeFigures, type ExactFigures } from './compute';
import { SyntheticLog } from './synthetic-history';

const police = { principal: 'p', agency: 'police-1', roles: ['agency_worker'] };
const advocacy = { principal: 'a', agency: 'advocacy-1', roles: ['advocate'] };
const params: FigureParameters = { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', bucket: 'month', k: 11 };

function cell(figures: ExactFigures, figure: string, bucket: string, row: string, column: string): number | undefined {
  const table = figures.counts.find((each) => each.figure === figure && each.bucket === bucket);
  const r = table?.rows.indexOf(row) ?? -1;
  const c = table?.columns.indexOf(column) ?? -1;
  return r < 0 || c < 0 ? undefined : table?.cells[r][c];
}

/** A referral to the team as the service logs it: one entry per receiving member, the same referral id. */
function refer(log: SyntheticLog, time: string, referral: string, caseId: string, previousReferralAt: string | null = null, recipients = ['advocacy-1', 'probation-1']): void {
  for (const recipient of recipients) {
    log.add('team_case_referred', time, { actor: police, case: caseId, recipient, detail: { team: 't', referral, reason: 'screened_high_risk', repeat: false, previousReferralAt, agencyKind: 'law_enforcement' } });
  }
}

function decide(log: SyntheticLog, time: string, referral: string, motion: 'accept' | 'close', carried: boolean): void {
  log.add('team_decision_recorded', time, { actor: police, detail: { team: 't', referral, motion, carried, closeReason: motion === 'close' ? 'risk_reduced' : null } });
}

function take(log: SyntheticLog, time: string, action: string, dueAt: string): void {
  log.add('team_action_taken', time, { actor: advocacy, case: 'c', detail: { team: 't', action, referral: 'x', dueAt, ownerKind: 'advocacy' } });
}

function update(log: SyntheticLog, time: string, action: string, status: 'done' | 'not_done'): void {
  log.add('team_action_updated', time, { actor: advocacy, case: 'c', detail: { action, referral: 'x', status, notDoneReason: status === 'not_done' ? 'no_contact' : null } });
}

/** A high-risk team's year with known answers: the 12-month edge, decisions, actions in time and late. */
function history(): SyntheticLog {
  const log = new SyntheticLog();
  // Before the period: the first referrals of cases A, D and E.
  refer(log, '2025-02-10T09:00:00.000Z', 'a0', 'A');
  refer(log, '2025-02-15T09:00:00.000Z', 'd0', 'D');
  refer(log, '2025-02-15T10:00:00.000Z', 'e0', 'E');
  // January: A again within 12 months (a repeat), accepted; B new, an accept that failed, then closed.
  refer(log, '2026-01-10T09:00:00.000Z', 'a1', 'A');
  decide(log, '2026-01-12T09:00:00.000Z', 'a1', 'accept', true);
  refer(log, '2026-01-20T09:00:00.000Z', 'b1', 'B');
  decide(log, '2026-01-21T09:00:00.000Z', 'b1', 'accept', false);
  decide(log, '2026-01-25T09:00:00.000Z', 'b1', 'close', true);
  // February: D exactly 12 months later (not a repeat), E a millisecond before (a repeat), C a
  // repeat of a linked case the log entry names only by the time of its last referral.
  refer(log, '2026-02-15T09:00:00.000Z', 'd1', 'D');
  refer(log, '2026-02-15T09:59:59.999Z', 'e1', 'E');
  refer(log, '2026-02-05T09:00:00.000Z', 'c1', 'C', '2025-03-01T00:00:00.000Z');
  // Actions, counted in the month they are due.
  take(log, '2026-01-12T10:00:00.000Z', 'x1', '2026-01-20T00:00:00.000Z');
  update(log, '2026-01-19T10:00:00.000Z', 'x1', 'done');
  take(log, '2026-01-12T10:00:00.000Z', 'x2', '2026-01-25T00:00:00.000Z');
  update(log, '2026-01-26T10:00:00.000Z', 'x2', 'done');
  take(log, '2026-01-12T10:00:00.000Z', 'x6', '2026-01-28T12:00:00.000Z');
  update(log, '2026-01-28T12:00:00.000Z', 'x6', 'done');
  take(log, '2026-01-12T10:00:00.000Z', 'x3', '2026-02-01T00:00:00.000Z');
  log.add('team_action_overdue', '2026-02-02T00:00:00.000Z', { case: 'c', detail: { action: 'x3', referral: 'x', owner: advocacy.agency, dueAt: '2026-02-01T00:00:00.000Z' } });
  update(log, '2026-02-03T10:00:00.000Z', 'x3', 'not_done');
  take(log, '2026-01-12T10:00:00.000Z', 'x4', '2026-02-10T00:00:00.000Z');
  // An action taken before `team_action_taken` existed: known from the sweep's entry alone.
  log.add('team_action_overdue', '2026-02-13T00:00:00.000Z', { case: 'c', detail: { action: 'x7', referral: 'x', owner: advocacy.agency, dueAt: '2026-02-12T00:00:00.000Z' } });
  take(log, '2026-02-12T10:00:00.000Z', 'x5', '2026-03-25T00:00:00.000Z');
  log.add('ledger_read', '2026-03-20T00:00:00.000Z');
  return log;
}

describe('high-risk team figures (catalogue version 2) on a synthetic history with known answers', () => {
  const figures = computeFigures(history().entries, params);
  const TEAM = 'law_enforcement';

  it('counts each case referred once in the month it was referred, by how the team decided it', () => {
    expect(figures.definitions).toBe('ccr-monitoring/2');
    expect(cell(figures, 'team_referrals', '2026-01', TEAM, 'accepted')).toBe(1);
    expect(cell(figures, 'team_referrals', '2026-01', TEAM, 'closed_before_acceptance')).toBe(1);
    expect(cell(figures, 'team_referrals', '2026-01', TEAM, 'awaiting_decision')).toBe(0);
    expect(cell(figures, 'team_referrals', '2026-02', TEAM, 'awaiting_decision')).toBe(3);
    expect(figures.counts.some((table) => table.figure === 'team_referrals' && table.bucket < '2026-01')).toBe(false);
  });

  it('a repeat is a referral before the same instant 12 months after the case\'s last one', () => {
    expect(cell(figures, 'team_repeats', '2026-01', TEAM, 'repeat_within_12_months')).toBe(1);
    expect(cell(figures, 'team_repeats', '2026-01', TEAM, 'not_repeat')).toBe(1);
    // e1 a millisecond before the window ends and c1 by its linked case's time; d1 at the end: not a repeat.
    expect(cell(figures, 'team_repeats', '2026-02', TEAM, 'repeat_within_12_months')).toBe(2);
    expect(cell(figures, 'team_repeats', '2026-02', TEAM, 'not_repeat')).toBe(1);
  });

  it('an action done by its due date (at the instant included) is in time, after it late; open ones by asOf', () => {
    expect(cell(figures, 'team_actions', '2026-01', 'advocacy', 'done_in_time')).toBe(2);
    expect(cell(figures, 'team_actions', '2026-01', 'advocacy', 'done_late')).toBe(1);
    expect(cell(figures, 'team_actions', '2026-02', 'advocacy', 'not_done')).toBe(1);
    expect(cell(figures, 'team_actions', '2026-02', 'advocacy', 'open_past_due')).toBe(2);
    expect(cell(figures, 'team_actions', '2026-03', 'advocacy', 'open_not_yet_due')).toBe(1);
  });

  it('an entry written before previousReferralAt existed counts the repeat the service recorded', () => {
    const log = new SyntheticLog();
    log.add('team_case_referred', '2026-01-10T09:00:00.000Z', { actor: police, case: 'Z', detail: { referral: 'z1', repeat: true } });
    log.add('team_case_referred', '2026-01-11T09:00:00.000Z', { actor: police, case: 'Y', detail: { referral: 'y1', repeat: false } });
    const old = computeFigures(log.entries, params);
    expect(cell(old, 'team_repeats', '2026-01', 'unknown', 'repeat_within_12_months')).toBe(1);
    expect(cell(old, 'team_repeats', '2026-01', 'unknown', 'not_repeat')).toBe(1);
  });

  it('an agency\'s own figures: the actions it owns, not the referrals another agency made', () => {
    const own = computeFigures(history().entries, { ...params, agency: advocacy.agency });
    expect(cell(own, 'team_actions', '2026-01', `agency:${advocacy.agency}`, 'done_in_time')).toBe(2);
    expect(own.counts.some((table) => table.figure === 'team_referrals')).toBe(false);
  });

  it('version 1 is unchanged: no team figures, and agency kinds from referrals only', () => {
    const log = history();
    log.add('denied', '2026-03-01T00:00:00.000Z', { actor: police, reason: 'no_consent' });
    const v1 = computeFigures(log.entries, params, 'ccr-monitoring/1');
    expect(v1.definitions).toBe('ccr-monitoring/1');
    expect(v1.counts.map((table) => table.figure)).toEqual(['refusals']);
    expect(cell(v1, 'refusals', '2026-03', 'unknown', 'no_consent')).toBe(1);
    // Version 2 knows the police's kind from its team entries.
    expect(cell(computeFigures(log.entries, params), 'refusals', '2026-03', 'law_enforcement', 'no_consent')).toBe(1);
  });
});
