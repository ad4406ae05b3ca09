import { type ConsentVersionRow } from './accounting.repository';
import { versionFate } from './accounting-builder';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
const NOW = day(100);

function version(overrides: Partial<ConsentVersionRow> = {}): ConsentVersionRow {
  return {
    consentId: '11111111-1111-4111-8111-111111111111',
    recipientAgencyId: '22222222-2222-4222-8222-222222222222',
    currentVersion: 1,
    revokedAt: null,
    revocationChannel: null,
    version: 1,
    categories: ['risk', 'safety_plan'],
    actions: ['receive_notes'],
    purpose: 'safety_planning',
    validFrom: day(0),
    validUntil: day(200),
    captureMode: 'written_signature',
    language: 'en',
    recordedAt: day(0),
    denyAgencyIds: [],
    ...overrides,
  };
}

describe("a release version's fate, from the data", () => {
  it('is amended when the next version shares something more, or differently', () => {
    expect(versionFate(version(), version({ version: 2, recordedAt: day(10), categories: ['risk', 'safety_plan', 'legal'] }), NOW)).toMatchObject({ code: 'amended', byVersion: 2, at: day(10).toISOString() });
    expect(versionFate(version(), version({ version: 2, recordedAt: day(10), purpose: 'housing', categories: ['risk'] }), NOW).code).toBe('amended');
  });

  it('is narrowed when the next version shares no more in any respect and less in some', () => {
    const next = (overrides: Partial<ConsentVersionRow>) => versionFate(version(), version({ version: 2, recordedAt: day(10), ...overrides }), NOW);
    expect(next({ categories: ['risk'] })).toMatchObject({ code: 'narrowed', text: 'Ended on 2026-01-11 by version 2, which shares less.' });
    expect(next({ validUntil: day(50) }).code).toBe('narrowed');
    expect(next({ denyAgencyIds: ['33333333-3333-4333-8333-333333333333'] }).code).toBe('narrowed');
    expect(next({}).code).toBe('amended'); // the same terms again: a change of nothing is not a narrowing
  });

  it('expired when it ran out before the next version was recorded', () => {
    expect(versionFate(version({ validUntil: day(5) }), version({ version: 2, recordedAt: day(10) }), NOW)).toMatchObject({ code: 'expired', at: day(5).toISOString(), byVersion: null });
  });

  it('of the current version: revoked, expired, not yet in force, or in force', () => {
    expect(versionFate(version({ revokedAt: day(40) }), null, NOW)).toMatchObject({ code: 'revoked', text: 'Withdrawn by the survivor on 2026-02-10. Nothing more is shared under it.' });
    expect(versionFate(version({ validUntil: day(90) }), null, NOW)).toMatchObject({ code: 'expired', text: 'Ended on 2026-04-01: its end date passed.' });
    expect(versionFate(version({ validFrom: day(150) }), null, NOW).code).toBe('not_yet_in_force');
    expect(versionFate(version(), null, NOW)).toMatchObject({ code: 'in_force', text: 'In force until 2026-07-20.' });
  });
});
