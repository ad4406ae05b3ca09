import { canonicalJson, generateAgencyKeyEpoch, signConsentTerms, verifyConsentTerms } from '../crypto';
import { consentTermsV1, signConsentRevocation, verifyConsentRevocation } from './consent-terms';

const input = {
  caseId: '11111111-1111-4111-8111-111111111111',
  custodianAgencyId: '22222222-2222-4222-8222-222222222222',
  recipientAgencyId: '33333333-3333-4333-8333-333333333333',
  categories: ['risk' as const],
  actions: ['receive_notes' as const],
  purpose: 'prosecution_support' as const,
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: '2026-06-01T00:00:00.000Z',
  captureMode: 'written_signature' as const,
  language: 'es',
  interpreter: { used: true, qualified: true, affiliation: 'professional' as const, notFamilyOrPersonCausingHarm: true },
  informedConsent: ['revocation_explained' as const],
  denyAgencyIds: [],
};
const CONSENT = '44444444-4444-4444-8444-444444444444';

describe('ConsentTermsV1', () => {
  it('has every member, absent ones as null, and nothing else (what the server stores is what was signed)', () => {
    const terms = consentTermsV1({ ...input, extra: 'dropped' } as typeof input);
    expect(Object.keys(terms).sort()).toEqual(
      ['v', 'caseId', 'custodianAgencyId', 'recipientAgencyId', 'categories', 'actions', 'purpose', 'validFrom', 'validUntil', 'captureMode', 'language', 'interpreter', 'informedConsent', 'denyAgencyIds', 'releaseDocumentSha256', 'termsRecordId'].sort(),
    );
    expect(terms).toMatchObject({ v: 1, releaseDocumentSha256: null, termsRecordId: null });
  });

  it('omits interpreter members that were not given, so a stored record re-signs identically', () => {
    expect(consentTermsV1({ ...input, interpreter: { used: false } }).interpreter).toEqual({ used: false });
    expect(canonicalJson(consentTermsV1({ ...input, interpreter: { used: false, qualified: undefined } }))).toBe(canonicalJson(consentTermsV1({ ...input, interpreter: { used: false } })));
  });

  it('verifies under the custodian key only, and only for that consent and version', async () => {
    const keys = await generateAgencyKeyEpoch(input.custodianAgencyId, 1);
    const other = await generateAgencyKeyEpoch(input.recipientAgencyId, 1);
    const terms = consentTermsV1(input);
    const signature = await signConsentTerms(CONSENT, 2, terms, keys.sign.privateKey);
    expect(await verifyConsentTerms(CONSENT, 2, consentTermsV1(input), signature, keys.sign.publicKey)).toBe(true);
    expect(await verifyConsentTerms(CONSENT, 3, terms, signature, keys.sign.publicKey)).toBe(false);
    expect(await verifyConsentTerms(CONSENT, 2, { ...terms, categories: ['risk', 'legal'] }, signature, keys.sign.publicKey)).toBe(false);
    expect(await verifyConsentTerms(CONSENT, 2, terms, signature, other.sign.publicKey)).toBe(false);
  });
});

describe('revocation statement', () => {
  it('binds the consent, the version revoked and the channel', async () => {
    const keys = await generateAgencyKeyEpoch(input.custodianAgencyId, 1);
    const signature = await signConsentRevocation(CONSENT, 1, 'written', keys.sign.privateKey);
    expect(await verifyConsentRevocation(CONSENT, 1, 'written', signature, keys.sign.publicKey)).toBe(true);
    expect(await verifyConsentRevocation(CONSENT, 2, 'written', signature, keys.sign.publicKey)).toBe(false);
    expect(await verifyConsentRevocation(CONSENT, 1, 'phone', signature, keys.sign.publicKey)).toBe(false);
  });

  it('cannot be replayed as a consent signature (separate domains)', async () => {
    const keys = await generateAgencyKeyEpoch(input.custodianAgencyId, 1);
    const terms = consentTermsV1(input);
    const consentSignature = await signConsentTerms(CONSENT, 1, terms, keys.sign.privateKey);
    expect(await verifyConsentRevocation(CONSENT, 1, 'written', consentSignature, keys.sign.publicKey)).toBe(false);
  });
});
