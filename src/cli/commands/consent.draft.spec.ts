import { INFORMED_CONSENT_ITEMS } from '../../consent/consent.vocabulary';
import { draftProblems, REQUIRED_TERMS, type TermsDraft, TermsInvalid } from './consent.draft';

const complete: TermsDraft = {
  recipientAgencyId: '9f1d0000-0000-4000-8000-000000000001',
  actions: ['receive_notes'],
  categories: ['risk'],
  purpose: 'advocacy_services',
  validUntil: '2027-02-28',
  captureMode: 'written_signature',
  language: 'es-MX',
  interpreter: { used: false },
  informedConsent: [...INFORMED_CONSENT_ITEMS],
};

describe('draftProblems: every problem of the release terms at once, named by flag', () => {
  it('finds nothing wrong with complete terms in any time form', () => {
    expect(draftProblems(complete, REQUIRED_TERMS)).toEqual([]);
    expect(draftProblems({ ...complete, validFrom: '2026-12-01T09:00:00+01:00', validUntil: '2027-02-28T00:00:00.000Z' }, REQUIRED_TERMS)).toEqual([]);
  });

  it('names each missing, unknown or malformed term by its flag, all in one answer', () => {
    const { purpose: _p, captureMode: _c, ...partial } = complete;
    const problems = draftProblems({ ...partial, recipientAgencyId: 'ABC', actions: ['receive_notes', 'gossip'], validUntil: '2027-02-30', informedConsent: ['alternatives_discussed'] }, REQUIRED_TERMS, ['validuntil']);
    expect(problems.map((problem) => problem.flag)).toEqual(['--terms', '--to', '--actions', '--purpose', '--until', '--capture', '--informed']);
    expect(problems.find((problem) => problem.flag === '--actions')?.message).toContain('"gossip" is not among the actions');
    expect(problems.find((problem) => problem.flag === '--purpose')?.message).toBe('missing (required)');
    expect(problems.find((problem) => problem.flag === '--informed')?.message).toContain('missing: recipient_use_and_risks_explained, not_a_condition_of_service');
    expect(problems.find((problem) => problem.flag === '--terms')?.message).toContain('"validuntil" is not a field of the terms');
  });

  it("applies the server's rules across terms: categories only with receive_notes, the interpreter attested", () => {
    const problems = draftProblems({ ...complete, actions: ['receive_referral'], interpreter: { used: true, qualified: true } }, REQUIRED_TERMS);
    expect(problems).toEqual([
      { flag: '--categories', message: 'categories apply only to receive_notes, which this release does not allow' },
      { flag: '--interpreter-affiliation', message: "state the interpreter's affiliation" },
      { flag: '--interpreter-not-family', message: 'the interpreter must not be family, a child or the person causing harm, and this must be attested' },
    ]);
  });

  it('requires nothing of an amendment, but still checks what it changes', () => {
    expect(draftProblems({}, [])).toEqual([]);
    expect(draftProblems({ validUntil: 'soon' }, [])).toEqual([{ flag: '--until', message: expect.stringContaining('"soon" is not a date') }]);
  });

  it('says how many problems there are and lists each under its flag', () => {
    const error = new TermsInvalid([
      { flag: '--to', message: 'missing (required)' },
      { flag: '--until', message: 'missing (required)' },
    ]);
    expect(error.message).toBe('the release terms have 2 problems; nothing was signed or sent:\n  --to: missing (required)\n  --until: missing (required)');
  });
});
