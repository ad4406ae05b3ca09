import { byConsent, byMandate, denied, type DecideCase } from './decide-case';
import { PROSECUTOR, at, consent, days, mandate, request } from './policy-fixtures';

/** A consent valid from NOW until NOW + 10 days; rows move `now` around both edges. */
const window = consent({ validFrom: at(0), validUntil: at(days(10)) });
const end = days(10);
const orderRequest = request({ recipientAgencyId: PROSECUTOR, category: 'legal' });
const order = mandate({ validFrom: at(0), validUntil: at(end) });

export const timeCases: readonly DecideCase[] = [
  { name: 'consent: exactly validFrom permits (window is closed at the start)', request: request(), consents: [window], now: at(0), expected: byConsent() },
  { name: 'consent: 1 ms before validFrom is not yet valid', request: request(), consents: [window], now: at(-1), expected: denied('consent_not_yet_valid') },
  { name: 'consent: 1 ms after validFrom permits', request: request(), consents: [window], now: at(1), expected: byConsent() },
  { name: 'consent: 1 ms before validUntil permits', request: request(), consents: [window], now: at(end - 1), expected: byConsent() },
  { name: 'consent: exactly validUntil is expired (window is open at the end)', request: request(), consents: [window], now: at(end), expected: denied('consent_expired') },
  { name: 'consent: 1 ms after validUntil is expired', request: request(), consents: [window], now: at(end + 1), expected: denied('consent_expired') },
  {
    name: 'consent: revoked 1 ms ago denies',
    request: request(),
    consents: [{ ...window, revokedAt: at(days(1) - 1) }],
    now: at(days(1)),
    expected: denied('consent_revoked'),
  },
  {
    name: 'consent: a revocation stamped 1 ms after now (clock skew) already denies',
    request: request(),
    consents: [{ ...window, revokedAt: at(days(1) + 1) }],
    now: at(days(1)),
    expected: denied('consent_revoked'),
  },
  {
    name: 'consent: revoked and also expired reports the revocation',
    request: request(),
    consents: [{ ...window, revokedAt: at(days(1)) }],
    now: at(end + 1),
    expected: denied('consent_revoked'),
  },
  {
    name: 'consent: an invalid validUntil fails closed',
    request: request(),
    consents: [{ ...window, validUntil: new Date(Number.NaN) }],
    now: at(1),
    expected: denied('consent_expired'),
  },
  {
    name: 'consent: an invalid validFrom fails closed',
    request: request(),
    consents: [{ ...window, validFrom: new Date(Number.NaN) }],
    now: at(1),
    expected: denied('consent_not_yet_valid'),
  },
  { name: 'mandate: exactly validFrom permits', request: orderRequest, mandates: [order], now: at(0), expected: byMandate() },
  { name: 'mandate: 1 ms before validFrom is not in force', request: orderRequest, mandates: [order], now: at(-1), expected: denied('no_consent') },
  { name: 'mandate: 1 ms before validUntil permits', request: orderRequest, mandates: [order], now: at(end - 1), expected: byMandate() },
  { name: 'mandate: exactly validUntil is no longer in force', request: orderRequest, mandates: [order], now: at(end), expected: denied('no_consent') },
  { name: 'mandate: 1 ms after validUntil is no longer in force', request: orderRequest, mandates: [order], now: at(end + 1), expected: denied('no_consent') },
  {
    name: 'mandate: no end date stays in force',
    request: orderRequest,
    mandates: [{ ...order, validUntil: null }],
    now: at(days(3650)),
    expected: byMandate(),
  },
  {
    name: 'mandate: withdrawn 1 ms ago is no longer in force',
    request: orderRequest,
    mandates: [{ ...order, withdrawnAt: at(days(1) - 1) }],
    now: at(days(1)),
    expected: denied('no_consent'),
  },
];
