import { byConsent, byMandate, denied, type DecideCase } from './decide-case';
import { ADVOCACY, CLINIC, OTHER_CASE, POLICE, PROSECUTOR, SCHOOL, TREATMENT, at, consent, days, mandate, request } from './policy-fixtures';

/** The advocacy program (VAWA) is compelled to give its legal notes to the prosecutor. */
const vawaRequest = request({ recipientAgencyId: PROSECUTOR, category: 'legal' });
/** The police (criminal justice) is compelled to give its legal notes to the prosecutor. */
const policeRequest = request({ discloserAgencyId: POLICE, recipientAgencyId: PROSECUTOR, category: 'legal' });
const policeMandate = (overrides: Parameters<typeof mandate>[0] = {}) => mandate({ custodianAgencyId: POLICE, ...overrides });

export const mandateCases: readonly DecideCase[] = [
  { name: 'a court order releases VAWA data without consent', request: vawaRequest, mandates: [mandate()], expected: byMandate() },
  {
    name: 'a statute never releases VAWA data',
    request: vawaRequest,
    mandates: [mandate({ basis: 'statute' })],
    expected: denied('court_order_required'),
  },
  {
    name: 'a statute releases data of a non-VAWA (criminal justice) discloser',
    request: policeRequest,
    mandates: [policeMandate({ basis: 'statute' })],
    expected: byMandate('mandate-1', 'statutory_mandate'),
  },
  {
    name: 'a court order releases data of a non-VAWA discloser',
    request: policeRequest,
    mandates: [policeMandate()],
    expected: byMandate(),
  },
  {
    name: 'a statute releases data of a HIPAA discloser (required-by-law disclosures)',
    request: request({ discloserAgencyId: CLINIC, recipientAgencyId: PROSECUTOR, category: 'health' }),
    mandates: [mandate({ custodianAgencyId: CLINIC, basis: 'statute', categories: ['health'] })],
    expected: byMandate('mandate-1', 'statutory_mandate'),
  },
  {
    name: 'a statute never releases Part 2 (SUD treatment) records: only a court order (42 CFR 2.61-2.67)',
    request: request({ discloserAgencyId: TREATMENT, recipientAgencyId: PROSECUTOR, category: 'substance_use' }),
    mandates: [mandate({ custodianAgencyId: TREATMENT, basis: 'statute', categories: ['substance_use'] })],
    expected: denied('court_order_required'),
  },
  {
    name: 'a court order releases Part 2 records',
    request: request({ discloserAgencyId: TREATMENT, recipientAgencyId: PROSECUTOR, category: 'substance_use' }),
    mandates: [mandate({ custodianAgencyId: TREATMENT, categories: ['substance_use'] })],
    expected: byMandate(),
  },
  {
    name: 'a statute releases data of a FERPA discloser',
    request: request({ discloserAgencyId: SCHOOL, recipientAgencyId: PROSECUTOR, category: 'children' }),
    mandates: [mandate({ custodianAgencyId: SCHOOL, basis: 'statute', categories: ['children'] })],
    expected: byMandate('mandate-1', 'statutory_mandate'),
  },
  {
    name: 'a court order beside a statute releases VAWA data on the court order',
    request: vawaRequest,
    mandates: [mandate({ id: 'mandate-statute', basis: 'statute' }), mandate({ id: 'mandate-order' })],
    expected: byMandate('mandate-order'),
  },
  {
    name: 'a court order is preferred over a newer statute for a non-VAWA discloser',
    request: policeRequest,
    mandates: [policeMandate({ id: 'mandate-statute', basis: 'statute', validFrom: at(-1) }), policeMandate({ id: 'mandate-order' })],
    expected: byMandate('mandate-order'),
  },
  {
    name: 'of two court orders the one in force most recently is the basis',
    request: vawaRequest,
    mandates: [mandate({ id: 'mandate-a', validFrom: at(-days(9)) }), mandate({ id: 'mandate-b', validFrom: at(-days(2)) })],
    expected: byMandate('mandate-b'),
  },
  {
    name: 'of two court orders starting together the smallest id is the basis',
    request: vawaRequest,
    mandates: [mandate({ id: 'mandate-b' }), mandate({ id: 'mandate-a' })],
    expected: byMandate('mandate-a'),
  },
  {
    name: 'a mandate basis outside the vocabulary never permits (fails closed)',
    request: policeRequest,
    mandates: [policeMandate({ basis: 'subpoena' as never })],
    expected: denied('no_consent'),
  },
  {
    name: 'a mandate not covering the category denies',
    request: request({ recipientAgencyId: PROSECUTOR, category: 'risk' }),
    mandates: [mandate()],
    expected: denied('no_consent'),
  },
  { name: 'a mandate on another case denies', request: vawaRequest, mandates: [mandate({ caseId: OTHER_CASE })], expected: denied('no_consent') },
  {
    name: 'a mandate for another recipient denies',
    request: vawaRequest,
    mandates: [mandate({ recipientAgencyId: POLICE })],
    expected: denied('no_consent'),
  },
  {
    name: 'a mandate on another custodian denies',
    request: vawaRequest,
    mandates: [mandate({ custodianAgencyId: CLINIC })],
    expected: denied('no_consent'),
  },
  {
    name: 'a withdrawn court order denies',
    request: vawaRequest,
    mandates: [mandate({ withdrawnAt: at(-days(1)) })],
    expected: denied('no_consent'),
  },
  {
    name: 'a withdrawn statute against VAWA data is simply absent (no court-order reason)',
    request: vawaRequest,
    mandates: [mandate({ basis: 'statute', withdrawnAt: at(-1) })],
    expected: denied('no_consent'),
  },
  {
    name: 'court order required is named even beside an expired court order',
    request: vawaRequest,
    mandates: [mandate({ basis: 'statute' }), mandate({ id: 'mandate-old-order', validUntil: at(-1) })],
    expected: denied('court_order_required'),
  },
  {
    name: 'a consent that permits is the basis even when a court order also does',
    request: vawaRequest,
    consents: [consent({ recipientAgencyId: PROSECUTOR, categories: ['legal'] })],
    mandates: [mandate()],
    expected: byConsent(),
  },
  {
    name: 'a court order permits when the consent was revoked',
    request: vawaRequest,
    consents: [consent({ recipientAgencyId: PROSECUTOR, categories: ['legal'], revokedAt: at(-days(1)) })],
    mandates: [mandate()],
    expected: byMandate(),
  },
  {
    name: 'a mandate is not consulted for internal access (the custodian needs none)',
    request: request({ recipientAgencyId: ADVOCACY, category: 'legal' }),
    mandates: [mandate({ recipientAgencyId: ADVOCACY, basis: 'statute' })],
    expected: { decision: 'permit', reason: 'internal_access', basis: { kind: 'custodian' } },
  },
];
