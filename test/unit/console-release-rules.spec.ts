import { changesOf, draftOf, emptyForm, formOfRelease, formProblems, type ReleaseForm, termsOf, toggled } from '../../console/src/api/release-rules';
import type { ConsentRecord } from '../../src/sdk/browser';
import { INFORMED_CONSENT_ITEMS } from '../../src/sdk/browser';

const NOW = new Date('2026-12-06T12:00:00Z');
const PROBATION = '0d1c3f9e-0000-4000-8000-000000000003';
const POLICE = '0d1c3f9e-0000-4000-8000-000000000001';

function complete(overrides: Partial<ReleaseForm> = {}): ReleaseForm {
  return {
    ...emptyForm(NOW, 'es-MX'),
    recipientAgencyId: PROBATION,
    actions: ['receive_referral', 'receive_notes'],
    categories: ['safety_plan'],
    purpose: 'safety_planning',
    validUntil: '2027-03-01',
    captureMode: 'written_signature',
    interpreterUsed: false,
    informedConsent: [...INFORMED_CONSENT_ITEMS],
    denyAgencyIds: [POLICE],
    ...overrides,
  };
}

function release(): ConsentRecord {
  const version = {
    version: 2,
    categories: ['safety_plan' as const],
    actions: ['receive_notes' as const],
    purpose: 'safety_planning' as const,
    validFrom: '2026-12-06T09:30:00.000Z',
    validUntil: '2027-03-01T00:00:00.000Z',
    captureMode: 'verbal' as const,
    language: 'en',
    interpreter: { used: true, qualified: true, affiliation: 'professional' as const, notFamilyOrPersonCausingHarm: true },
    informedConsent: [...INFORMED_CONSENT_ITEMS],
    denyAgencyIds: [],
    releaseDocumentSha256: null,
    termsRecordId: null,
    recordedByPrincipalId: 'p',
    recordedAt: '2026-12-06T09:30:00.000Z',
    signerEpoch: 1,
    signature: 's',
  };
  return { id: 'c1', caseId: 'case', custodianAgencyId: 'a', recipientAgencyId: PROBATION, status: 'active', releasesData: true, currentVersion: 2, current: version, versions: [version], revocation: null, warnings: [], createdAt: version.recordedAt };
}

describe('the release form rules (console)', () => {
  it('an empty form names every required question, in the order of the form', () => {
    expect(formProblems(emptyForm(NOW, 'en'))).toEqual(['recipientAgencyId', 'actions', 'purpose', 'validUntil', 'captureMode', 'interpreter', 'informedConsent']);
  });

  it('a complete form has no problem and gives the terms the SDK signs, words only when given', () => {
    const form = complete();
    expect(formProblems(form)).toEqual([]);
    expect(termsOf(form)).toEqual({
      recipientAgencyId: PROBATION,
      actions: ['receive_referral', 'receive_notes'],
      categories: ['safety_plan'],
      purpose: 'safety_planning',
      validFrom: '2026-12-06',
      validUntil: '2027-03-01',
      captureMode: 'written_signature',
      language: 'es-MX',
      interpreter: { used: false },
      informedConsent: [...INFORMED_CONSENT_ITEMS],
      denyAgencyIds: [POLICE],
    });
    expect(termsOf(complete({ survivorWords: 'her words' })).survivorWords).toBe('her words');
  });

  it('applies the rules ccrx applies: categories only with notes, the whole checklist, the interpreter attested', () => {
    expect(formProblems(complete({ actions: ['receive_notes'], categories: [] }))).toEqual(['categories']);
    expect(formProblems(complete({ actions: ['receive_referral'], categories: ['risk'] }))).toEqual(['categories']);
    expect(formProblems(complete({ informedConsent: INFORMED_CONSENT_ITEMS.slice(1) }))).toEqual(['informedConsent']);
    expect(formProblems(complete({ interpreterUsed: true, interpreterQualified: true, interpreterAffiliation: 'professional', interpreterNotFamily: false }))).toEqual(['interpreter']);
    expect(formProblems(complete({ interpreterUsed: true, interpreterQualified: true, interpreterAffiliation: 'professional', interpreterNotFamily: true }))).toEqual([]);
    expect(formProblems(complete({ language: 'not a tag' }))).toEqual(['language']);
  });

  it('refuses an end before the start and the recipient on its own deny list', () => {
    expect(formProblems(complete({ validUntil: '2026-12-01' }))).toEqual(['validUntil']);
    expect(formProblems(complete({ denyAgencyIds: [PROBATION] }))).toEqual(['denyAgencyIds']);
  });

  it('an unanswered question is missing from the draft, not empty', () => {
    const draft = draftOf(emptyForm(NOW, 'en'));
    expect(draft.recipientAgencyId).toBeUndefined();
    expect(draft.actions).toBeUndefined();
    expect(draft.interpreter).toBeUndefined();
  });

  it('an amendment starts from the current version and keeps the exact times of days left as they were', () => {
    const consent = release();
    const form = formOfRelease(consent);
    expect(form).toMatchObject({ validFrom: '2026-12-06', interpreterUsed: true, interpreterAffiliation: 'professional', captureMode: 'verbal', survivorWords: '' });
    const unchanged = changesOf(form, consent);
    expect(unchanged).toMatchObject({ validFrom: '2026-12-06T09:30:00.000Z', validUntil: '2027-03-01T00:00:00.000Z', expectedVersion: 2 });
    expect('recipientAgencyId' in unchanged).toBe(false);
    expect(changesOf({ ...form, validUntil: '2027-01-15' }, consent).validUntil).toBe('2027-01-15');
  });

  it('toggles a choice on and off without duplicates', () => {
    expect(toggled(['a'], 'a', true)).toEqual(['a']);
    expect(toggled(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
  });
});
