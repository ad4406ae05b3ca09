import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { delayedCourtOrder } from '../support/mandates';
import { type AgencyKeys, consentBody, openAs, registerAgencyKeys, sealAs } from '../support/sealing';

/** The survivor's own words in a release, and a mandate's citation: sealed, and readable by the custodian only. */
describe('custodian-only sealed records', () => {
  let t: TestApp;
  let advocate: Actor;
  let shelter: AgencyKeys;
  let prosecutor: Actor;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const ccr = new TestCcr(t);
    advocate = await ccr.person(await ccr.agency('advocacy', 'vawa_fvpsa_voca'), ['advocate']);
    prosecutor = await ccr.person(await ccr.agency('prosecution', 'criminal_justice'), ['agency_worker']);
    shelter = await registerAgencyKeys(t, advocate);
    caseId = (await t.http().post('/cases').set('Authorization', advocate.bearer).send({}).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it("gives the custodian back the survivor's own words of a release, and nobody else", async () => {
    const words = "I want the prosecutor to know he has guns in the truck. Don't call my mother's house.";
    const terms = await sealAs(shelter, { caseId, category: 'consent_terms', body: words });
    const body = await consentBody(shelter, caseId, prosecutor.agencyId, {}, { termsRecordId: terms.recordId });
    await t.http().post(`/cases/${caseId}/consents`).set('Authorization', advocate.bearer).send({ ...body, terms }).expect(201);

    const read = await t.http().get(`/consents/${body.consentId as string}/terms-record`).set('Authorization', advocate.bearer).expect(200);
    expect(await openAs(shelter, read.body.record, [shelter])).toBe(words);
    await t.http().get(`/consents/${body.consentId as string}/terms-record`).set('Authorization', prosecutor.bearer).expect(404);
    await t.http().get(`/consents/${body.consentId as string}/terms-record?version=2`).set('Authorization', advocate.bearer).expect(404);
  });

  it("gives the custodian back a mandate's sealed details", async () => {
    const citation = `State v. Doe, order ${randomUUID()}`;
    const details = await sealAs(shelter, { caseId, category: 'mandate_details', body: citation });
    const registered = await t
      .http()
      .post(`/cases/${caseId}/mandates`)
      .set('Authorization', advocate.bearer)
      .send(delayedCourtOrder(prosecutor.agencyId, details))
      .expect(201);
    const read = await t.http().get(`/mandates/${registered.body.id}/details`).set('Authorization', advocate.bearer).expect(200);
    expect(await openAs(shelter, read.body.record, [shelter])).toBe(citation);
    await t.http().get(`/mandates/${registered.body.id}/details`).set('Authorization', prosecutor.bearer).expect(404);
  });
});
