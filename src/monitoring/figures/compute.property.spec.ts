import fc from 'fast-check';
import { type FigureParameters } from './catalogue';
import { computeFigures } from './compute';
import { SyntheticLog } from './synthetic-history';

const police = { agency: 'police-1', kind: 'law_enforcement' };
const advocacy = { agency: 'advocacy-1', kind: 'advocacy' };
const params: FigureParameters = { from: '2026-01-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z', bucket: 'month', k: 5 };

/** A referral's life as the state machine allows it: some prefix of these moves. */
const LIVES: [string, 'receiver' | 'sender' | 'system', string | null][][] = [
  [],
  [['received', 'receiver', null]],
  [['received', 'receiver', null], ['accepted', 'receiver', null], ['in_progress', 'receiver', null], ['on_hold', 'receiver', 'waitlisted'], ['in_progress', 'receiver', null], ['completed', 'receiver', null]],
  [['rejected', 'receiver', 'no_capacity']],
  [['received', 'receiver', null], ['cancelled', 'system', 'consent_revoked']],
  [['cancelled', 'system', 'expired_no_response']],
  [['accepted', 'receiver', null], ['cancelled', 'sender', 'survivor_withdrew']],
  [['cancelled', 'sender', 'sent_to_wrong_agency'], ['entered_in_error', 'sender', 'entered_in_error']],
];

const referral = fc.record({
  day: fc.integer({ min: 0, max: 200 }),
  life: fc.integer({ min: 0, max: LIVES.length - 1 }),
  steps: fc.integer({ min: 0, max: 6 }),
  deadlineHours: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
});

describe('computeFigures, properties over random histories', () => {
  it('puts every referral sent in the period in exactly one answer and every timed step in exactly one handoff column', () => {
    fc.assert(
      fc.property(fc.array(referral, { maxLength: 30 }), (referrals) => {
        const log = new SyntheticLog();
        let expected = 0;
        let timedSteps = 0;
        referrals.forEach((each, index) => {
          const sent = Date.parse('2025-12-15T00:00:00.000Z') + each.day * 86_400_000;
          const deadlines: [string, string][] = each.deadlineHours === null ? [] : [['received', new Date(sent + each.deadlineHours * 3_600_000).toISOString()]];
          log.send(new Date(sent).toISOString(), `r${index}`, police, advocacy, deadlines);
          const moves = LIVES[each.life].slice(0, each.steps);
          moves.forEach(([to, side, reason], step) => log.move(new Date(sent + (step + 1) * 3_600_000).toISOString(), `r${index}`, to, side, reason));
          const inPeriod = sent >= Date.parse(params.from) && sent < Date.parse(params.to);
          const erroneous = moves.some(([to]) => to === 'entered_in_error');
          if (inPeriod && !erroneous) {
            expected += 1;
            timedSteps += deadlines.length;
          }
        });
        log.add('ledger_read', '2026-08-01T00:00:00.000Z');
        const figures = computeFigures(log.entries, params);
        const sum = (figure: string) => figures.counts.filter((table) => table.figure === figure).reduce((total, table) => total + table.cells.flat().reduce((a, b) => a + b, 0), 0);
        expect(sum('referrals')).toBe(expected);
        expect(sum('handoffs')).toBe(timedSteps);
        // The same entries always give the same figures.
        expect(computeFigures(log.entries, params)).toEqual(figures);
      }),
    );
  });
});
