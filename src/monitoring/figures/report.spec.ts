import { computeFigures } from './compute';
import { buildReport, canonicalFigures, releaseFigures } from './report';
import { SyntheticLog } from './synthetic-history';

const police = { agency: 'police-1', kind: 'law_enforcement' };
const advocacy = { agency: 'advocacy-1', kind: 'advocacy' };
const params = { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', bucket: 'quarter' as const, k: 5 };

function busyLog(referrals: number): SyntheticLog {
  const log = new SyntheticLog();
  for (let i = 0; i < referrals; i++) {
    const sent = new Date(Date.UTC(2026, 0, 2, 9, i)).toISOString();
    log.send(sent, `r${i}`, police, advocacy);
    log.move(new Date(Date.UTC(2026, 0, 2, 10, i * 2)).toISOString(), `r${i}`, 'accepted', 'receiver');
  }
  return log;
}

describe('a report of released figures', () => {
  it('suppresses times of fewer than k referrals and releases them from k on', () => {
    const few = releaseFigures(computeFigures(busyLog(4).entries, params));
    expect(few.times[0].cells[0][0]).toBeNull();
    const enough = releaseFigures(computeFigures(busyLog(5).entries, params));
    // Referral i waits 60 + i minutes: 60..64, median 62 and p90 64.
    expect(enough.times[0].cells[0][0]).toEqual({ n: 5, median: 62, p90: 64 });
  });

  it('adds noise only to the published copy and records the budget spent', () => {
    const exact = computeFigures(busyLog(20).entries, params);
    const report = buildReport(exact, 0.5, () => 3);
    expect(canonicalFigures(report.figures)).toBe(canonicalFigures(releaseFigures(exact)));
    expect(report.published.counts[0].total).toBe((report.figures.counts[0].total as number) + 3);
    expect(report.noise).toEqual({ mechanism: 'discrete_laplace', sensitivity: 1, epsilonPerTable: 0.5, tables: report.figures.counts.length, totalEpsilon: 0.5 * report.figures.counts.length });
    expect(buildReport(exact, null).noise).toBeNull();
  });
});
