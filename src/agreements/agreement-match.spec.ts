import { agreedDeadlines, applicableHandoff, type HandoffQuery, type InForceVersion } from './agreement-match';
import { agreementTermsV1 } from './agreement-terms';

const POLICE = '00000000-0000-4000-8000-000000000001';
const ADVOCACY = '00000000-0000-4000-8000-000000000002';
const CALENDAR = { timeZone: 'America/Chicago', days: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00', holidays: [] };

function version(agreementId: string, inForceAt: string, to: { agencyId: string | null; agencyKind: 'advocacy' | null }, received: number): InForceVersion {
  return {
    agreementId,
    version: 1,
    inForceAt: new Date(inForceAt),
    terms: agreementTermsV1({
      parties: [POLICE, ADVOCACY],
      calendar: CALENDAR,
      handoffs: [
        {
          from: { agencyId: POLICE, agencyKind: null },
          to,
          purpose: 'advocacy_services',
          priority: 'urgent',
          steps: [
            { step: 'received', withinMinutes: received },
            { step: 'first_contact', withinMinutes: 540 },
          ],
          escalateTo: { agencyId: ADVOCACY, role: 'duty_supervisor' },
        },
      ],
    }),
  };
}

const query: HandoffQuery = { from: { agencyId: POLICE, kind: 'law_enforcement' }, to: { agencyId: ADVOCACY, kind: 'advocacy' }, purpose: 'advocacy_services', priority: 'urgent' };
const byKind = version('a0000000-0000-4000-8000-000000000000', '2026-03-01T00:00:00Z', { agencyId: null, agencyKind: 'advocacy' }, 30);
const byId = version('b0000000-0000-4000-8000-000000000000', '2026-01-01T00:00:00Z', { agencyId: ADVOCACY, agencyKind: null }, 60);
const newerById = version('c0000000-0000-4000-8000-000000000000', '2026-02-01T00:00:00Z', { agencyId: ADVOCACY, agencyKind: null }, 90);

describe('which agreement applies to a referral', () => {
  it('none when nothing in force matches purpose and priority', () => {
    expect(applicableHandoff([byKind, byId], { ...query, priority: 'routine' })).toBeNull();
    expect(applicableHandoff([byKind, byId], { ...query, purpose: 'housing' })).toBeNull();
    expect(applicableHandoff([], query)).toBeNull();
  });

  it('a handoff naming the agency beats one naming its kind, then the version most recently in force', () => {
    expect(applicableHandoff([byKind, byId], query)?.version.agreementId).toBe(byId.agreementId);
    expect(applicableHandoff([byKind, byId, newerById], query)?.version.agreementId).toBe(newerById.agreementId);
    expect(applicableHandoff([byKind], query)?.version.agreementId).toBe(byKind.agreementId);
  });

  it('a kind covers only agencies of that kind', () => {
    expect(applicableHandoff([byKind], { ...query, to: { agencyId: ADVOCACY, kind: 'health' } })).toBeNull();
  });

  it('computes each step in business time from the creation', () => {
    // Fri 16:30 CST: received within 30 business minutes → Fri 17:00 (closing); first contact (540) → Mon 16:30.
    const agreed = agreedDeadlines([byKind], query, new Date('2026-02-27T22:30:00Z'));
    expect(agreed).toEqual({
      agreementId: byKind.agreementId,
      agreementVersion: 1,
      steps: [
        { step: 'received', respondBy: new Date('2026-02-27T23:00:00Z') },
        { step: 'first_contact', respondBy: new Date('2026-03-02T22:30:00Z') },
      ],
      escalateTo: { agencyId: ADVOCACY, role: 'duty_supervisor' },
    });
  });
});
