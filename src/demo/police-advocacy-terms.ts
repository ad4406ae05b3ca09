import type { AgreementTermsInput } from '../agreements/agreement-terms';

/**
 * Issue 21's working agreement, police → advocacy: urgent referrals received within 1 business hour,
 * answered within 4, first contact by the next business morning; escalated to advocacy's duty
 * supervisor. The demo signs it; tests use it too (test/support/agreements.ts).
 */
export function policeAdvocacyTerms(policeId: string, advocacyId: string, overrides: Partial<AgreementTermsInput> = {}): AgreementTermsInput {
  return {
    parties: [policeId, advocacyId],
    calendar: { timeZone: 'America/Chicago', days: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00', holidays: ['2026-12-25'] },
    handoffs: [
      {
        from: { agencyId: policeId, agencyKind: null },
        to: { agencyId: null, agencyKind: 'advocacy' },
        purpose: 'advocacy_services',
        priority: 'urgent',
        steps: [
          { step: 'received', withinMinutes: 60 },
          { step: 'answered', withinMinutes: 240 },
          { step: 'first_contact', withinMinutes: 540 },
        ],
        escalateTo: { agencyId: advocacyId, role: 'duty_supervisor' },
      },
    ],
    ...overrides,
  };
}
