import { byConsent, denied, type DecideCase } from './decide-case';
import { ADVOCACY, CLINIC, POLICE, at, consent, days, mandate, request } from './policy-fixtures';

/**
 * The advocacy program referred the survivor to the clinic under a release recorded on its own
 * case; the clinic now reports back. The request names the referrer's case and the clinic as
 * discloser; the consent names the advocacy program as custodian and the clinic as recipient.
 */
const referral = consent({
  recipientAgencyId: CLINIC,
  categories: [],
  actions: ['receive_referral', 'share_status_back', 'share_content_back'],
  purpose: 'health_care',
});
const statusBack = request({ discloserAgencyId: CLINIC, recipientAgencyId: ADVOCACY, action: 'share_status_back', category: 'referral' });
const outcomeBack = { ...statusBack, action: 'share_content_back', category: 'outcome' } as const;

/** The police referred the survivor to the advocacy program, a VAWA discloser, on a verbal release. */
const policeReferral = consent({
  custodianAgencyId: POLICE,
  recipientAgencyId: ADVOCACY,
  actions: ['receive_referral', 'share_status_back'],
  captureMode: 'verbal',
});

export const shareBackCases: readonly DecideCase[] = [
  { name: 'share-back: status back to the referrer under the referral consent', request: statusBack, consents: [referral], expected: byConsent() },
  { name: 'share-back: outcome back to the referrer under the referral consent', request: outcomeBack, consents: [referral], expected: byConsent() },
  {
    name: 'share-back: status permission does not extend to content (C-15)',
    request: outcomeBack,
    consents: [{ ...referral, actions: ['receive_referral', 'share_status_back'] }],
    expected: denied('action_not_covered'),
  },
  {
    name: 'share-back: a referral consent without share-back gives the referrer nothing',
    request: statusBack,
    consents: [{ ...referral, actions: ['receive_referral'] }],
    expected: denied('action_not_covered'),
  },
  {
    name: 'share-back: a consent in the forward direction (clinic as custodian) does not cover it',
    request: statusBack,
    consents: [{ ...referral, custodianAgencyId: CLINIC, recipientAgencyId: ADVOCACY }],
    expected: denied('no_consent'),
  },
  {
    name: 'share-back: only the consent\'s recipient may share back, not another agency',
    request: { ...statusBack, discloserAgencyId: POLICE },
    consents: [referral],
    expected: denied('no_consent'),
  },
  {
    name: 'share-back: a share-back action in a consent does not let the referrer send notes forward',
    request: request({ recipientAgencyId: CLINIC, category: 'risk' }),
    consents: [{ ...referral, actions: ['share_status_back', 'share_content_back'], categories: ['risk'] }],
    expected: denied('action_not_covered'),
  },
  {
    name: 'share-back: a stated purpose must match the referral consent',
    request: { ...statusBack, purpose: 'housing' },
    consents: [referral],
    expected: denied('purpose_not_covered'),
  },
  {
    name: 'share-back: ends when the referral consent is revoked',
    request: statusBack,
    consents: [{ ...referral, revokedAt: at(-days(1)) }],
    expected: denied('consent_revoked'),
  },
  {
    name: 'share-back: a VAWA program does not share back on a verbal release',
    request: request({ discloserAgencyId: ADVOCACY, recipientAgencyId: POLICE, action: 'share_status_back', category: 'referral' }),
    consents: [policeReferral],
    expected: denied('verbal_consent_insufficient'),
  },
  {
    name: 'share-back: a HIPAA clinic may share back on a verbal release',
    request: statusBack,
    consents: [{ ...referral, captureMode: 'verbal' }],
    expected: byConsent(),
  },
  {
    name: 'share-back: a mandate never stands in for the share-back consent',
    request: outcomeBack,
    mandates: [mandate({ custodianAgencyId: CLINIC, recipientAgencyId: ADVOCACY, categories: ['outcome', 'referral'] })],
    expected: denied('no_consent'),
  },
];
