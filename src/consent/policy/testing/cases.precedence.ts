import { denied, type DecideCase } from './decide-case';
import { POLICE, PROSECUTOR, at, consent, days, mandate, request } from './policy-fixtures';

/** Candidates that each fail for one reason; rows pair them to show which reason is reported. */
const verbal = consent({ id: 'c-verbal', captureMode: 'verbal' });
const pending = consent({ id: 'c-pending', validFrom: at(days(1)) });
const revoked = consent({ id: 'c-revoked', revokedAt: at(-days(1)) });
const expired = consent({ id: 'c-expired', validUntil: at(-days(1)) });
const wrongPurpose = consent({ id: 'c-purpose', purpose: 'housing' });
const wrongCategory = consent({ id: 'c-category', categories: ['children'] });
const wrongAction = consent({ id: 'c-action', actions: ['receive_referral'] });
const statute = mandate({ recipientAgencyId: POLICE, basis: 'statute', categories: ['risk'] });
const withPurpose = request({ purpose: 'prosecution_support' });

export const precedenceCases: readonly DecideCase[] = [
  { name: 'rule 7: verbal-insufficient beats not-yet-valid', request: withPurpose, consents: [pending, verbal], expected: denied('verbal_consent_insufficient') },
  { name: 'rule 7: not-yet-valid beats revoked', request: withPurpose, consents: [revoked, pending], expected: denied('consent_not_yet_valid') },
  { name: 'rule 7: revoked beats expired', request: withPurpose, consents: [expired, revoked], expected: denied('consent_revoked') },
  {
    name: 'rule 7: expired beats court-order-required',
    request: withPurpose,
    consents: [expired],
    mandates: [statute],
    expected: denied('consent_expired'),
  },
  {
    name: 'rule 7: court-order-required beats purpose-not-covered',
    request: withPurpose,
    consents: [wrongPurpose],
    mandates: [statute],
    expected: denied('court_order_required'),
  },
  { name: 'rule 7: purpose beats category', request: withPurpose, consents: [wrongCategory, wrongPurpose], expected: denied('purpose_not_covered') },
  { name: 'rule 7: category beats action', request: withPurpose, consents: [wrongAction, wrongCategory], expected: denied('category_not_covered') },
  {
    name: 'rule 7: scope is checked before status (a revoked consent that never covered the action)',
    request: withPurpose,
    consents: [{ ...wrongAction, revokedAt: at(-days(1)) }],
    expected: denied('action_not_covered'),
  },
  {
    name: 'rule 7: status is checked before capture mode (an expired verbal consent)',
    request: withPurpose,
    consents: [{ ...verbal, validUntil: at(-1) }],
    expected: denied('consent_expired'),
  },
  {
    name: 'rule 7: with every consent failure present, verbal-insufficient is reported',
    request: withPurpose,
    consents: [verbal, wrongAction, revoked, expired, wrongCategory, pending, wrongPurpose],
    expected: denied('verbal_consent_insufficient'),
  },
  {
    name: 'rule 7: a non-candidate consent adds no reason (another recipient\'s revoked release)',
    request: withPurpose,
    consents: [{ ...revoked, recipientAgencyId: PROSECUTOR }],
    expected: denied('no_consent'),
  },
];
