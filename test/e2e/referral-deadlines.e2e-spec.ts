import { randomUUID } from 'node:crypto';
import { agreementTermsV1 } from '../../src/agreements/agreement-terms';
import { addBusinessMinutes } from '../../src/deadlines/business-time';
import { agreementSignature, policeAdvocacyTerms, sendPoliceReferral } from '../support/agreements';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, registerAgencyKeys } from '../support/sealing';

/** Deadlines on referrals come only from an agreement every party has signed (issue 21). */
describe('referral deadlines from the agreement in force', () => {
  let t: TestApp;
  let officer: Actor;
  let intake: Actor;
  let police: AgencyKeys;
  let advocacy: AgencyKeys;
  const agreementId = randomUUID();

  beforeAll(async () => {
    t = await startTestApp();
    const ccr = new TestCcr(t);
    officer = await ccr.service(await ccr.agency('law_enforcement', 'criminal_justice'));
    intake = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
    police = await registerAgencyKeys(t, officer);
    advocacy = await registerAgencyKeys(t, intake);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (actor: Actor, path: string, body: object, headers: Record<string, string> = {}) => t.http().post(path).set('Authorization', actor.bearer).set(headers).send(body);
  const get = (actor: Actor, path: string) => t.http().get(path).set('Authorization', actor.bearer);
  const terms = () => policeAdvocacyTerms(officer.agencyId, intake.agencyId);

  const sendReferral = (priority = 'urgent') => sendPoliceReferral(t, officer, police, advocacy, priority);

  it('without an agreement a referral has no deadlines', async () => {
    const referral = await sendReferral();
    expect(referral).toMatchObject({ deadlines: [], agreement: null });
  });

  it('a proposed agreement only one party has signed sets no deadline', async () => {
    await post(officer, '/agreements', { agreementId, terms: terms(), ...(await agreementSignature(police, agreementId, 1, terms())) }).expect(201);
    const referral = await sendReferral();
    expect(referral).toMatchObject({ deadlines: [], agreement: null });
  });

  it('once every party has signed, a matching referral gets each step in business time, shown to both sides', async () => {
    await post(intake, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(advocacy, agreementId, 1, terms())).expect(201);
    const referral = await sendReferral();
    const calendar = agreementTermsV1(terms()).calendar;
    const created = new Date(referral.createdAt);
    expect(referral.agreement).toEqual({ id: agreementId, version: 1 });
    expect(referral.deadlines).toEqual([
      { step: 'received', respondBy: addBusinessMinutes(created, 60, calendar).toISOString() },
      { step: 'answered', respondBy: addBusinessMinutes(created, 240, calendar).toISOString() },
      { step: 'first_contact', respondBy: addBusinessMinutes(created, 540, calendar).toISOString() },
    ]);
    const seenByReceiver = await get(intake, `/referrals/${referral.id}?include=metadata`).expect(200);
    expect(seenByReceiver.body).toMatchObject({ yourSide: 'receiver', deadlines: referral.deadlines, agreement: referral.agreement });
    const inbox = await get(intake, '/referrals?box=in').expect(200);
    expect(inbox.body.items.find((item: { id: string }) => item.id === referral.id)?.deadlines).toEqual(referral.deadlines);
    const moved = await post(intake, `/referrals/${referral.id}/status`, { status: 'received', version: 1 }).expect(200);
    expect(moved.body.deadlines).toEqual(referral.deadlines);
  });

  it('a referral the agreement does not cover (another priority) gets none', async () => {
    const referral = await sendReferral('routine');
    expect(referral).toMatchObject({ deadlines: [], agreement: null });
  });
});
