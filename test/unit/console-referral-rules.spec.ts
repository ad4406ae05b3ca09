import { canAnswer, dueBy, isOverdue, otherAgencyId } from '../../console/src/api/referral-rules';
import type { Referral } from '../../src/sdk/browser';

const NOW = new Date('2026-12-06T12:00:00Z');

function referral(overrides: Partial<Referral> = {}): Referral {
  return {
    id: 'r1',
    yourSide: 'receiver',
    fromAgencyId: 'police',
    toAgencyId: 'advocacy',
    caseId: 'c1',
    consentId: 'k1',
    purpose: 'advocacy_services',
    priority: 'urgent',
    status: 'received',
    statusReason: null,
    outcome: null,
    outcomeAvailable: false,
    statusDetailsShared: false,
    version: 1,
    createdAt: '2026-12-01T09:00:00Z',
    updatedAt: '2026-12-01T09:00:00Z',
    deadlines: [],
    agreement: null,
    ...overrides,
  };
}

describe("the console's referral rules (inbox and outbox)", () => {
  it('is overdue only while open and after a deadline of its agreement has passed', () => {
    const past = [{ step: 'received' as const, respondBy: '2026-12-05T17:00:00Z' }];
    const future = [{ step: 'received' as const, respondBy: '2026-12-07T17:00:00Z' }];
    expect(isOverdue(referral({ deadlines: past }), NOW)).toBe(true);
    expect(isOverdue(referral({ deadlines: future }), NOW)).toBe(false);
    expect(isOverdue(referral({ deadlines: [] }), NOW)).toBe(false);
    expect(isOverdue(referral({ deadlines: past, status: 'completed' }), NOW)).toBe(false);
    expect(isOverdue(referral({ deadlines: past, status: 'rejected' }), NOW)).toBe(false);
  });

  it('shows the earliest deadline as the date to respond by, or none', () => {
    const deadlines = [
      { step: 'answered' as const, respondBy: '2026-12-20T17:00:00Z' },
      { step: 'received' as const, respondBy: '2026-12-02T17:00:00Z' },
    ];
    expect(dueBy(referral({ deadlines }))).toBe('2026-12-02T17:00:00Z');
    expect(dueBy(referral())).toBeNull();
  });

  it('lets only the receiver answer, and only before it has answered', () => {
    expect(canAnswer(referral({ status: 'requested' }))).toBe(true);
    expect(canAnswer(referral({ status: 'received' }))).toBe(true);
    expect(canAnswer(referral({ status: 'accepted' }))).toBe(false);
    expect(canAnswer(referral({ yourSide: 'sender', status: 'received' }))).toBe(false);
  });

  it('names the other agency from either side', () => {
    expect(otherAgencyId(referral())).toBe('police');
    expect(otherAgencyId(referral({ yourSide: 'sender' }))).toBe('advocacy');
  });
});
