import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallerContext } from '../../src/auth/caller-context';
import { ConsentDecisionService } from '../../src/consent/consent-decision.service';
import { WrapNotCoveredError } from '../../src/consent/consent.errors';
import { type RevocationParticipant } from '../../src/consent/revocation-participant';
import { RevocationParticipants } from '../../src/consent/revocation-participants';
import { type SealedRecordV1 } from '../../src/crypto';
import { inTransaction } from '../../src/database/transactions';
import { EnvelopeVerifier } from '../../src/keys/envelope-verifier';
import { type RecipientBasis } from '../../src/records/records.repository';
import { RecordNoLongerAvailableError } from '../../src/records/records.errors';
import { RecordsService } from '../../src/records/records.service';
import { connectAsApiRole } from '../support/api-role';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, consentBody, defaultTerms, openAs, registerAgencyKeys, sealAs, signedTerms } from '../support/sealing';

/**
 * The revocation cascade observed end to end: a record wrapped for the recipient under the
 * consent (its basis found by ConsentDecisionService, the only door), read by the recipient,
 * then the consent revoked through the API.
 */
describe('revocation cascade and the decision service', () => {
  let t: TestApp;
  let owner: Client;
  let ccr: TestCcr;
  let advocate: Actor;
  let shelter: AgencyKeys;
  let prosecutor: Actor;
  let prosecution: AgencyKeys;
  let clinicWorker: Actor;
  let clinic: AgencyKeys;

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    ccr = new TestCcr(t);
    advocate = await ccr.person(await ccr.agency('advocacy', 'vawa_fvpsa_voca'), ['advocate']);
    prosecutor = await ccr.person(await ccr.agency('prosecution', 'criminal_justice'), ['agency_worker']);
    clinicWorker = await ccr.person(await ccr.agency('health', 'hipaa'), ['agency_worker']);
    shelter = await registerAgencyKeys(t, advocate);
    prosecution = await registerAgencyKeys(t, prosecutor);
    clinic = await registerAgencyKeys(t, clinicWorker);
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  function callerOf(actor: Actor): CallerContext {
    return { principal: { id: actor.id, agencyId: actor.agencyId, kind: 'person', roles: actor.roles, username: actor.username, tokenId: randomUUID() }, requestId: `test-${randomUUID()}` };
  }
  const inTx = <T>(work: (manager: EntityManager) => Promise<T>) => inTransaction(t.app.get(DataSource), work);
  const decisions = () => t.app.get(ConsentDecisionService);

  async function openCase(): Promise<string> {
    return (await t.http().post('/cases').set('Authorization', advocate.bearer).send({}).expect(201)).body.id;
  }

  async function recordConsent(caseId: string, recipient: AgencyKeys, overrides = {}): Promise<string> {
    const body = await consentBody(shelter, caseId, recipient.agencyId, overrides);
    await t.http().post(`/cases/${caseId}/consents`).set('Authorization', advocate.bearer).send(body).expect(201);
    return body.consentId as string;
  }

  /** What the notes module will do: verify the upload, ask the decision service for every wrap's basis, store. */
  async function store(envelope: SealedRecordV1): Promise<void> {
    await inTx(async (manager) => {
      const verified = await t.app.get(EnvelopeVerifier).verifyUpload(envelope, { caseId: envelope.caseId, authorAgencyId: envelope.authorAgencyId }, manager);
      const bases = new Map<string, RecipientBasis>();
      for (const wrap of verified.wraps) {
        const request = { caseId: verified.caseId, discloserAgencyId: verified.authorAgencyId, category: verified.category as 'risk', action: 'receive_notes' as const };
        bases.set(wrap.agencyId, await decisions().basisForNewWrap(manager, request, wrap.agencyId, wrap.consentId));
      }
      await t.app.get(RecordsService).store(manager, callerOf(advocate), verified, (agencyId) => bases.get(agencyId) as RecipientBasis);
    });
  }

  async function noteFor(caseId: string, consentId: string, category: string, body: string, recipient: AgencyKeys = prosecution): Promise<SealedRecordV1> {
    const sealed = await sealAs(shelter, { caseId, category, body, recipients: [{ agency: recipient, consentId }] });
    await store(sealed);
    return sealed;
  }

  const deliverTo = (actor: Actor, record: SealedRecordV1) =>
    t.app.get(RecordsService).deliver(callerOf(actor), record.recordId, 'prosecution_support', {
      case: record.caseId,
      discloser: record.authorAgencyId,
      recipient: actor.agencyId,
      categories: [record.category],
    });

  async function deniedEntriesFor(recordId: string): Promise<Record<string, unknown>[]> {
    const { rows } = await owner.query<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE kind = 'denied' ORDER BY idx`);
    return rows.map((row) => JSON.parse(row.entry.toString()) as Record<string, unknown>).filter((entry) => (entry.records as string[] | undefined)?.includes(recordId));
  }

  describe('revoking a release the recipient has already read from', () => {
    let caseId: string;
    let consentId: string;
    let note: SealedRecordV1;
    let revocation: { status: number; body: Record<string, unknown> & { notRecalled: { recordIds: string[]; logIndex: number }[]; effects: { kind: string; ids: string[]; summary: string }[] } };
    const seen: { consentId: string; revokedInTransaction: boolean }[] = [];
    const participant: RevocationParticipant = {
      async onConsentRevoked(manager, _caller, consent) {
        const [row] = await manager.query(`SELECT revoked_at IS NOT NULL AS revoked FROM consents WHERE id = $1`, [consent.id]);
        seen.push({ consentId: consent.id, revokedInTransaction: row.revoked === true });
        return [{ kind: 'test_participant_ran', ids: [consent.id], summary: 'A test participant took part.' }];
      },
    };

    beforeAll(async () => {
      caseId = await openCase();
      consentId = await recordConsent(caseId, prosecution);
      note = await noteFor(caseId, consentId, 'risk', 'He said he would come to the shelter');
      const delivered = await deliverTo(prosecutor, note);
      expect(delivered.basis).toEqual({ kind: 'consent', id: consentId, version: 1 });
      expect(await openAs(prosecution, delivered.record, [shelter])).toBe('He said he would come to the shelter');
      t.app.get(RevocationParticipants).register(participant);
      try {
        revocation = await t.http().post(`/consents/${consentId}/revocation`).set('Authorization', advocate.bearer).send({ channel: 'in_person' });
      } finally {
        t.app.get(RevocationParticipants).unregister(participant);
      }
    });

    it('answers 201 with the consent revoked', () => {
      expect(revocation.status).toBe(201);
      expect(revocation.body.consent).toMatchObject({ id: consentId, status: 'revoked' });
    });

    it('says plainly what it could not recall: the delivery made before, with its log entry', async () => {
      const { rows } = await owner.query<{ idx: string }>(`SELECT idx FROM ledger_entries WHERE kind = 'disclosure' AND consent_id = $1`, [consentId]);
      expect(revocation.body.notRecalled).toEqual([
        { recordIds: [note.recordId], categories: ['risk'], recipientAgencyId: prosecutor.agencyId, deliveredAt: expect.any(String), logIndex: Number(rows[0].idx) },
      ]);
    });

    it('deleted the wrap it justified, and logged that', async () => {
      expect(revocation.body.effects[0]).toMatchObject({ kind: 'wraps_deleted', ids: [note.recordId] });
      const wraps = await owner.query(`SELECT agency_id FROM record_wraps WHERE record_id = $1`, [note.recordId]);
      expect(wraps.rows).toEqual([{ agency_id: advocate.agencyId }]);
      const kinds = (await owner.query<{ kind: string }>(`SELECT kind FROM ledger_entries WHERE consent_id = $1 ORDER BY idx`, [consentId])).rows.map((row) => row.kind);
      expect(kinds).toEqual(['consent_recorded', 'disclosure', 'wraps_deleted', 'consent_revoked']);
    });

    it('ran every participant inside the revoking transaction and reported its effects', () => {
      expect(seen).toEqual([{ consentId, revokedInTransaction: true }]);
      expect(revocation.body.effects.map((effect) => effect.kind).sort()).toEqual(['recipient_notified', 'test_participant_ran', 'wraps_deleted']);
    });

    it('refuses the next read by the recipient (404) and logs the refusal', async () => {
      await expect(deliverTo(prosecutor, note)).rejects.toBeInstanceOf(RecordNoLongerAvailableError);
      const denied = await deniedEntriesFor(note.recordId);
      expect(denied).toEqual([expect.objectContaining({ outcome: 'denied', reason: 'wrap_basis_not_in_force', recipient: prosecutor.agencyId })]);
    });

    it('still lets the custodian read its own record', async () => {
      const own = await deliverTo(advocate, note);
      expect(own.basis.kind).toBe('custodian');
    });

    it('stops the decision service from finding a basis under it', async () => {
      const decision = await inTx((manager) =>
        decisions().decide(manager, { caseId, discloserAgencyId: advocate.agencyId, recipientAgencyId: prosecutor.agencyId, category: 'risk', action: 'receive_notes' }),
      );
      expect(decision).toEqual({ decision: 'deny', reason: 'consent_revoked' });
    });
  });

  it('lists a delivery whose read committed but whose API process never integrated its entry (decision 0036)', async () => {
    const caseId = await openCase();
    const consentId = await recordConsent(caseId, prosecution);
    const note = await noteFor(caseId, consentId, 'risk', 'Read just before the API process died');
    // The read as the API role runs it, committed with its queued entry — and no integration after it.
    const api = await connectAsApiRole(t.database.url);
    try {
      const actor = { principal: prosecutor.id, agency: prosecutor.agencyId, roles: prosecutor.roles };
      await api.query(`SELECT 1 FROM ccr_open_record($1, $2::jsonb, 'prosecution_support', 'orphaned-read')`, [note.recordId, JSON.stringify(actor)]);
    } finally {
      await api.end();
    }
    expect((await owner.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE consent_id = $1 AND kind = 'disclosure'`, [consentId])).rows[0].n).toBe(0);
    const revocation = await t.http().post(`/consents/${consentId}/revocation`).set('Authorization', advocate.bearer).send({ channel: 'in_person' }).expect(201);
    const { rows } = await owner.query<{ idx: string }>(`SELECT idx FROM ledger_entries WHERE kind = 'disclosure' AND consent_id = $1`, [consentId]);
    expect(rows).toHaveLength(1);
    expect(revocation.body.notRecalled).toEqual([
      { recordIds: [note.recordId], categories: ['risk'], recipientAgencyId: prosecutor.agencyId, deliveredAt: expect.any(String), logIndex: Number(rows[0].idx) },
    ]);
  });

  it('rolls the whole revocation back when a participant fails: the consent stays active and its wraps stay', async () => {
    const caseId = await openCase();
    const consentId = await recordConsent(caseId, prosecution);
    const note = await noteFor(caseId, consentId, 'risk', 'rollback');
    const failing: RevocationParticipant = {
      onConsentRevoked: () => Promise.reject(new Error('the referrals store is down')),
    };
    t.app.get(RevocationParticipants).register(failing);
    try {
      const response = await t.http().post(`/consents/${consentId}/revocation`).set('Authorization', advocate.bearer).send({ channel: 'phone' });
      expect(response.status).toBe(500);
      expect(JSON.stringify(response.body)).not.toContain('referrals store');
    } finally {
      t.app.get(RevocationParticipants).unregister(failing);
    }
    expect((await t.http().get(`/consents/${consentId}`).set('Authorization', advocate.bearer).expect(200)).body.status).toBe('active');
    expect((await owner.query(`SELECT 1 FROM record_wraps WHERE record_id = $1 AND agency_id = $2`, [note.recordId, prosecutor.agencyId])).rowCount).toBe(1);
    expect((await owner.query(`SELECT 1 FROM ledger_entries WHERE consent_id = $1 AND kind IN ('consent_revoked', 'wraps_deleted')`, [consentId])).rowCount).toBe(0);
  });

  describe('basisForNewWrap: the only way a wrap gets a basis', () => {
    let caseId: string;
    let consentId: string;

    beforeAll(async () => {
      caseId = await openCase();
      consentId = await recordConsent(caseId, prosecution, { categories: ['risk'] });
    });

    const ask = (category: string, recipient: string, claimed: string | null) =>
      inTx((manager) => decisions().basisForNewWrap(manager, { caseId, discloserAgencyId: advocate.agencyId, category: category as 'risk', action: 'receive_notes' }, recipient, claimed));

    it('gives the custodian basis to the author itself and the consent basis to a covered recipient', async () => {
      await expect(ask('risk', advocate.agencyId, null)).resolves.toEqual({ kind: 'custodian', id: null });
      await expect(ask('risk', prosecutor.agencyId, consentId)).resolves.toEqual({ kind: 'consent', id: consentId });
    });

    it.each([
      ['a category the release does not cover', 'legal', () => prosecutor.agencyId, () => consentId, 'category_not_covered'],
      ['a wrap that names no basis', 'risk', () => prosecutor.agencyId, () => null, 'no_consent'],
      ['a consent for another recipient', 'risk', () => clinicWorker.agencyId, () => consentId, 'no_consent'],
      ['a basis that does not exist', 'risk', () => prosecutor.agencyId, () => randomUUID(), 'no_consent'],
      ['a custodian-only category', 'privileged_counseling', () => prosecutor.agencyId, () => consentId, 'custodian_only_category'],
    ])('refuses %s (422 wrap-not-covered, naming recipient and reason)', async (_name, category, recipient, claimed, reason) => {
      const error = await ask(category, recipient(), claimed()).then(
        () => null,
        (refusal: unknown) => refusal,
      );
      expect(error).toBeInstanceOf(WrapNotCoveredError);
      expect(error).toMatchObject({ status: 422, slug: 'wrap-not-covered', reason, recipientAgencyId: recipient() });
    });

    it('refuses a covered wrap once the survivor excluded the recipient in another release of the case', async () => {
      const onCase = await openCase();
      const covered = await recordConsent(onCase, prosecution);
      await recordConsent(onCase, clinic, { denyAgencyIds: [prosecutor.agencyId] });
      const error = await inTx((manager) =>
        decisions().basisForNewWrap(manager, { caseId: onCase, discloserAgencyId: advocate.agencyId, category: 'risk', action: 'receive_notes' }, prosecutor.agencyId, covered),
      ).catch((refusal: unknown) => refusal);
      expect(error).toMatchObject({ reason: 'recipient_excluded_by_survivor' });
    });
  });

  it('an amendment that narrows the release withdraws the wraps it no longer covers, at once', async () => {
    const caseId = await openCase();
    const consentId = await recordConsent(caseId, prosecution, { categories: ['risk', 'legal'] });
    const risk = await noteFor(caseId, consentId, 'risk', 'risk note');
    const legal = await noteFor(caseId, consentId, 'legal', 'legal note');
    const fields = defaultTerms({ categories: ['risk'] });
    const signed = await signedTerms(shelter, caseId, prosecutor.agencyId, fields, { consentId, version: 2 });
    const amended = await t.http().post(`/consents/${consentId}/versions`).set('Authorization', advocate.bearer).send({ ...fields, version: 2, signerEpoch: 1, signature: signed.signature }).expect(201);
    expect(amended.body.wrapsWithdrawn).toEqual([{ recordId: legal.recordId, agencyId: prosecutor.agencyId, reason: 'category_not_covered' }]);
    await expect(deliverTo(prosecutor, legal)).rejects.toBeInstanceOf(RecordNoLongerAvailableError);
    await expect(deliverTo(prosecutor, risk)).resolves.toMatchObject({ basis: { kind: 'consent', id: consentId, version: 2 } });
  });

  it("a new deny provision withdraws the excluded agency's wraps under every other release of the case", async () => {
    const caseId = await openCase();
    const toProsecution = await recordConsent(caseId, prosecution);
    const note = await noteFor(caseId, toProsecution, 'risk', 'note');
    const response = await t.http()
      .post(`/cases/${caseId}/consents`)
      .set('Authorization', advocate.bearer)
      .send(await consentBody(shelter, caseId, clinic.agencyId, { denyAgencyIds: [prosecutor.agencyId] }))
      .expect(201);
    expect(response.body.wrapsWithdrawn).toEqual([{ recordId: note.recordId, agencyId: prosecutor.agencyId, reason: 'recipient_excluded_by_survivor' }]);
    await expect(deliverTo(prosecutor, note)).rejects.toBeInstanceOf(RecordNoLongerAvailableError);
    const logged = await owner.query<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE kind = 'wraps_deleted' AND case_id = $1`, [caseId]);
    expect(JSON.parse(logged.rows[0].entry.toString())).toMatchObject({ records: [note.recordId], detail: { trigger: 'consent_recorded', reasons: ['recipient_excluded_by_survivor'] } });
  });
});
