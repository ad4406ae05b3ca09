import { randomUUID } from 'node:crypto';
import { verifyConsentRevocation } from '../../consent/consent-terms';
import { fromBase64Strict } from '../../crypto';
import { CcrUsageError } from '../errors';
import type { AgencyKeystore } from '../keystore/agency-keystore';
import { createTestKeystore, TempFolder } from '../testing/fixtures';
import { amendedFields, signedTerms, signRevocation, signTerms, termsBody, termsFields, versionSignedByUs } from './consent-signing';
import type { ConsentRecord, ConsentVersion, ReleaseTerms } from './consent-types';

describe('consent signing (ConsentTermsV1 built, signed and checked on the client)', () => {
  let folder: TempFolder;
  let keystore: AgencyKeystore;
  let stranger: AgencyKeystore;
  const caseId = randomUUID();
  const recipientAgencyId = randomUUID();

  beforeAll(async () => {
    folder = await TempFolder.create();
    keystore = await createTestKeystore(folder);
    stranger = await createTestKeystore(folder);
  });
  afterAll(async () => {
    await keystore.close();
    await stranger.close();
    await folder.remove();
  });

  const terms: Omit<ReleaseTerms, 'recipientAgencyId'> = {
    categories: ['risk'],
    actions: ['receive_notes'],
    purpose: 'prosecution_support',
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validUntil: '2026-06-30T00:00:00.000Z',
    captureMode: 'written_signature',
    language: 'es',
    interpreter: { used: true, qualified: true, affiliation: 'professional', notFamilyOrPersonCausingHarm: true },
    informedConsent: ['revocation_explained'],
  };

  /** The release as the API would show it after storing what was signed. */
  async function storedRelease(termsRecordId: string | null = null): Promise<ConsentRecord> {
    const consentId = randomUUID();
    const fields = termsFields(terms);
    const parties = { caseId, custodianAgencyId: keystore.agencyId, recipientAgencyId };
    const signed = await signTerms(keystore, consentId, 1, signedTerms(parties, fields, termsRecordId));
    const version: ConsentVersion = { ...fields, version: 1, termsRecordId, recordedByPrincipalId: randomUUID(), recordedAt: new Date().toISOString(), ...signed };
    return { id: consentId, ...parties, status: 'active', releasesData: true, currentVersion: 1, current: version, versions: [version], revocation: null, warnings: [], createdAt: version.recordedAt };
  }

  it('normalises times to the signed form and refuses values outside the vocabulary before signing', () => {
    const fields = termsFields(terms);
    expect(fields).toMatchObject({ validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2026-06-30T00:00:00.000Z', denyAgencyIds: [], releaseDocumentSha256: null });
    expect(termsFields({ ...terms, validUntil: '2026-06-30', validFrom: '2026-01-01T02:00:00+02:00' })).toMatchObject({ validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2026-06-30T00:00:00.000Z' });
    expect(() => termsFields({ ...terms, validUntil: '2026-06-30T00:00:00' })).toThrow(CcrUsageError);
    expect(() => termsFields({ ...terms, purpose: 'curiosity' as never })).toThrow('purpose must be one of');
    expect(() => termsFields({ ...terms, categories: ['privileged_counseling'] })).toThrow('categories must be one of');
    expect(() => termsFields({ ...terms, denyAgencyIds: ['ABC'] })).toThrow('lowercase UUID');
  });

  it("verifies a stored version against the agency's own key, and refuses any altered term", async () => {
    const consent = await storedRelease(randomUUID());
    await expect(versionSignedByUs(keystore, consent, consent.current)).resolves.toBe(true);
    const widened = { ...consent.current, categories: [...consent.current.categories, 'children' as const] };
    await expect(versionSignedByUs(keystore, consent, widened)).resolves.toBe(false);
    await expect(versionSignedByUs(keystore, { ...consent, recipientAgencyId: randomUUID() }, consent.current)).resolves.toBe(false);
    await expect(versionSignedByUs(keystore, consent, { ...consent.current, termsRecordId: null })).resolves.toBe(false);
    await expect(versionSignedByUs(keystore, consent, { ...consent.current, signerEpoch: 7 })).resolves.toBe(false);
    await expect(versionSignedByUs(stranger, consent, consent.current)).resolves.toBe(false);
  });

  it('amends by carrying the current terms over, with only the changes applied', async () => {
    const consent = await storedRelease();
    const amended = amendedFields(consent.current, { categories: ['risk', 'legal'], validUntil: undefined, expectedVersion: 1, survivorWords: 'x' });
    expect(amended).toEqual({ ...termsFields(terms), categories: ['risk', 'legal'] });
  });

  it('sends the terms flat with the signature, leaving out an absent release document hash', () => {
    const fields = termsFields(terms);
    const body = termsBody(fields, { signerEpoch: 1, signature: 'sig' });
    expect(body).not.toHaveProperty('releaseDocumentSha256');
    expect(body).toMatchObject({ purpose: 'prosecution_support', signerEpoch: 1, signature: 'sig' });
    expect(termsBody({ ...fields, releaseDocumentSha256: 'ab'.repeat(32) }, { signerEpoch: 1, signature: 'sig' })).toHaveProperty('releaseDocumentSha256', 'ab'.repeat(32));
  });

  it('signs a revocation over the version it revokes and its channel', async () => {
    const consentId = randomUUID();
    const signed = await signRevocation(keystore, consentId, 3, 'phone');
    const signature = fromBase64Strict(signed.signature)!;
    await expect(verifyConsentRevocation(consentId, 3, 'phone', signature, keystore.current.sign.publicKey)).resolves.toBe(true);
    await expect(verifyConsentRevocation(consentId, 2, 'phone', signature, keystore.current.sign.publicKey)).resolves.toBe(false);
  });
});
