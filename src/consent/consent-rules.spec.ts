import { INFORMED_CONSENT_ITEMS } from './consent.vocabulary';
import { assessRelease, consentTermsProblems, type PartyView, type ReviewContext, type TermsUnderReview } from './consent-rules';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

const SHELTER = 'shelter';
const POLICE = 'police';
const CLINIC = 'clinic';
const SUSPENDED = 'suspended';
const COORDINATORS = 'coordinators';

const party = (id: string, overrides: Partial<PartyView> = {}): [string, PartyView] => [id, { id, regime: 'criminal_justice', status: 'active', coordinatingBody: false, ...overrides }];
const AGENCIES = new Map([
  party(SHELTER, { regime: 'vawa_fvpsa_voca' }),
  party(POLICE),
  party(CLINIC, { regime: 'hipaa' }),
  party(SUSPENDED, { status: 'suspended' }),
  party(COORDINATORS, { regime: 'none', coordinatingBody: true }),
]);

const context: ReviewContext = { now: NOW, maxDurationDays: 365, agencies: AGENCIES, requireActiveRecipient: true };

function terms(overrides: Partial<TermsUnderReview> = {}): TermsUnderReview {
  return {
    custodianAgencyId: SHELTER,
    recipientAgencyId: POLICE,
    categories: ['risk'],
    actions: ['receive_notes'],
    validFrom: at(-1),
    validUntil: at(90),
    captureMode: 'written_signature',
    interpreter: { used: false },
    informedConsent: [...INFORMED_CONSENT_ITEMS],
    denyAgencyIds: [],
    ...overrides,
  };
}

const fieldsOf = (input: TermsUnderReview, ctx: ReviewContext = context) => consentTermsProblems(input, ctx).map((problem) => problem.field);

describe('consentTermsProblems', () => {
  it('accepts a complete written release', () => {
    expect(consentTermsProblems(terms(), context)).toEqual([]);
  });

  it.each<[string, Partial<TermsUnderReview>, string[]]>([
    ['end before start', { validFrom: at(10), validUntil: at(5) }, ['validUntil']],
    ['end equal to start (an empty window)', { validFrom: at(5), validUntil: at(5) }, ['validUntil']],
    ['end already past', { validFrom: at(-30), validUntil: at(-1) }, ['validUntil']],
    ['end exactly now', { validFrom: at(-30), validUntil: NOW }, ['validUntil']],
    ['one ms past the policy maximum', { validFrom: at(0), validUntil: new Date(at(365).getTime() + 1) }, ['validUntil']],
    ['recipient is the custodian', { recipientAgencyId: SHELTER }, ['recipientAgencyId']],
    ['recipient unknown', { recipientAgencyId: 'nobody' }, ['recipientAgencyId']],
    ['recipient suspended', { recipientAgencyId: SUSPENDED }, ['recipientAgencyId']],
    ['recipient is the coordinating body', { recipientAgencyId: COORDINATORS }, ['recipientAgencyId']],
    ['notes without a category', { categories: [] }, ['categories']],
    ['categories without notes', { actions: ['receive_referral'] }, ['categories']],
    ['interpreter described though none was used', { interpreter: { used: false, qualified: true } }, ['interpreter']],
    ['interpreter used, nothing said about them', { interpreter: { used: true } }, ['interpreter.qualified', 'interpreter.affiliation', 'interpreter.notFamilyOrPersonCausingHarm']],
    ['interpreter who may be family', { interpreter: { used: true, qualified: false, affiliation: 'volunteer', notFamilyOrPersonCausingHarm: false } }, ['interpreter.notFamilyOrPersonCausingHarm']],
    ['a checklist item missing', { informedConsent: INFORMED_CONSENT_ITEMS.slice(1) }, ['informedConsent']],
    ['deny provision for an unknown agency', { denyAgencyIds: ['nobody'] }, ['denyAgencyIds']],
    ['deny provision for the recipient', { denyAgencyIds: [POLICE] }, ['denyAgencyIds']],
    ['deny provision for the custodian', { denyAgencyIds: [SHELTER] }, ['denyAgencyIds']],
  ])('%s', (_name, overrides, fields) => {
    expect(fieldsOf(terms(overrides))).toEqual(fields);
  });

  it('accepts exactly the policy maximum', () => {
    expect(fieldsOf(terms({ validFrom: at(0), validUntil: at(365) }))).toEqual([]);
  });

  it('accepts a qualified interpreter attested not to be family, and a release that starts later', () => {
    const interpreter = { used: true, qualified: true, affiliation: 'professional' as const, notFamilyOrPersonCausingHarm: true };
    expect(fieldsOf(terms({ interpreter, validFrom: at(3), validUntil: at(30) }))).toEqual([]);
  });

  it('lets an amendment keep a recipient that has since been suspended (it may only protect)', () => {
    expect(fieldsOf(terms({ recipientAgencyId: SUSPENDED }), { ...context, requireActiveRecipient: false })).toEqual([]);
  });

  it('reports every failing field at once', () => {
    expect(fieldsOf(terms({ recipientAgencyId: SHELTER, validUntil: at(-2), categories: [], informedConsent: [] }))).toEqual(['recipientAgencyId', 'validUntil', 'categories', 'informedConsent']);
  });

  it('fails closed on invalid dates', () => {
    expect(fieldsOf(terms({ validUntil: new Date(Number.NaN) }))).toEqual(['validUntil']);
  });
});

describe('assessRelease', () => {
  const base = { captureMode: 'written_signature' as const, actions: ['receive_notes' as const], custodianRegime: 'vawa_fvpsa_voca' as const, recipientRegime: 'criminal_justice' as const, excludedBySurvivor: false };

  it('a written release releases data, without warnings', () => {
    expect(assessRelease(base)).toEqual({ releasesData: true, warnings: [] });
  });

  it('a verbal release of a VAWA/FVPSA/VOCA custodian releases nothing forward, and says so', () => {
    const assessment = assessRelease({ ...base, captureMode: 'verbal' });
    expect(assessment.releasesData).toBe(false);
    expect(assessment.warnings.map((warning) => warning.code)).toEqual(['verbal_consent_releases_nothing']);
  });

  it('a verbal release still allows a share-back from a recipient whose regime accepts oral agreement', () => {
    const assessment = assessRelease({ ...base, captureMode: 'verbal', actions: ['receive_notes', 'share_status_back'] });
    expect(assessment.releasesData).toBe(true);
    expect(assessment.warnings[0].message).toContain('receive_notes');
    expect(assessment.warnings[0].message).not.toContain('share_status_back');
  });

  it('a verbal release of a HIPAA custodian releases data', () => {
    expect(assessRelease({ ...base, captureMode: 'verbal', custodianRegime: 'hipaa' })).toEqual({ releasesData: true, warnings: [] });
  });

  it('a release to an excluded recipient releases nothing, whatever its form', () => {
    const assessment = assessRelease({ ...base, excludedBySurvivor: true });
    expect(assessment).toMatchObject({ releasesData: false, warnings: [{ code: 'recipient_excluded_by_survivor' }] });
  });
});
