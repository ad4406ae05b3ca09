import type { ConsentStatus } from '../consent.vocabulary';
import { consentStatus } from './consent-status';
import { at, consent, days } from './testing/policy-fixtures';

/** A release valid from NOW to NOW + 10 days. */
const start = at(0);
const end = at(days(10));
const release = consent({ validFrom: start, validUntil: end });
const invalid = new Date(Number.NaN);

const rows: ReadonlyArray<readonly [string, Parameters<typeof consentStatus>[0], Date, ConsentStatus]> = [
  ['active inside the window', release, at(days(1)), 'active'],
  ['active at exactly validFrom', release, start, 'active'],
  ['pending 1 ms before validFrom', release, at(-1), 'pending'],
  ['active 1 ms before validUntil', release, at(days(10) - 1), 'active'],
  ['expired at exactly validUntil', release, end, 'expired'],
  ['expired 1 ms after validUntil', release, at(days(10) + 1), 'expired'],
  ['revoked inside the window', { ...release, revokedAt: at(days(1)) }, at(days(2)), 'revoked'],
  ['revoked wins over expired', { ...release, revokedAt: at(days(1)) }, at(days(20)), 'revoked'],
  ['revoked wins over pending (revoked before it started)', { ...release, revokedAt: at(-days(1)) }, at(-1), 'revoked'],
  ['revoked even when the revocation is stamped after now (clock skew fails closed)', { ...release, revokedAt: at(days(1) + 1) }, at(days(1)), 'revoked'],
  ['an empty window (validFrom == validUntil) is never active', { ...release, validUntil: start }, start, 'expired'],
  ['an invalid validUntil is expired, not active', { ...release, validUntil: invalid }, at(1), 'expired'],
  ['an invalid validFrom is pending, not active', { ...release, validFrom: invalid }, at(1), 'pending'],
  ['an invalid now makes nothing active', release, invalid, 'expired'],
];

describe('consentStatus', () => {
  it.each(rows)('%s', (_name, input, now, expected) => {
    expect(consentStatus(input, now)).toBe(expected);
  });
});
