import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../../src/auth/caller-context';
import { ConsentDecisionService } from '../../src/consent/consent-decision.service';
import { type SealedRecordV1 } from '../../src/crypto';
import { inTransaction } from '../../src/database/transactions';
import { EnvelopeVerifier } from '../../src/keys/envelope-verifier';
import { type RecipientBasis } from '../../src/records/records.repository';
import { RecordNoLongerAvailableError } from '../../src/records/records.errors';
import { RecordsService } from '../../src/records/records.service';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, consentBody, registerAgencyKeys, sealAs } from '../support/sealing';

const HOUR_MS = 60 * 60 * 1000;
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * HOUR_MS).toISOString();

describe('legal mandates: the register of compelled disclosures', () => {
  let t: TestApp;
  let owner: Client;
  let ccr: TestCcr;
  let advocate: Actor;
  let colleague: Actor;
  let shelter: AgencyKeys;
  let court: Actor;
  let police: Actor;
  let policeService: Actor;
  let courtKeys: AgencyKeys;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    ccr = new TestCcr(t);
    const shelterId = await ccr.agency('advocacy', 'vawa_fvpsa_voca');
    advocate = await ccr.person(shelterId, ['advocate']);
    colleague = await ccr.person(shelterId, ['agency_worker']);
    court = await ccr.person(await ccr.agency('court', 'criminal_justice'), ['agency_worker']);
    const policeId = await ccr.agency('law_enforcement', 'criminal_justice');
    police = await ccr.person(policeId, ['agency_worker']);
    policeService = await ccr.service(policeId);
    shelter = await registerAgencyKeys(t, advocate);
    courtKeys = await registerAgencyKeys(t, court);
    caseId = await openCase(advocate);
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  async function openCase(actor: Actor): Promise<string> {
    return (await t.http().post('/cases').set('Authorization', actor.bearer).send({}).expect(201)).body.id;
  }

  function courtOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      basis: 'court_order',
      recipientAgencyId: court.agencyId,
      categories: ['risk', 'legal'],
      validFrom: hoursFromNow(-1),
      validUntil: hoursFromNow(24 * 30),
      reviewedAt: hoursFromNow(-2),
      survivorNotification: 'delayed',
      notificationReason: 'court_ordered_delay',
      ...overrides,
    };
  }

  function callerOf(actor: Actor): CallerContext {
    return { principal: { id: actor.id, agencyId: actor.agencyId, kind: 'person', roles: actor.roles, username: actor.username, tokenId: randomUUID() }, requestId: `test-${randomUUID()}` };
  }

  /** What the notes module will do: every wrap's basis from the decision service, then store. */
  async function storeFor(mandateId: string): Promise<SealedRecordV1> {
    const sealed = await sealAs(shelter, { caseId, category: 'risk', body: 'compelled', recipients: [{ agency: courtKeys, consentId: mandateId }] });
    await inTransaction(t.app.get(DataSource), async (manager) => {
      const verified = await t.app.get(EnvelopeVerifier).verifyUpload(sealed, { caseId, authorAgencyId: advocate.agencyId }, manager);
      const bases = new Map<string, RecipientBasis>();
      for (const wrap of verified.wraps) {
        const request = { caseId, discloserAgencyId: advocate.agencyId, category: 'risk' as const, action: 'receive_notes' as const };
        bases.set(wrap.agencyId, await t.app.get(ConsentDecisionService).basisForNewWrap(manager, request, wrap.agencyId, wrap.consentId));
      }
      await t.app.get(RecordsService).store(manager, callerOf(advocate), verified, (agencyId) => bases.get(agencyId) as RecipientBasis);
    });
    return sealed;
  }

  const courtReads = (record: SealedRecordV1) =>
    t.app.get(RecordsService).deliver(callerOf(court), record.recordId, 'protection_order_support', { case: caseId, discloser: advocate.agencyId, recipient: court.agencyId, categories: ['risk'] });

  const register = (actor: Actor, onCase: string, body: Record<string, unknown>) => t.http().post(`/cases/${onCase}/mandates`).set('Authorization', actor.bearer).send(body);
  const patch = (actor: Actor, id: string, body: Record<string, unknown>) => t.http().patch(`/mandates/${id}`).set('Authorization', actor.bearer).send(body);

  async function entriesOf(mandateId: string): Promise<{ kind: string; entry: Record<string, unknown> }[]> {
    const { rows } = await owner.query<{ kind: string; entry: Buffer }>(`SELECT kind, entry FROM ledger_entries WHERE kind LIKE 'mandate_%' ORDER BY idx`);
    return rows.map((row) => ({ kind: row.kind, entry: JSON.parse(row.entry.toString()) as Record<string, unknown> })).filter((row) => (row.entry.basis as { mandate?: string }).mandate === mandateId);
  }

  describe('a court order through its life', () => {
    let mandateId: string;

    it('registers it (the caller reviewed it), loud in the log', async () => {
      const response = await register(advocate, caseId, courtOrder()).expect(201);
      mandateId = response.body.id;
      expect(response.body).toMatchObject({
        caseId,
        basis: 'court_order',
        status: 'active',
        releasesData: true,
        reviewedByPrincipalId: advocate.id,
        survivorNotification: 'delayed',
        notificationReason: 'court_ordered_delay',
        survivorNotifiedAt: null,
        withdrawnAt: null,
      });
      const [registered] = await entriesOf(mandateId);
      expect(registered).toMatchObject({ kind: 'mandate_registered', entry: { case: caseId, recipient: court.agencyId, detail: { compelled: true, basis: 'court_order' } } });
    });

    it('is the basis the decision service finds for a disclosure to the court', async () => {
      const decision = await inTransaction(t.app.get(DataSource), (manager) =>
        t.app.get(ConsentDecisionService).decide(manager, { caseId, discloserAgencyId: advocate.agencyId, recipientAgencyId: court.agencyId, category: 'risk', action: 'receive_notes' }),
      );
      expect(decision).toEqual({ decision: 'permit', reason: 'court_order', basis: { kind: 'mandate', mandateId } });
    });

    it('is listed for the case and readable by id, by the custodian only', async () => {
      const list = await t.http().get(`/cases/${caseId}/mandates`).set('Authorization', advocate.bearer).expect(200);
      expect(list.body.map((mandate: { id: string }) => mandate.id)).toEqual([mandateId]);
      await t.http().get(`/mandates/${mandateId}`).set('Authorization', colleague.bearer).expect(200);
      await t.http().get(`/mandates/${mandateId}`).set('Authorization', court.bearer).expect(404);
      await t.http().get(`/cases/${caseId}/mandates`).set('Authorization', policeService.bearer).expect(404);
      await patch(police, mandateId, { withdrawn: true }).expect(404);
    });

    it('records that the survivor was notified', async () => {
      const notifiedAt = hoursFromNow(-0.5);
      const response = await patch(colleague, mandateId, { survivorNotification: 'notified', survivorNotifiedAt: notifiedAt }).expect(200);
      expect(response.body).toMatchObject({ survivorNotification: 'notified', survivorNotifiedAt: notifiedAt, notificationReason: null, status: 'active' });
      expect((await entriesOf(mandateId)).at(-1)).toMatchObject({ kind: 'mandate_updated', entry: { detail: { compelled: true, withdrawn: false, survivorNotification: 'notified' } } });
    });

    it('withdraws it at once: the wraps it justified go, and refuses to withdraw it twice (409)', async () => {
      const compelled = await storeFor(mandateId);
      await expect(courtReads(compelled)).resolves.toMatchObject({ basis: { kind: 'mandate', id: mandateId } });
      const response = await patch(advocate, mandateId, { withdrawn: true }).expect(200);
      expect(response.body).toMatchObject({ status: 'withdrawn', releasesData: false, withdrawnByPrincipalId: advocate.id });
      expect((await entriesOf(mandateId)).at(-1)).toMatchObject({ kind: 'mandate_updated', entry: { detail: { compelled: true, withdrawn: true, wrapsDeleted: 1 } } });
      await expect(courtReads(compelled)).rejects.toBeInstanceOf(RecordNoLongerAvailableError);
      const again = await patch(advocate, mandateId, { withdrawn: true }).expect(409);
      expect(again.body.type).toBe('urn:ccr-exchange:problem:mandate-already-withdrawn');
    });
  });

  it('refuses a statute for an agency under VAWA/FVPSA/VOCA (422 basis): only a court order reaches that data', async () => {
    const response = await register(advocate, caseId, courtOrder({ basis: 'statute' })).expect(422);
    expect(response.body.errors).toEqual([{ field: 'basis', messages: [expect.stringContaining('only a court order')] }]);
    expect((await t.http().get(`/cases/${caseId}/mandates`).set('Authorization', advocate.bearer).expect(200)).body.every((m: { basis: string }) => m.basis === 'court_order')).toBe(true);
  });

  it('registers a statute for an agency whose regime yields to one', async () => {
    const policeCase = await openCase(police);
    const response = await register(police, policeCase, courtOrder({ basis: 'statute', recipientAgencyId: court.agencyId, survivorNotification: 'pending', notificationReason: undefined })).expect(201);
    expect(response.body).toMatchObject({ basis: 'statute', status: 'active', releasesData: true });
  });

  it('keeps the citation and docket in a sealed, custodian-only details record', async () => {
    const details = await sealAs(shelter, { caseId, category: 'mandate_details', body: 'State v. Doe, docket 24-CR-001' });
    const response = await register(advocate, caseId, courtOrder({ details })).expect(201);
    expect(response.body.detailsRecordId).toBe(details.recordId);
    const wrapped = await owner.query('SELECT agency_id FROM record_recipients WHERE record_id = $1', [details.recordId]);
    expect(wrapped.rows).toEqual([{ agency_id: advocate.agencyId }]);
  });

  it('names an explicit reviewer of the same agency', async () => {
    const response = await register(advocate, caseId, courtOrder({ reviewedByPrincipalId: colleague.id })).expect(201);
    expect(response.body.reviewedByPrincipalId).toBe(colleague.id);
  });

  it('warns when the survivor has excluded the recipient: the mandate is registered but releases nothing here', async () => {
    const onCase = await openCase(advocate);
    const consent = await consentBody(shelter, onCase, police.agencyId, { denyAgencyIds: [court.agencyId] });
    await t.http().post(`/cases/${onCase}/consents`).set('Authorization', advocate.bearer).send(consent).expect(201);
    const response = await register(advocate, onCase, courtOrder()).expect(201);
    expect(response.body).toMatchObject({ releasesData: false, warnings: [expect.objectContaining({ code: 'recipient_excluded_by_survivor' })] });
  });

  describe('every rule, naming the field (422), with nothing written', () => {
    it.each<[string, () => Record<string, unknown>, string]>([
      ['notified without a time', () => ({ survivorNotification: 'notified', notificationReason: undefined }), 'survivorNotifiedAt'],
      ['delayed without a reason', () => ({ notificationReason: undefined }), 'notificationReason'],
      ['a reason while notified', () => ({ survivorNotification: 'notified', survivorNotifiedAt: hoursFromNow(-1) }), 'notificationReason'],
      ['an end before the start', () => ({ validUntil: hoursFromNow(-3) }), 'validUntil'],
      ['a review in the future', () => ({ reviewedAt: hoursFromNow(2) }), 'reviewedAt'],
      ['a reviewer of another agency', () => ({ reviewedByPrincipalId: police.id }), 'reviewedByPrincipalId'],
      ['a reviewer who does not exist', () => ({ reviewedByPrincipalId: randomUUID() }), 'reviewedByPrincipalId'],
      ['a custodian-only category', () => ({ categories: ['profile'] }), 'categories'],
      ['an unknown category', () => ({ categories: ['everything'] }), 'categories'],
      ['no category', () => ({ categories: [] }), 'categories'],
      ['an unknown basis', () => ({ basis: 'subpoena' }), 'basis'],
      ['the custodian as recipient', () => ({ recipientAgencyId: advocate.agencyId }), 'recipientAgencyId'],
      ['an unknown recipient', () => ({ recipientAgencyId: randomUUID() }), 'recipientAgencyId'],
      ['an unknown field', () => ({ docket: '24-CR-001' }), 'docket'],
    ])('%s', async (_name, overrides, field) => {
      const before = (await t.http().get(`/cases/${caseId}/mandates`).set('Authorization', advocate.bearer).expect(200)).body.length;
      const response = await register(advocate, caseId, courtOrder(overrides())).expect(422);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect((await t.http().get(`/cases/${caseId}/mandates`).set('Authorization', advocate.bearer).expect(200)).body.length).toBe(before);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an empty update', {}, 'survivorNotification'],
      ['a time without the status', { survivorNotifiedAt: hoursFromNow(-1) }, 'survivorNotification'],
      ['withheld without a reason', { survivorNotification: 'withheld' }, 'notificationReason'],
      ['an undo of a withdrawal', { withdrawn: false }, 'withdrawn'],
    ])('refuses an update with %s', async (_name, body, field) => {
      const mandate = (await register(advocate, caseId, courtOrder()).expect(201)).body;
      const response = await patch(advocate, mandate.id, body).expect(422);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect((await t.http().get(`/mandates/${mandate.id}`).set('Authorization', advocate.bearer).expect(200)).body).toMatchObject({ survivorNotification: 'delayed', status: 'active' });
    });
  });

  it("answers 404 for another agency's case, exactly like a missing one", async () => {
    const foreign = await register(police, caseId, courtOrder());
    const missing = await register(police, randomUUID(), courtOrder());
    expect([foreign.status, missing.status]).toEqual([404, 404]);
  });
});
