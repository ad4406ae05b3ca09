import { randomUUID } from 'node:crypto';
import { type AgreementTermsInput, agreementTermsV1 } from '../../src/agreements/agreement-terms';
import { signAgreementTerms, toBase64 } from '../../src/crypto';
import { type TestApp } from './app';
import { type Actor } from './ccr';
import { type AgencyKeys, consentBody, sealAs } from './sealing';

export { policeAdvocacyTerms } from '../../src/demo/police-advocacy-terms';

/** A party's signature over a version's terms, base64, with its epoch, as the API takes it. */
export async function agreementSignature(party: AgencyKeys, agreementId: string, version: number, terms: AgreementTermsInput): Promise<{ signerEpoch: number; signature: string }> {
  const signature = await signAgreementTerms(agreementId, version, agreementTermsV1(terms), party.keys.sign.privateKey);
  return { signerEpoch: party.epoch, signature: toBase64(signature) };
}

export interface SentReferral {
  id: string;
  version: number;
  createdAt: string;
  deadlines: { step: string; respondBy: string }[];
  agreement: { id: string; version: number } | null;
}

/** Police open a case, record the survivor's release to the advocacy program and refer her (advocacy_services). */
export async function sendPoliceReferral(t: TestApp, officer: Actor, police: AgencyKeys, advocacy: AgencyKeys, priority = 'urgent'): Promise<SentReferral> {
  const post = (path: string, body: object, headers: Record<string, string> = {}) => t.http().post(path).set('Authorization', officer.bearer).set(headers).send(body);
  const caseId = (await post('/cases', {}).expect(201)).body.id as string;
  const release = await consentBody(police, caseId, advocacy.agencyId, { actions: ['receive_referral', 'share_status_back'], categories: [], purpose: 'advocacy_services' });
  await post(`/cases/${caseId}/consents`, release).expect(201);
  const content = await sealAs(police, { caseId, category: 'referral', body: 'Screened in. Safe to call after 6pm.', recipients: [{ agency: advocacy, consentId: release.consentId as string }] });
  const body = { toAgencyId: advocacy.agencyId, fromCaseId: caseId, consentId: release.consentId, purpose: 'advocacy_services', priority, content };
  return (await post('/referrals', body, { 'Idempotency-Key': randomUUID() }).expect(201)).body;
}
