import { byConsent, denied, type DecideCase } from './decide-case';
import { ADVOCACY, CLINIC, OTHER_CASE, POLICE, PROSECUTOR, at, consent, days, mandate, request } from './policy-fixtures';

/** "Never to the police", written in a release to the clinic. */
const neverPolice = consent({ id: 'consent-clinic', recipientAgencyId: CLINIC, denyAgencyIds: [POLICE] });

export const denyProvisionCases: readonly DecideCase[] = [
  {
    name: 'a deny provision in another release of the case overrides an active permit',
    request: request(),
    consents: [consent(), neverPolice],
    expected: denied('recipient_excluded_by_survivor'),
  },
  {
    name: 'a deny provision in the permitting release itself overrides its permit',
    request: request(),
    consents: [consent({ denyAgencyIds: [POLICE] })],
    expected: denied('recipient_excluded_by_survivor'),
  },
  {
    name: 'a deny provision in a revoked release still denies',
    request: request(),
    consents: [consent(), { ...neverPolice, revokedAt: at(-days(2)) }],
    expected: denied('recipient_excluded_by_survivor'),
  },
  {
    name: 'a deny provision in an expired release still denies',
    request: request(),
    consents: [consent(), { ...neverPolice, validFrom: at(-days(400)), validUntil: at(-days(35)) }],
    expected: denied('recipient_excluded_by_survivor'),
  },
  {
    name: 'a deny provision in a not-yet-valid release already denies',
    request: request(),
    consents: [consent(), { ...neverPolice, validFrom: at(days(5)), validUntil: at(days(90)) }],
    expected: denied('recipient_excluded_by_survivor'),
  },
  {
    name: 'a deny provision in a verbal release still denies (protection needs no signature)',
    request: request(),
    consents: [consent(), { ...neverPolice, captureMode: 'verbal' }],
    expected: denied('recipient_excluded_by_survivor'),
  },
  {
    name: 'a deny provision blocks a court order',
    request: request({ recipientAgencyId: PROSECUTOR, category: 'legal' }),
    consents: [consent({ denyAgencyIds: [PROSECUTOR] })],
    mandates: [mandate()],
    expected: denied('recipient_excluded_by_survivor'),
  },
  {
    name: 'a deny provision blocks a statutory mandate',
    request: request({ discloserAgencyId: POLICE, recipientAgencyId: PROSECUTOR, category: 'legal' }),
    consents: [consent({ custodianAgencyId: POLICE, recipientAgencyId: CLINIC, denyAgencyIds: [PROSECUTOR] })],
    mandates: [mandate({ custodianAgencyId: POLICE, basis: 'statute' })],
    expected: denied('recipient_excluded_by_survivor'),
  },
  {
    name: 'a deny provision blocks share-back to the referrer it names',
    request: request({ discloserAgencyId: POLICE, recipientAgencyId: ADVOCACY, action: 'share_status_back', category: 'referral' }),
    consents: [consent({ actions: ['receive_referral', 'share_status_back'], denyAgencyIds: [ADVOCACY] })],
    expected: denied('recipient_excluded_by_survivor'),
  },
  {
    name: 'a deny provision recorded on another case does not bind this case',
    request: request(),
    consents: [consent(), { ...neverPolice, caseId: OTHER_CASE }],
    expected: byConsent(),
  },
  {
    name: 'a deny provision naming another agency does not deny this recipient',
    request: request(),
    consents: [consent({ denyAgencyIds: [PROSECUTOR] })],
    expected: byConsent(),
  },
  {
    name: 'an amendment that removes the deny provision lifts it (current version only counts)',
    request: request(),
    consents: [consent(), { ...neverPolice, version: 2, denyAgencyIds: [] }],
    expected: byConsent(),
  },
  {
    name: 'a deny provision is reported before a failing consent',
    request: request(),
    consents: [consent({ revokedAt: at(-days(1)), denyAgencyIds: [POLICE] })],
    expected: denied('recipient_excluded_by_survivor'),
  },
];
