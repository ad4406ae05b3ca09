import fc from 'fast-check';
import { CcrUsageError } from '../errors';
import { DANGER_ASSESSMENT_V1, DASH_V1, INSTRUMENTS, LAP_V1 } from './definitions';
import type { DangerWeightTable, InstrumentId, ScreenAnswer, ScreenInput } from './instrument-types';
import { bandRank, scoreScreen } from './scoring';

/** Answers with "yes" at the given 1-based question numbers, "no" elsewhere. */
function yesAt(count: number, numbers: number[]): ScreenAnswer[] {
  return Array.from({ length: count }, (_, index) => (numbers.includes(index + 1) ? 'yes' : 'no'));
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** A made-up table for tests only: the real weights come with the certification. */
const TABLE: DangerWeightTable = {
  id: 'test-table',
  version: 1,
  weights: { 2: 4, 3: 3 },
  levels: [
    { minScore: 0, level: 'low', highRisk: false },
    { minScore: 8, level: 'elevated', highRisk: false },
    { minScore: 14, level: 'severe', highRisk: true },
    { minScore: 18, level: 'extreme', highRisk: true },
  ],
};

describe('the registered instruments', () => {
  it.each([
    ['lap', 11],
    ['dash', 24],
    ['danger_assessment', 20],
  ])('%s has %i questions, numbered from 1 without gaps', (id, count) => {
    const definition = INSTRUMENTS.find((each) => each.id === id);
    expect(definition?.questions.map((q) => q.number)).toEqual(range(1, count));
    expect(definition?.questions.every((q) => q.text.trim().length > 0)).toBe(true);
  });

  it('lists each (instrument, version) once', () => {
    const keys = INSTRUMENTS.map((each) => `${each.id}@${each.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('cannot be edited at run time: a definition is frozen', () => {
    expect(Object.isFrozen(LAP_V1)).toBe(true);
    expect(Object.isFrozen(LAP_V1.questions[0])).toBe(true);
    expect(() => {
      (DASH_V1.questions as unknown as { text: string }[])[0].text = 'changed';
    }).toThrow(TypeError);
  });
});

describe('Lethality Assessment Program rule', () => {
  it.each<[string, number[], boolean, string]>([
    ['no yes', [], false, 'not_screened_in'],
    ['yes to question 1 alone', [1], false, 'screened_in_protocol'],
    ['yes to question 2 alone', [2], false, 'screened_in_protocol'],
    ['yes to question 3 alone', [3], false, 'screened_in_protocol'],
    ['3 yes among 4–11', [4, 5, 6], false, 'not_screened_in'],
    ['4 yes among 4–11', [4, 5, 6, 7], false, 'screened_in_protocol'],
    ['3 yes at the end of 4–11', [9, 10, 11], false, 'not_screened_in'],
    ['4 yes at the end of 4–11', [8, 9, 10, 11], false, 'screened_in_protocol'],
    ['all 8 of 4–11', range(4, 11), false, 'screened_in_protocol'],
    ['officer belief with no yes', [], true, 'screened_in_officer_belief'],
    ['officer belief with 3 of 4–11', [4, 5, 6], true, 'screened_in_officer_belief'],
    ['officer belief and the protocol', [2], true, 'screened_in_protocol'],
  ])('%s → %s', (_label, numbers, officerBelief, band) => {
    const result = scoreScreen({ instrument: 'lap', answers: yesAt(11, numbers), officerBelief });
    expect(result.band).toBe(band);
    expect(result.highRisk).toBe(band !== 'not_screened_in');
    expect(result.yesCount).toBe(numbers.length);
  });

  it('gives both reasons when the protocol and the officer both screen in', () => {
    expect(scoreScreen({ instrument: 'lap', answers: yesAt(11, [1]), officerBelief: true }).reasons).toEqual(['lap_protocol', 'lap_officer_belief']);
  });

  it('never counts "unknown" as yes', () => {
    const answers: ScreenAnswer[] = [...yesAt(11, [4, 5, 6])];
    answers[0] = 'unknown';
    answers[10] = 'unknown';
    expect(scoreScreen({ instrument: 'lap', answers }).band).toBe('not_screened_in');
  });
});

describe('SafeLives DASH rule', () => {
  it.each<[number, string, boolean]>([
    [0, 'standard', false],
    [9, 'standard', false],
    [10, 'medium', false],
    [13, 'medium', false],
    [14, 'high', true],
    [24, 'high', true],
  ])('%i yes → %s', (count, band, highRisk) => {
    const result = scoreScreen({ instrument: 'dash', answers: yesAt(24, range(1, count)) });
    expect(result).toMatchObject({ band, highRisk, yesCount: count, reasons: highRisk ? ['dash_visible_high_risk'] : [] });
  });

  it('keeps professional judgement apart from the count', () => {
    const result = scoreScreen({ instrument: 'dash', answers: yesAt(24, range(1, 5)), professionalJudgement: true });
    expect(result).toMatchObject({ band: 'standard', highRisk: true, reasons: ['professional_judgement'] });
  });

  it.each<[number, boolean]>([
    [2, false],
    [3, true],
  ])('escalation: %i police-reported incidents in 12 months → high risk %s', (incidents, highRisk) => {
    const result = scoreScreen({ instrument: 'dash', answers: yesAt(24, []), policeIncidentsIn12Months: incidents });
    expect(result.highRisk).toBe(highRisk);
    expect(result.reasons).toEqual(highRisk ? ['potential_escalation'] : []);
  });

  it('names every reason that applies, in a fixed order', () => {
    const result = scoreScreen({ instrument: 'dash', answers: yesAt(24, range(1, 14)), professionalJudgement: true, policeIncidentsIn12Months: 4 });
    expect(result.reasons).toEqual(['dash_visible_high_risk', 'professional_judgement', 'potential_escalation']);
  });

  it('refuses a count of incidents that is not a whole number', () => {
    expect(() => scoreScreen({ instrument: 'dash', answers: yesAt(24, []), policeIncidentsIn12Months: 2.5 })).toThrow(CcrUsageError);
  });
});

describe('Danger Assessment', () => {
  it('without a table gives the raw count and no level', () => {
    const result = scoreScreen({ instrument: 'danger_assessment', answers: yesAt(20, range(1, 19)) });
    expect(result).toEqual({ instrument: 'danger_assessment', version: DANGER_ASSESSMENT_V1.version, band: 'unweighted', yesCount: 19, reasons: [], highRisk: false });
  });

  it.each<[number[], number, string]>([
    [range(4, 10), 7, 'low'],
    [[2, 4, 5, 6], 7, 'low'],
    [[2, 4, 5, 6, 7], 8, 'elevated'],
    [[2, 3, 4, 5, 6, 7, 8, 9], 13, 'elevated'],
    [[2, 3, 4, 5, 6, 7, 8, 9, 10], 14, 'severe'],
    [[2, 3, ...range(4, 16)], 20, 'extreme'],
  ])('with a table: yes to %j scores %i → %s', (numbers, score, level) => {
    const result = scoreScreen({ instrument: 'danger_assessment', answers: yesAt(20, numbers), weightTable: TABLE });
    expect(result).toMatchObject({ band: level, weightedScore: score, yesCount: numbers.length, weightTable: { id: 'test-table', version: 1 } });
    expect(result.highRisk).toBe(level === 'severe' || level === 'extreme');
  });

  it.each<[string, Partial<DangerWeightTable>]>([
    ['a negative weight', { weights: { 2: -1 } }],
    ['a weight for item 21', { weights: { 21: 2 } }],
    ['levels out of order', { levels: [{ minScore: 0, level: 'a', highRisk: false }, { minScore: 10, level: 'b', highRisk: false }, { minScore: 5, level: 'c', highRisk: false }] }],
    ['no level at 0', { levels: [{ minScore: 3, level: 'a', highRisk: false }] }],
    ['a lower-risk level above a high-risk one', { levels: [{ minScore: 0, level: 'a', highRisk: true }, { minScore: 5, level: 'b', highRisk: false }] }],
  ])('refuses a table with %s', (_label, change) => {
    expect(() => scoreScreen({ instrument: 'danger_assessment', answers: yesAt(20, []), weightTable: { ...TABLE, ...change } })).toThrow(CcrUsageError);
  });
});

describe('input the rule cannot score', () => {
  it.each<[string, ScreenInput]>([
    ['too few answers', { instrument: 'lap', answers: yesAt(10, []) }],
    ['too many answers', { instrument: 'dash', answers: yesAt(25, []) }],
    ['an answer outside the vocabulary', { instrument: 'lap', answers: [...yesAt(10, []), 'maybe' as ScreenAnswer] }],
    ['an unknown version', { instrument: 'lap', version: 99, answers: yesAt(11, []) }],
    ['an unknown instrument', { instrument: 'odara' as InstrumentId, answers: [] }],
  ])('refuses %s', (_label, input) => {
    expect(() => scoreScreen(input)).toThrow(CcrUsageError);
  });
});

describe('properties', () => {
  const answer = fc.constantFrom<ScreenAnswer>('yes', 'no', 'unknown');
  const cases: [InstrumentId, number, DangerWeightTable | undefined][] = [
    ['lap', 11, undefined],
    ['dash', 24, undefined],
    ['danger_assessment', 20, undefined],
    ['danger_assessment', 20, TABLE],
  ];

  it.each(cases)('%s: turning any answer into "yes" never lowers the band, drops a reason or the count', (instrument, count, weightTable) => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: count, maxLength: count }), fc.nat({ max: count - 1 }), fc.boolean(), fc.boolean(), fc.nat({ max: 5 }), (answers, at, officerBelief, professionalJudgement, incidents) => {
        const judgement = { officerBelief, professionalJudgement, policeIncidentsIn12Months: incidents };
        const before = scoreScreen({ instrument, answers, weightTable, ...judgement });
        const after = scoreScreen({ instrument, answers: answers.map((each, index) => (index === at ? 'yes' : each)), weightTable, ...judgement });
        expect(bandRank(after, weightTable)).toBeGreaterThanOrEqual(bandRank(before, weightTable));
        expect(after.yesCount).toBeGreaterThanOrEqual(before.yesCount);
        expect(before.reasons.every((reason) => after.reasons.includes(reason))).toBe(true);
        expect(!before.highRisk || after.highRisk).toBe(true);
      }),
    );
  });

  it('the officer\'s belief or professional judgement never lowers a band', () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 24, maxLength: 24 }), (answers) => {
        const dash = (professionalJudgement: boolean) => scoreScreen({ instrument: 'dash', answers, professionalJudgement });
        const lap = (officerBelief: boolean) => scoreScreen({ instrument: 'lap', answers: answers.slice(0, 11), officerBelief });
        expect(bandRank(dash(true))).toBeGreaterThanOrEqual(bandRank(dash(false)));
        expect(bandRank(lap(true))).toBeGreaterThanOrEqual(bandRank(lap(false)));
        expect(lap(true).highRisk && dash(true).highRisk).toBe(true);
      }),
    );
  });

  it('high risk exactly when a reason is given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.array(answer, { minLength: 24, maxLength: 24 }), fc.boolean(), (chosen, answers, judgement) => {
        const [instrument, count, weightTable] = chosen;
        const result = scoreScreen({ instrument, answers: answers.slice(0, count), weightTable, officerBelief: judgement, professionalJudgement: judgement });
        expect(result.highRisk).toBe(result.reasons.length > 0);
      }),
    );
  });
});
