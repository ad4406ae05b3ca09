import { agencyFormProblem, agencyKeysOffer, usualRegime } from '../../console/src/api/onboard-rules';
import { AGENCY_KINDS, CONFIDENTIALITY_REGIMES } from '../../src/sdk/browser';

describe('onboarding an agency from the console: the rules', () => {
  it('checks a new agency as CreateAgencyDto does', () => {
    const good = { name: 'Eastside Health Clinic', kind: 'health', regime: 'hipaa' };
    expect(agencyFormProblem(good)).toBeNull();
    expect(agencyFormProblem({ ...good, name: ' E ' })).toBe('name');
    expect(agencyFormProblem({ ...good, name: 'x'.repeat(201) })).toBe('name');
    expect(agencyFormProblem({ ...good, name: 'Two\nlines' })).toBe('name');
    expect(agencyFormProblem({ ...good, kind: '' })).toBe('kind');
    expect(agencyFormProblem({ ...good, kind: 'police' })).toBe('kind');
    expect(agencyFormProblem({ ...good, regime: '' })).toBe('regime');
  });

  it('suggests the usual regime of a kind, and none where the kind does not tell', () => {
    expect(usualRegime('advocacy')).toBe('vawa_fvpsa_voca');
    expect(usualRegime('health')).toBe('hipaa');
    expect(usualRegime('school')).toBe('ferpa');
    expect(usualRegime('probation')).toBe('criminal_justice');
    expect(usualRegime('faith')).toBe('');
    expect(AGENCY_KINDS.map(usualRegime).filter((regime) => regime !== '' && !(CONFIDENTIALITY_REGIMES as readonly string[]).includes(regime))).toEqual([]);
  });

  it('offers an agency’s first keys only to a person with open keys, not a member, whose agency lists no epoch', () => {
    const first = { hasKeys: true, keysOpen: true, isMember: false, agencyEpoch: null };
    expect(agencyKeysOffer(first)).toBe('make-first');
    expect(agencyKeysOffer({ ...first, keysOpen: false })).toBe('unlock-first');
    expect(agencyKeysOffer({ ...first, agencyEpoch: 1 })).toBe('wait');
    expect(agencyKeysOffer({ ...first, isMember: true, agencyEpoch: 1 })).toBe('member');
    expect(agencyKeysOffer({ ...first, hasKeys: false })).toBe('none');
    // Until the directory answered, nothing is offered: a person of an agency with keys must never be invited to make new ones.
    expect(agencyKeysOffer({ ...first, agencyEpoch: undefined })).toBe('none');
  });
});
