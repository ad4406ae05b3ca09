import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, consentBody, registerAgencyKeys, sealAs } from '../support/sealing';

/**
 * Every write path keeps to the one connection of its transaction. With a pool of two and eight
 * requests at once, a path that asked the pool for a second connection inside its transaction
 * would starve the pool and fail or hang (found by the benchmark once; kept here).
 */
describe('transactions never take a second pooled connection', () => {
  let t: TestApp;
  let officer: Actor;
  let police: AgencyKeys;
  let intake: Actor;
  let advocacy: AgencyKeys;
  let caseId: string;
  let consentId: string;
  const CONCURRENCY = 8;

  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_POOL_SIZE: '2' } });
    const ccr = new TestCcr(t);
    officer = await ccr.service(await ccr.agency('law_enforcement', 'criminal_justice'));
    intake = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
    police = await registerAgencyKeys(t, officer);
    advocacy = await registerAgencyKeys(t, intake);
    caseId = (await t.http().post('/cases').set('Authorization', officer.bearer).send({}).expect(201)).body.id;
    const body = await consentBody(police, caseId, advocacy.agencyId, { actions: ['receive_referral', 'receive_notes'], categories: ['risk'], purpose: 'advocacy_services' });
    await t.http().post(`/cases/${caseId}/consents`).set('Authorization', officer.bearer).send(body).expect(201);
    consentId = body.consentId as string;
  });
  afterAll(() => t.close());

  const parallel = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: CONCURRENCY }, make));

  it('creates referrals, notes and cases concurrently', async () => {
    const referrals = await parallel(async () => {
      const content = await sealAs(police, { caseId, category: 'referral', body: 'x', recipients: [{ agency: advocacy, consentId }] });
      return t.http().post('/referrals').set('Authorization', officer.bearer).set('Idempotency-Key', randomUUID()).send({ toAgencyId: advocacy.agencyId, fromCaseId: caseId, consentId, purpose: 'advocacy_services', priority: 'routine', content });
    });
    expect(referrals.map((response) => response.status)).toEqual(Array(CONCURRENCY).fill(201));

    const notes = await parallel(async () => {
      const content = await sealAs(police, { caseId, category: 'risk', body: 'y', recipients: [{ agency: advocacy, consentId }] });
      return t.http().post(`/cases/${caseId}/notes`).set('Authorization', officer.bearer).send({ category: 'risk', content });
    });
    expect(notes.map((response) => response.status)).toEqual(Array(CONCURRENCY).fill(201));

    const reads = await Promise.all(referrals.map((response) => t.http().get(`/referrals/${response.body.id}`).set('Authorization', intake.bearer)));
    expect(reads.map((response) => response.status)).toEqual(Array(CONCURRENCY).fill(200));

    const cases = await parallel(() => t.http().post('/cases').set('Authorization', intake.bearer).send({}));
    expect(cases.map((response) => response.status)).toEqual(Array(CONCURRENCY).fill(201));
  });
});
