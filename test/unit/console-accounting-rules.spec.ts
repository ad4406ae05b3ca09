import { type AccountingEntryView, alreadyDisclosed, partiesOf, wordedKind } from '../../console/src/api/accounting-rules';

const ADVOCACY = { id: 'advocacy', name: 'Harbor Advocacy Center' };
const PROBATION = { id: 'probation', name: 'County Probation Office' };

function entry(overrides: Partial<AccountingEntryView>): AccountingEntryView {
  return { index: 1, caseSeq: 1, time: '2026-12-06T10:00:00.000Z', kind: 'disclosure', actorAgency: PROBATION, discloser: ADVOCACY, recipient: PROBATION, categories: [{ code: 'safety_plan' }], purpose: { code: 'safety_planning' }, basis: { kind: 'consent', consentId: 'k1', consentVersion: 1, compelled: false }, outcome: 'permitted', ...overrides };
}

describe("the survivor's accounting rules (console)", () => {
  it('what revocation cannot recall: permitted disclosures to that recipient under that release only', () => {
    const entries = [
      entry({ index: 10 }),
      entry({ index: 11, outcome: 'denied' }),
      entry({ index: 12, basis: { kind: 'consent', consentId: 'other', consentVersion: 1, compelled: false } }),
      entry({ index: 13, recipient: ADVOCACY }),
      entry({ index: 14, kind: 'access' }),
      entry({ index: 15, categories: [{ code: 'risk' }, { code: 'legal' }], time: '2026-12-07T10:00:00.000Z' }),
    ];
    expect(alreadyDisclosed({ entries }, 'k1', 'probation')).toEqual([
      { index: 10, time: '2026-12-06T10:00:00.000Z', categories: ['safety_plan'] },
      { index: 15, time: '2026-12-07T10:00:00.000Z', categories: ['risk', 'legal'] },
    ]);
    expect(alreadyDisclosed({ entries }, 'k2', 'probation')).toEqual([]);
  });

  it('names who took part: discloser to recipient, else the acting agency', () => {
    expect(partiesOf(entry({}))).toEqual({ from: 'Harbor Advocacy Center', to: 'County Probation Office' });
    expect(partiesOf(entry({ kind: 'consent_recorded', discloser: null, recipient: null, actorAgency: ADVOCACY }))).toEqual({ from: 'Harbor Advocacy Center', to: null });
    expect(partiesOf(entry({ discloser: null, recipient: null, actorAgency: null }))).toEqual({ from: '—', to: null });
  });

  it('words known kinds and calls any other kind other record-keeping', () => {
    expect(wordedKind('consent_revoked')).toBe('consent_revoked');
    expect(wordedKind('log_key_transition')).toBe('other');
  });
});
