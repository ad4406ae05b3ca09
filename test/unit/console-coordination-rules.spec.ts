import { currentVersion, businessTime, sortAgreements, standing, stepRows } from '../../console/src/api/agreement-rules';
import { horizontalBars, trendLine } from '../../console/src/api/chart-layout';
import { crackBars, defaultPeriod, handoffCracks, latestBucket, parseHandoffRow, referralCracks, totalTrend, trendChartKind, trendSummary } from '../../console/src/api/monitoring-rules';
import {
  acceptsContributions,
  actionsOf,
  chairedTeams,
  chosenTeam,
  contributionCases,
  contributionReaders,
  isActionOverdue,
  nextMeeting,
  readersNow,
  statusChangeProblem,
  statusChoices,
  trackerRows,
} from '../../console/src/api/team-rules';
import type { Agreement, AgreementVersion, MonitoringCountTable, MonitoringFigures, RiskAction } from '../../src/sdk/browser';

const NOW = new Date('2026-12-06T12:00:00Z');

function version(overrides: Partial<AgreementVersion> = {}): AgreementVersion {
  return {
    version: 1,
    status: 'in_force',
    terms: {
      v: 1,
      parties: ['advocacy', 'police'],
      calendar: { timeZone: 'America/Chicago', days: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00', holidays: [] },
      handoffs: [
        {
          from: { agencyId: 'police', agencyKind: null },
          to: { agencyId: null, agencyKind: 'advocacy' },
          purpose: 'advocacy_services',
          priority: 'urgent',
          steps: [
            { step: 'received', withinMinutes: 60 },
            { step: 'answered', withinMinutes: 270 },
          ],
          escalateTo: { agencyId: 'advocacy', role: 'duty_supervisor' },
        },
      ],
    },
    proposedByAgencyId: 'police',
    proposedAt: '2026-12-01T00:00:00Z',
    inForceAt: '2026-12-01T01:00:00Z',
    supersededAt: null,
    signatures: [],
    awaiting: [],
    ...overrides,
  };
}

function agreement(id: string, versions: AgreementVersion[]): Agreement {
  return { id, latestVersion: versions.length, inForceVersion: null, versions };
}

describe('agreement rules (console)', () => {
  it('puts a proposal awaiting this agency before the one in force, and tells awaiting others apart', () => {
    const inForce = agreement('a', [version()]);
    const mine = agreement('b', [version({ status: 'proposed', awaiting: ['advocacy'], proposedAt: '2026-11-01T00:00:00Z' })]);
    const theirs = agreement('c', [version({ status: 'proposed', awaiting: ['police'] })]);
    expect(standing(mine, 'advocacy')).toBe('awaiting_you');
    expect(standing(theirs, 'advocacy')).toBe('awaiting_others');
    expect(standing(inForce, 'advocacy')).toBe('in_force');
    expect(sortAgreements([inForce, theirs, mine], 'advocacy').map((each) => each.id)).toEqual(['b', 'c', 'a']);
  });

  it('shows the proposal of a new version over the one still in force, and lists each step', () => {
    const both = agreement('a', [version(), version({ version: 2, status: 'proposed', awaiting: ['police'] })]);
    expect(currentVersion(both).version).toBe(2);
    expect(standing(agreement('x', [version({ status: 'superseded' })]), 'police')).toBe('ended');
    expect(stepRows(version()).map((row) => [row.step, row.withinMinutes])).toEqual([
      ['received', 60],
      ['answered', 270],
    ]);
    expect(businessTime(270)).toEqual({ hours: 4, minutes: 30 });
  });
});

function action(overrides: Partial<RiskAction>): RiskAction {
  return { id: 'a', meetingId: 'm', referralId: 'r', ownerAgencyId: 'police', noteId: 'n', dueAt: '2026-12-07T00:00:00Z', status: 'open', notDoneReason: null, overdueAt: null, overdue: false, createdAt: '2026-12-01T00:00:00Z', ...overrides };
}

describe('high-risk team rules (console)', () => {
  it('prepares the earliest meeting not yet held, else the latest held', () => {
    const past = { id: 'p', heldAt: '2026-12-01T10:00:00Z' };
    const later = { id: 'l', heldAt: '2026-12-20T10:00:00Z' };
    const sooner = { id: 's', heldAt: '2026-12-13T10:00:00Z' };
    expect(nextMeeting([past, later, sooner], NOW)?.id).toBe('s');
    expect(nextMeeting([past, { id: 'q', heldAt: '2026-11-01T10:00:00Z' }], NOW)?.id).toBe('p');
    expect(nextMeeting([], NOW)).toBeNull();
  });

  it('is overdue only while open and past due, at the edge too', () => {
    expect(isActionOverdue(action({ dueAt: '2026-12-06T11:59:59Z' }), NOW)).toBe(true);
    expect(isActionOverdue(action({ dueAt: '2026-12-06T12:00:00Z' }), NOW)).toBe(false);
    expect(isActionOverdue(action({ dueAt: '2026-12-01T00:00:00Z', status: 'done' }), NOW)).toBe(false);
    expect(isActionOverdue(action({ dueAt: '2026-12-01T00:00:00Z', status: 'not_done' }), NOW)).toBe(false);
  });

  it('tracks overdue first, then open by due date, then closed; a member sees its own only', () => {
    const rows = trackerRows(
      [
        action({ id: 'done', status: 'done', dueAt: '2026-12-02T00:00:00Z' }),
        action({ id: 'later', dueAt: '2026-12-20T00:00:00Z', ownerAgencyId: 'probation' }),
        action({ id: 'late', dueAt: '2026-12-05T00:00:00Z', ownerAgencyId: 'probation' }),
        action({ id: 'soon', dueAt: '2026-12-08T00:00:00Z' }),
      ],
      NOW,
    );
    expect(rows.map((row) => [row.action.id, row.overdue])).toEqual([
      ['late', true],
      ['soon', false],
      ['later', false],
      ['done', false],
    ]);
    expect(actionsOf(rows.map((row) => row.action), 'probation', NOW).map((row) => row.action.id)).toEqual(['late', 'later']);
  });
});

describe('high-risk team rules: chooser, status changes, contributions (console)', () => {
  const team = (id: string, name: string, chairAgencyId: string) => ({ id, name, chairAgencyId });

  it('lists the teams this agency chairs by name, and keeps the chosen one only while it still chairs it', () => {
    const teams = [team('t1', 'Riverside High Risk Team', 'advocacy'), team('t2', 'Lakeside Review Team', 'advocacy'), team('t3', 'Another', 'police')];
    const chaired = chairedTeams(teams, 'advocacy');
    expect(chaired.map((each) => each.id)).toEqual(['t2', 't1']);
    expect(chosenTeam(chaired, null)?.id).toBe('t2');
    expect(chosenTeam(chaired, 't1')?.id).toBe('t1');
    // A team it no longer chairs (or another agency's) falls back to the first by name.
    expect(chosenTeam(chaired, 't3')?.id).toBe('t2');
    expect(chosenTeam(chairedTeams(teams, 'probation'), 't1')).toBeNull();
  });

  it('lets only the owner change an action, never to the status it has, and "not done" only with a reason', () => {
    const open = action({ ownerAgencyId: 'advocacy' });
    expect(statusChoices(open)).toEqual(['done', 'not_done']);
    expect(statusChoices(action({ status: 'done' }))).toEqual(['not_done']);
    expect(statusChoices(action({ status: 'not_done', notDoneReason: 'no_contact' }))).toEqual(['done']);
    expect(statusChangeProblem(open, 'advocacy', { status: 'done' })).toBeNull();
    expect(statusChangeProblem(open, 'advocacy', { status: 'not_done', reason: null })).toBe('reason_required');
    expect(statusChangeProblem(open, 'advocacy', { status: 'not_done', reason: 'survivor_declined' })).toBeNull();
    expect(statusChangeProblem(open, 'police', { status: 'done' })).toBe('not_owner');
    expect(statusChangeProblem(action({ ownerAgencyId: 'advocacy', status: 'done' }), 'advocacy', { status: 'done' })).toBe('unchanged');
  });

  it('takes contributions to a meeting this agency attends until a day after it is held, at the edge too', () => {
    const meeting = (heldAt: string) => ({ heldAt, attendeeAgencyIds: ['advocacy', 'police'] });
    expect(acceptsContributions(meeting('2026-12-13T10:00:00Z'), 'advocacy', NOW)).toBe(true);
    expect(acceptsContributions(meeting('2026-12-05T12:00:00Z'), 'advocacy', NOW)).toBe(true);
    expect(acceptsContributions(meeting('2026-12-05T11:59:59Z'), 'advocacy', NOW)).toBe(false);
    expect(acceptsContributions(meeting('2026-12-13T10:00:00Z'), 'probation', NOW)).toBe(false);
  });

  it('reaches the attending agencies a release covers; every other attending agency is left out with the reason, none without one', () => {
    const recipients = {
      grants: [
        { agencyId: 'police', basis: { kind: 'consent' as const, consentId: 'c1' } },
        { agencyId: 'shelter', basis: { kind: 'consent' as const, consentId: 'c2' } },
      ],
      excluded: [{ agencyId: 'prosecution', reason: 'verbal_consent_insufficient' as const }],
    } as unknown as Parameters<typeof contributionReaders>[0];
    const readers = contributionReaders(recipients, ['advocacy', 'police', 'prosecution', 'probation'], 'advocacy');
    // The shelter has a release but does not attend: it is neither a reader nor listed.
    expect(readers.readers).toEqual(['police']);
    expect(readers.leftOut).toEqual([
      { agencyId: 'prosecution', reason: 'verbal_consent_insufficient' },
      { agencyId: 'probation', reason: 'no_consent' },
    ]);
  });

  it('says who can read a contribution now and whose wrap is gone, this agency aside', () => {
    const recipients = [
      { agencyId: 'advocacy', basisKind: 'custodian' as const, basisId: null, canRead: true },
      { agencyId: 'police', basisKind: 'consent' as const, basisId: 'c1', canRead: true },
      { agencyId: 'probation', basisKind: 'consent' as const, basisId: 'c2', canRead: false },
    ];
    expect(readersNow({ recipients }, 'advocacy')).toEqual({ canRead: ['police'], noLonger: ['probation'] });
  });

  it('offers the referred case first, then cases opened from it, then the rest newest first', () => {
    const cases = [
      { id: 'old', linkedFromCaseId: null, createdAt: '2026-11-01T00:00:00Z' },
      { id: 'new', linkedFromCaseId: null, createdAt: '2026-12-01T00:00:00Z' },
      { id: 'linked', linkedFromCaseId: 'referred', createdAt: '2026-10-01T00:00:00Z' },
      { id: 'referred', linkedFromCaseId: null, createdAt: '2026-09-01T00:00:00Z' },
    ];
    expect(contributionCases(cases, 'referred')).toEqual([
      { caseId: 'referred', relation: 'referred' },
      { caseId: 'linked', relation: 'linked' },
      { caseId: 'new', relation: 'other' },
      { caseId: 'old', relation: 'other' },
    ]);
  });
});

function table(figure: string, bucket: string, rows: string[], columns: string[], cells: (number | null)[][], total: number | null): MonitoringCountTable {
  return { figure, bucket, rows, columns, cells, rowTotals: cells.map(() => null), columnTotals: columns.map(() => null), total };
}

function figures(counts: MonitoringCountTable[]): MonitoringFigures {
  return { definitions: 'ccr-monitoring/1', treeSize: 10, asOf: null, parameters: { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z', bucket: 'quarter', k: 5 }, counts, times: [] };
}

describe('monitoring rules (console)', () => {
  const handoffs = table(
    'handoffs',
    '2026-Q4',
    ['ag1@1|probation>police|received', 'ag1@1|probation>police|answered', 'ag1@1|police>advocacy|received'],
    ['in_time', 'late', 'missed', 'ended_before_due', 'pending'],
    [
      [5, null, null, 5, null],
      [null, 6, 7, null, null],
      [9, null, null, null, null],
    ],
    30,
  );
  const referrals = table(
    'referrals',
    '2026-Q4',
    ['law_enforcement>advocacy', 'probation>law_enforcement'],
    ['accepted', 'cancelled:consent_revoked', 'cancelled:consent_expired', 'expired_no_response', 'open_past_deadline'],
    [
      [12, null, null, 6, null],
      [5, 5, null, null, null],
    ],
    null,
  );

  it('reads handoff rows and puts the pair and step where most fell through first; hidden counts stay null', () => {
    expect(parseHandoffRow('ag1@1|probation>police|received')).toEqual({ agreementId: 'ag1', version: '1', fromAgencyId: 'probation', toAgencyId: 'police', step: 'received' });
    expect(parseHandoffRow('not a row')).toBeNull();
    const cracks = handoffCracks(figures([handoffs]), '2026-Q4');
    expect(cracks.map((row) => `${row.fromAgencyId}>${row.toAgencyId}|${row.step}`)).toEqual(['probation>police|answered', 'probation>police|received', 'police>advocacy|received']);
    expect(cracks[1]).toMatchObject({ inTime: 5, late: null, missed: null, endedBeforeDue: 5 });
  });

  it('separates expiry, revocation and running out per kind pair, never adding a hidden count', () => {
    const cracks = referralCracks(figures([referrals]), '2026-Q4');
    expect(cracks[0]).toMatchObject({ fromGroup: 'law_enforcement', toGroup: 'advocacy', expired: 6, revoked: null, releaseExpired: null });
    expect(cracks[1]).toMatchObject({ fromGroup: 'probation', toGroup: 'law_enforcement', revoked: 5, releaseExpired: null, openPastDeadline: null });
    const bars = crackBars(cracks, (row) => row.fromGroup, [{ label: 'revoked', value: (row) => row.revoked }]);
    expect(bars).toEqual([
      { label: 'law_enforcement: revoked', value: null },
      { label: 'probation: revoked', value: 5 },
    ]);
  });

  it('trends a figure by bucket (a bucket with no table counted nothing) and finds the latest bucket', () => {
    const earlier = table('referrals', '2026-Q3', ['a>b'], ['accepted'], [[null]], null);
    const shown = figures([handoffs, earlier, referrals]);
    // Every quarter of the period is on the axis, the first two with nothing counted.
    expect(totalTrend(shown, 'referrals')).toEqual([
      { bucket: '2026-Q1', value: 0 },
      { bucket: '2026-Q2', value: 0 },
      { bucket: '2026-Q3', value: null },
      { bucket: '2026-Q4', value: null },
    ]);
    expect(totalTrend(shown, 'handoffs')).toEqual([
      { bucket: '2026-Q1', value: 0 },
      { bucket: '2026-Q2', value: 0 },
      { bucket: '2026-Q3', value: 0 },
      { bucket: '2026-Q4', value: 30 },
    ]);
    const monthly = { ...shown, parameters: { ...shown.parameters, from: '2025-11-15T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', bucket: 'month' as const }, counts: [] };
    expect(totalTrend(monthly, 'referrals').map((point) => point.bucket)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(latestBucket(shown)).toBe('2026-Q4');
    expect(latestBucket(figures([]))).toBeNull();
  });

  it('defaults to the four quarters up to the end of the current one', () => {
    expect(defaultPeriod(NOW)).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(defaultPeriod(new Date('2026-02-10T00:00:00Z'))).toEqual({ from: '2025-04-01', to: '2026-04-01' });
  });
});

describe('bar chart layout (console)', () => {
  it('draws known counts to scale and a hidden count as a mark with no length', () => {
    const layout = horizontalBars(
      [
        { label: 'a', value: 10 },
        { label: 'b', value: null },
        { label: 'c', value: 5 },
      ],
      680,
    );
    const [a, b, c] = layout.bars;
    expect(a.kind).toBe('bar');
    expect(b.kind).toBe('hidden');
    expect(b).not.toHaveProperty('width');
    if (a.kind !== 'bar' || c.kind !== 'bar') throw new Error('bars expected');
    expect(c.width).toBeCloseTo(a.width / 2);
    expect(a.width).toBe(500);
    expect(layout.ticks.every((tick) => Number.isInteger(tick.value))).toBe(true);
    expect(c.y).toBeGreaterThan(b.y);
  });
});

describe('long trends as a line (console)', () => {
  const points = Array.from({ length: 12 }, (_, index) => ({ label: `2026-${String(index + 1).padStart(2, '0')}`, value: index === 5 ? null : (index + 1) * 2 }));

  it('draws a line from nine periods on, bars before', () => {
    expect(trendChartKind(8)).toBe('bars');
    expect(trendChartKind(9)).toBe('line');
  });

  it('breaks the line at a hidden count, marks it on the axis, and scales the rest', () => {
    const layout = trendLine(points, 760);
    // Two runs of defined points: d3-shape starts a new segment (M) after the gap.
    expect(layout.path.match(/M/g)).toHaveLength(2);
    const hidden = layout.points[5];
    expect(hidden.kind).toBe('hidden');
    expect(hidden.y).toBe(layout.axisY);
    const [first, second] = layout.points;
    if (first.kind !== 'point' || second.kind !== 'point') throw new Error('points expected');
    // Higher counts are higher up (a smaller y); periods go left to right.
    expect(second.y).toBeLessThan(first.y);
    expect(second.x).toBeGreaterThan(first.x);
    expect(layout.labels.length).toBeLessThanOrEqual(8);
    expect(layout.labels.at(-1)?.label).toBe('2026-12');
  });

  it('summarizes a trend in words from released counts only', () => {
    const summary = trendSummary(points.map((point) => ({ bucket: point.label, value: point.value })));
    expect(summary).toEqual({ first: { bucket: '2026-01', value: 2 }, last: { bucket: '2026-12', value: 24 }, highest: { bucket: '2026-12', value: 24 }, hidden: 1 });
    expect(trendSummary([{ bucket: '2026-01', value: null }])).toBeNull();
  });
});
