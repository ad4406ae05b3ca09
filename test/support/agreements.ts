import { type AgreementTermsInput, agreementTermsV1 } from '../../src/agreements/agreement-terms';
import { signAgreementTerms, toBase64 } from '../../src/crypto';
import { type AgencyKeys } from './sealing';

/** Police → advocacy: urgent referrals received within 1 business hour, first contact by the next business morning. */
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

/** A party's signature over a version's terms, base64, with its epoch, as the API takes it. */
export async function agreementSignature(party: AgencyKeys, agreementId: string, version: number, terms: AgreementTermsInput): Promise<{ signerEpoch: number; signature: string }> {
  const signature = await signAgreementTerms(agreementId, version, agreementTermsV1(terms), party.keys.sign.privateKey);
  return { signerEpoch: party.epoch, signature: toBase64(signature) };
}
