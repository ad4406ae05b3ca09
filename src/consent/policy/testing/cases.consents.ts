import { byConsent, denied, type DecideCase } from './decide-case';
import { ADVOCACY, CLINIC, OTHER_CASE, POLICE, PROSECUTOR, SCHOOL, TREATMENT, at, consent, days, request } from './policy-fixtures';

const fromPolice = { custodianAgencyId: POLICE, recipientAgencyId: ADVOCACY } as const;
const policeToAdvocacy = { discloserAgencyId: POLICE, recipientAgencyId: ADVOCACY } as const;

export const consentCases: readonly DecideCase[] = [
  { name: 'an active written consent covering the note permits', request: request(), consents: [consent()], expected: byConsent() },
  {
    name: 'an electronic written consent releases VAWA data',
    request: request(),
    consents: [consent({ captureMode: 'electronic_written' })],
    expected: byConsent(),
  },
  {
    name: 'a stated purpose equal to the consent\'s purpose permits',
    request: request({ purpose: 'prosecution_support' }),
    consents: [consent()],
    expected: byConsent(),
  },
  {
    name: 'a stated purpose the consent does not cover denies',
    request: request({ purpose: 'housing' }),
    consents: [consent()],
    expected: denied('purpose_not_covered'),
  },
  {
    name: 'an action the consent does not list denies',
    request: request({ action: 'receive_referral', category: 'referral' }),
    consents: [consent({ actions: ['receive_notes'] })],
    expected: denied('action_not_covered'),
  },
  {
    name: 'a note category the consent does not list denies',
    request: request({ category: 'children' }),
    consents: [consent()],
    expected: denied('category_not_covered'),
  },
  {
    name: 'a referral packet needs the action, not a listed note category',
    request: request({ action: 'receive_referral', category: 'referral' }),
    consents: [consent({ categories: [] })],
    expected: byConsent(),
  },
  {
    name: 'a revoked consent denies',
    request: request(),
    consents: [consent({ revokedAt: at(-days(1)) })],
    expected: denied('consent_revoked'),
  },
  {
    name: 'an expired consent denies',
    request: request(),
    consents: [consent({ validFrom: at(-days(90)), validUntil: at(-days(1)) })],
    expected: denied('consent_expired'),
  },
  {
    name: 'a not-yet-valid consent denies',
    request: request(),
    consents: [consent({ validFrom: at(days(1)) })],
    expected: denied('consent_not_yet_valid'),
  },
  {
    name: 'verbal consent never releases VAWA/FVPSA/VOCA data',
    request: request(),
    consents: [consent({ captureMode: 'verbal' })],
    expected: denied('verbal_consent_insufficient'),
  },
  {
    name: 'verbal consent never releases Part 2 (SUD treatment) data: 42 CFR 2.31 requires written consent',
    request: request({ discloserAgencyId: TREATMENT, category: 'substance_use' }),
    consents: [consent({ custodianAgencyId: TREATMENT, categories: ['substance_use'], captureMode: 'verbal' })],
    expected: denied('verbal_consent_insufficient'),
  },
  {
    name: 'verbal consent never releases FERPA education records: 34 CFR 99.30 requires signed written consent',
    request: request({ discloserAgencyId: SCHOOL, category: 'children' }),
    consents: [consent({ custodianAgencyId: SCHOOL, categories: ['children'], captureMode: 'verbal' })],
    expected: denied('verbal_consent_insufficient'),
  },
  {
    name: 'a capture mode outside the vocabulary never counts as written (fails closed)',
    request: request(),
    consents: [consent({ captureMode: 'scanned?' as never })],
    expected: denied('verbal_consent_insufficient'),
  },
  {
    name: 'verbal consent releases data of a criminal-justice discloser',
    request: request({ ...policeToAdvocacy, category: 'legal' }),
    consents: [consent({ ...fromPolice, captureMode: 'verbal' })],
    expected: byConsent(),
  },
  {
    name: 'verbal consent releases data of a HIPAA discloser (oral agreement, 164.512(c))',
    request: request({ discloserAgencyId: CLINIC, category: 'health' }),
    consents: [consent({ custodianAgencyId: CLINIC, categories: ['health'], captureMode: 'verbal' })],
    expected: byConsent(),
  },
  {
    name: 'a consent recorded on another case does not permit',
    request: request(),
    consents: [consent({ caseId: OTHER_CASE })],
    expected: denied('no_consent'),
  },
  {
    name: 'a consent to another recipient does not permit',
    request: request(),
    consents: [consent({ recipientAgencyId: PROSECUTOR })],
    expected: denied('no_consent'),
  },
  {
    name: 'a consent from another custodian does not permit',
    request: request(),
    consents: [consent({ custodianAgencyId: CLINIC })],
    expected: denied('no_consent'),
  },
  {
    name: 'a consent runs one way: police-to-advocacy does not let advocacy send notes to the police',
    request: request(),
    consents: [consent(fromPolice)],
    expected: denied('no_consent'),
  },
  { name: 'no consent at all denies', request: request(), expected: denied('no_consent') },
  {
    name: 'of several permitting consents the most recently recorded is the basis',
    request: request(),
    consents: [consent({ id: 'consent-old' }), consent({ id: 'consent-new', recordedAt: at(-days(2)) })],
    expected: byConsent('consent-new'),
  },
  {
    name: 'recorded at the same moment, the highest version is the basis',
    request: request(),
    consents: [consent({ id: 'consent-a', version: 3 }), consent({ id: 'consent-b', version: 4 })],
    expected: byConsent('consent-b', 4),
  },
  {
    name: 'recorded at the same moment with the same version, the smallest id is the basis',
    request: request(),
    consents: [consent({ id: 'consent-b' }), consent({ id: 'consent-a' })],
    expected: byConsent('consent-a'),
  },
  {
    name: 'a permitting consent wins over a newer failing one',
    request: request(),
    consents: [consent({ id: 'consent-old' }), consent({ id: 'consent-new', recordedAt: at(-days(1)), revokedAt: at(-1) })],
    expected: byConsent('consent-old'),
  },
  {
    name: 'a newer version that narrowed the categories no longer permits the dropped category',
    request: request({ category: 'legal' }),
    consents: [consent({ version: 2, categories: ['risk'] })],
    expected: denied('category_not_covered'),
  },
];
