import { DEFINITIONS_VERSION, type FigureParameters } from './catalogue';
import { computeFigures, type ExactFigures } from './compute';
import { nearestRank } from './stats';
import { SyntheticLog } from './synthetic-history';

const police = { agency: 'police-1', kind: 'law_enforcement' };
const advocacy = { agency: 'advocacy-1', kind: 'advocacy' };
const params: FigureParameters = { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', bucket: 'month', k: 11 };
const PAIR = 'law_enforcement>advocacy';

function cell(figures: ExactFigures, figure: string, bucket: string, row: string, column: string): number | undefined {
  const table = figures.counts.find((each) => each.figure === figure && each.bucket === bucket);
  const r = table?.rows.indexOf(row) ?? -1;
  const c = table?.columns.indexOf(column) ?? -1;
  return r < 0 || c < 0 ? undefined : table?.cells[r][c];
}

function time(figures: ExactFigures, figure: string, bucket: string, row: string, column: string) {
  const table = figures.times.find((each) => each.figure === figure && each.bucket === bucket);
  const r = table?.rows.indexOf(row) ?? -1;
  const c = table?.columns.indexOf(column) ?? -1;
  return r < 0 || c < 0 ? undefined : table?.cells[r][c];
}

/** A history with known answers: month boundaries, a reopening, a revocation, an expiry, an error. */
function history(): SyntheticLog {
  const log = new SyntheticLog();
  // r1: sent 31 January 23:00, received, accepted and contacted on 1 February; on hold and back (a reopening).
  log.send('2026-01-31T23:00:00.000Z', 'r1', police, advocacy, [
    ['received', '2026-02-01T01:00:00.000Z'],
    ['answered', '2026-02-01T01:30:00.000Z'],
    ['first_contact', '2026-02-01T05:00:00.000Z'],
  ]);
  log.move('2026-02-01T00:30:00.000Z', 'r1', 'received', 'receiver');
  log.move('2026-02-01T02:00:00.000Z', 'r1', 'accepted', 'receiver');
  log.move('2026-02-01T03:00:00.000Z', 'r1', 'in_progress', 'receiver');
  log.move('2026-02-01T04:00:00.000Z', 'r1', 'on_hold', 'receiver', 'waitlisted');
  log.move('2026-02-10T04:00:00.000Z', 'r1', 'in_progress', 'receiver');
  // r2: cancelled by the system when the survivor revoked the release.
  log.send('2026-01-10T10:00:00.000Z', 'r2', police, advocacy);
  log.move('2026-01-10T11:00:00.000Z', 'r2', 'cancelled', 'system', 'consent_revoked');
  // r3: nobody answered; expired by the sweep.
  log.send('2026-01-15T10:00:00.000Z', 'r3', police, advocacy, [
    ['received', '2026-01-15T11:00:00.000Z'],
    ['answered', '2026-01-15T14:00:00.000Z'],
  ]);
  log.move('2026-01-15T15:00:00.000Z', 'r3', 'cancelled', 'system', 'expired_no_response');
  // r4: rejected for capacity after 30 minutes, in February.
  log.send('2026-02-02T09:00:00.000Z', 'r4', police, advocacy);
  log.move('2026-02-02T09:30:00.000Z', 'r4', 'rejected', 'receiver', 'no_capacity');
  // r5: still open, its only deadline long past.
  log.send('2026-02-03T09:00:00.000Z', 'r5', police, advocacy, [['received', '2026-02-04T09:00:00.000Z']]);
  // r6: entered in error by the sender: in no figure.
  log.send('2026-02-05T09:00:00.000Z', 'r6', police, advocacy);
  log.move('2026-02-05T09:10:00.000Z', 'r6', 'entered_in_error', 'sender', 'entered_in_error');
  // r7: sent before the period: not in it.
  log.send('2025-12-20T09:00:00.000Z', 'r7', police, advocacy);
  // Releases: c1 expires on 20 January; c2 is revoked before its end.
  const actor = { principal: 'a', agency: advocacy.agency, roles: ['advocate'] };
  log.add('consent_recorded', '2026-01-05T10:00:00.000Z', { actor, basis: { kind: 'consent', consent: 'c1', version: 1 }, detail: { validUntil: '2026-01-20T00:00:00.000Z' } });
  log.add('consent_recorded', '2026-01-06T10:00:00.000Z', { actor, basis: { kind: 'consent', consent: 'c2', version: 1 }, detail: { validUntil: '2026-01-25T00:00:00.000Z' } });
  log.add('consent_revoked', '2026-01-07T10:00:00.000Z', { actor, basis: { kind: 'consent', consent: 'c2', version: 1 } });
  // Refusals, mandates, flags.
  const policeActor = { principal: 'b', agency: police.agency, roles: ['agency_worker'] };
  log.add('denied', '2026-01-08T10:00:00.000Z', { actor: policeActor, outcome: 'denied', reason: 'no_consent' });
  log.add('denied', '2026-01-09T10:00:00.000Z', { actor: policeActor, outcome: 'denied', reason: 'no_consent' });
  log.add('denied', '2026-02-09T10:00:00.000Z', { actor: policeActor, outcome: 'denied', reason: 'consent_revoked' });
  log.add('mandate_registered', '2026-03-01T10:00:00.000Z', { actor, basis: { kind: 'mandate', mandate: 'm1' }, detail: { basis: 'court_order', survivorNotification: 'delayed' } });
  log.add('mandate_updated', '2026-03-02T10:00:00.000Z', { actor, basis: { kind: 'mandate', mandate: 'm1' }, detail: { survivorNotification: 'notified' } });
  log.add('mandate_updated', '2026-03-03T10:00:00.000Z', { actor, basis: { kind: 'mandate', mandate: 'm1' }, detail: { survivorNotification: 'notified' } });
  log.add('disclosure', '2026-03-04T10:00:00.000Z', { discloser: advocacy.agency, basis: { kind: 'mandate', mandate: 'm1' } });
  log.add('high_risk_flag_set', '2026-03-05T10:00:00.000Z', { actor, case: 'x', detail: { reason: 'escalation' } });
  log.add('high_risk_flag_cleared', '2026-03-06T10:00:00.000Z', { actor, case: 'x', detail: { reason: null } });
  log.add('ledger_read', '2026-03-20T00:00:00.000Z');
  return log;
}

/** A referral between two other agencies: in the CCR's figures, never in the advocacy program's own. */
function otherAgencyReferral(): SyntheticLog {
  const log = new SyntheticLog();
  log.send('2026-01-12T10:00:00.000Z', 'o1', police, { agency: 'health-1', kind: 'health' });
  return log;
}

describe('computeFigures on a synthetic history with known answers', () => {
  const log = history();
  const figures = computeFigures(log.entries, params);

  it('names its version, tree size and the time of the last entry', () => {
    expect(figures.definitions).toBe(DEFINITIONS_VERSION);
    expect(figures.treeSize).toBe(log.entries.length);
    expect(figures.asOf).toBe('2026-03-20T00:00:00.000Z');
  });

  it('counts a referral in the month it was sent, however late its steps', () => {
    expect(cell(figures, 'referrals', '2026-01', PAIR, 'accepted')).toBe(1);
    expect(cell(figures, 'referrals', '2026-02', PAIR, 'accepted')).toBe(0);
  });

  it('sorts each referral into exactly one answer', () => {
    expect(cell(figures, 'referrals', '2026-01', PAIR, 'cancelled:consent_revoked')).toBe(1);
    expect(cell(figures, 'referrals', '2026-01', PAIR, 'expired_no_response')).toBe(1);
    expect(cell(figures, 'referrals', '2026-02', PAIR, 'rejected:no_capacity')).toBe(1);
    expect(cell(figures, 'referrals', '2026-02', PAIR, 'open_past_deadline')).toBe(1);
    const january = figures.counts.find((table) => table.figure === 'referrals' && table.bucket === '2026-01');
    expect(january?.cells[0].reduce((a, b) => a + b, 0)).toBe(3);
    const february = figures.counts.find((table) => table.figure === 'referrals' && table.bucket === '2026-02');
    // r4 and r5; r6 was entered in error and r7 is before the period.
    expect(february?.cells[0].reduce((a, b) => a + b, 0)).toBe(2);
    expect(figures.counts.some((table) => table.figure === 'referrals' && table.bucket === '2025-12')).toBe(false);
  });

  it('times each step from the referral to its first arrival, a reopening keeping the first', () => {
    expect(time(figures, 'referral_times', '2026-01', PAIR, 'to_received')).toEqual({ n: 1, median: 90, p90: 90 });
    expect(time(figures, 'referral_times', '2026-01', PAIR, 'to_accepted')).toEqual({ n: 1, median: 180, p90: 180 });
    expect(time(figures, 'referral_times', '2026-01', PAIR, 'to_first_contact')).toEqual({ n: 1, median: 240, p90: 240 });
    expect(time(figures, 'referral_times', '2026-02', PAIR, 'to_received')).toEqual({ n: 1, median: 30, p90: 30 });
    expect(time(figures, 'referral_times', '2026-02', PAIR, 'to_accepted')).toBeNull();
  });

  it('measures each handoff step against its agreed deadline', () => {
    const row = (referralFrom: string, step: string) => `agreement-1@1|${referralFrom}>${advocacy.agency}|${step}`;
    expect(cell(figures, 'handoffs', '2026-01', row(police.agency, 'received'), 'in_time')).toBe(1);
    expect(cell(figures, 'handoffs', '2026-01', row(police.agency, 'received'), 'missed')).toBe(1);
    expect(cell(figures, 'handoffs', '2026-01', row(police.agency, 'answered'), 'late')).toBe(1);
    expect(cell(figures, 'handoffs', '2026-01', row(police.agency, 'answered'), 'missed')).toBe(1);
    expect(cell(figures, 'handoffs', '2026-01', row(police.agency, 'first_contact'), 'in_time')).toBe(1);
    expect(cell(figures, 'handoffs', '2026-02', row(police.agency, 'received'), 'missed')).toBe(1);
    expect(time(figures, 'handoff_times', '2026-01', `agreement-1@1|${police.agency}>${advocacy.agency}`, 'answered')).toEqual({ n: 1, median: 180, p90: 180 });
  });

  it('counts releases recorded, revoked and expired, an early revocation not expiring', () => {
    expect(cell(figures, 'releases', '2026-01', 'advocacy', 'recorded')).toBe(2);
    expect(cell(figures, 'releases', '2026-01', 'advocacy', 'revoked')).toBe(1);
    expect(cell(figures, 'releases', '2026-01', 'advocacy', 'expired')).toBe(1);
  });

  it('counts refusals by reason, mandates used and notice given once per mandate, flags by reason', () => {
    expect(cell(figures, 'refusals', '2026-01', 'law_enforcement', 'no_consent')).toBe(2);
    expect(cell(figures, 'refusals', '2026-02', 'law_enforcement', 'consent_revoked')).toBe(1);
    expect(cell(figures, 'mandates', '2026-03', 'advocacy', 'registered:court_order')).toBe(1);
    expect(cell(figures, 'mandates', '2026-03', 'advocacy', 'used')).toBe(1);
    expect(cell(figures, 'mandates', '2026-03', 'advocacy', 'notice_given')).toBe(1);
    expect(cell(figures, 'mandates', '2026-03', 'advocacy', 'notice_delayed_or_withheld')).toBe(1);
    expect(cell(figures, 'high_risk', '2026-03', 'advocacy', 'set:escalation')).toBe(1);
    expect(cell(figures, 'high_risk', '2026-03', 'advocacy', 'cleared')).toBe(1);
  });

  it('groups by quarter when asked, and under unknown an agency no entry gives a kind', () => {
    const quarterly = computeFigures(log.entries, { ...params, bucket: 'quarter' });
    expect(cell(quarterly, 'referrals', '2026-Q1', PAIR, 'accepted')).toBe(1);
    const stranger = new SyntheticLog();
    stranger.add('denied', '2026-01-08T10:00:00.000Z', { actor: { principal: 'z', agency: 'nobody', roles: [] }, reason: 'no_consent' });
    expect(cell(computeFigures(stranger.entries, params), 'refusals', '2026-01', 'unknown', 'no_consent')).toBe(1);
  });

  it('gives one agency its own figures: its referrals and acts only, itself named in the rows', () => {
    const own = computeFigures([...log.entries, ...otherAgencyReferral().entries], { ...params, agency: advocacy.agency });
    const mine = `law_enforcement>agency:${advocacy.agency}`;
    expect(cell(own, 'referrals', '2026-01', mine, 'accepted')).toBe(1);
    expect(own.counts.filter((table) => table.figure === 'referrals').flatMap((table) => table.rows)).toEqual([mine, mine]);
    expect(cell(own, 'releases', '2026-01', `agency:${advocacy.agency}`, 'recorded')).toBe(2);
    // The police's refusals are not the advocacy program's.
    expect(own.counts.some((table) => table.figure === 'refusals')).toBe(false);
    expect(own.parameters.agency).toBe(advocacy.agency);
  });

  it('is the same figures whatever else is in the log before the period', () => {
    const again = computeFigures(history().entries, params);
    expect(again).toEqual(figures);
  });
});

describe('nearest-rank percentiles', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [Array.from({ length: 20 }, (_, i) => i + 1), 0.9, 18],
    [[7], 0.9, 7],
    [[3, 9], 0.5, 3],
  ])('%j at %d is %d', (values, p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });
});
