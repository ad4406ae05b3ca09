import { randomUUID } from 'node:crypto';
import { DENY_REASON_DESCRIPTIONS, PERMIT_REASON_DESCRIPTIONS } from '../../src/consent/policy/reason-descriptions';
import { createNoteVerifier, type TrustPolicy } from '../../src/ledger/checkpoint';
import { type AccountingBundle, verifyAccounting } from '../../src/ledger/verifier';
import { connectAsApiRole } from '../support/api-role';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { LedgerFixtures } from '../support/ledger-fixtures';

describe("the survivor's accounting of disclosures", () => {
  let t: TestApp;
  let ccr: TestCcr;
  let log: LedgerFixtures;
  let auditor: Actor;
  let advocate: Actor;
  let colleague: Actor;
  let prosecutor: Actor;
  let clerk: Actor;
  let nurse: Actor;
  let strangerAdvocate: Actor;
  let caseId: string;
  let consentId: string;
  let mandateId: string;
  let linkedCaseId: string;
  let trust: TrustPolicy;
  const custodianName = `Safe <Harbor> & "Shelter" ${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
    auditor = await ccr.person(await ccr.coordinatingBodyId(), ['auditor']);
    const custodian = await ccr.agency('advocacy', 'vawa_fvpsa_voca', custodianName);
    advocate = await ccr.person(custodian, ['advocate']);
    colleague = await ccr.person(custodian, ['agency_worker']);
    prosecutor = await ccr.person(await ccr.agency('prosecution', 'criminal_justice', `County Prosecutor ${randomUUID().slice(0, 6)}`), ['agency_worker']);
    clerk = await ccr.person(await ccr.agency('court', 'criminal_justice'), ['agency_worker']);
    nurse = await ccr.person(await ccr.agency('health', 'hipaa'), ['agency_worker']);
    strangerAdvocate = await ccr.person(await ccr.agency('advocacy'), ['advocate']);
    log = await LedgerFixtures.connect(t.database.url, await connectAsApiRole(t.database.url));
    trust = { logKey: await createNoteVerifier((await t.http().get('/ledger/log-key')).body.verifierKey), witnessKeys: [], quorum: 0 };

    caseId = await log.openCase(custodian, advocate);
    consentId = await log.recordConsent(caseId, custodian, prosecutor.agencyId, advocate, { categories: ['risk', 'safety_plan'] });
    mandateId = await log.registerMandate(caseId, custodian, clerk.agencyId, advocate, 'delayed');
    const recordId = await log.storeRecord(caseId, custodian, 'risk', [
      { agency: prosecutor.agencyId, basis: 'consent', basisId: consentId },
      { agency: clerk.agencyId, basis: 'mandate', basisId: mandateId },
    ]);
    await log.read(recordId, prosecutor);
    await log.read(recordId, clerk, 'protection_order_support');
    await log.read(recordId, colleague, 'advocacy_services');
    await log.refuse(caseId, nurse, custodian, 'no_consent');
    await log.revokeConsent(consentId, caseId, prosecutor.agencyId, advocate);
    linkedCaseId = await log.openCase(prosecutor.agencyId, prosecutor, caseId);
    await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    await log.refuse(caseId, nurse, custodian, 'no_consent'); // after the checkpoint: the accounting signs one that covers it
  });
  afterAll(async () => {
    await log.close();
    await t.close();
  });

  const accounting = (actor: Actor = advocate, query = '') => t.http().get(`/cases/${caseId}/accounting${query}`).set('Authorization', actor.bearer);

  it('lists the whole chain in plain language, with recipients, categories, purposes and bases', async () => {
    const body = (await accounting().expect(200)).body;
    expect(body).toMatchObject({ format: 'ccr-accounting/v1', caseId, custodian: { id: advocate.agencyId, name: custodianName } });
    expect(body.entries.map((entry: { kind: string }) => entry.kind)).toEqual(['case_opened', 'consent_recorded', 'mandate_registered', 'disclosure', 'disclosure', 'access', 'denied', 'consent_revoked', 'denied']);
    expect(body.entries.map((entry: { caseSeq: number }) => entry.caseSeq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [toProsecutor, toCourt] = body.entries.filter((entry: { kind: string }) => entry.kind === 'disclosure');
    expect(toProsecutor).toMatchObject({
      recipient: { id: prosecutor.agencyId, name: expect.stringContaining('County Prosecutor') },
      discloser: { id: advocate.agencyId, name: custodianName },
      categories: [{ code: 'risk', label: 'risk assessment notes' }],
      purpose: { code: 'prosecution_support', label: 'support during prosecution' },
      basis: { kind: 'consent', consentId, consentVersion: 1, compelled: false, notification: null },
      outcome: 'permitted',
      reasonText: PERMIT_REASON_DESCRIPTIONS.survivor_consent,
    });
    expect(toProsecutor.description).toContain('County Prosecutor');
    expect(toCourt.basis).toMatchObject({ kind: 'mandate', mandateId, compelled: true, notification: { status: 'delayed', reason: 'risk_of_serious_harm' } });
    // The purpose of the basis, not the one the reader named: a court order's compulsion; the custodian's own work.
    expect(toCourt.purpose).toEqual({ code: 'court_order_compliance', label: 'obeying a court order' });
    const access = body.entries.find((entry: { kind: string }) => entry.kind === 'access');
    expect(access.purpose).toEqual({ code: 'custodian_case_work', label: "the agency's own work on the case" });
    expect(toCourt.basis.notification.text).toMatch(/delayed because telling the survivor could put someone at risk/);
    const refused = body.entries.find((entry: { kind: string }) => entry.kind === 'denied');
    expect(refused).toMatchObject({ outcome: 'denied', reasonCode: 'no_consent', reasonText: DENY_REASON_DESCRIPTIONS.no_consent });
    expect(body.summary).toEqual({ disclosures: 2, compelled: 1, refused: 2, internalAccess: 1, entries: 9, pending: 0 });
  });

  it('shows the consent history, the compelled disclosures and the linked cases', async () => {
    const body = (await accounting().expect(200)).body;
    expect(body.consents).toEqual([
      expect.objectContaining({ consentId, recipient: expect.objectContaining({ id: prosecutor.agencyId }), status: 'revoked', revocationChannel: 'phone', versions: [expect.objectContaining({ version: 1, purpose: { code: 'prosecution_support', label: 'support during prosecution' } })] }),
    ]);
    expect(body.mandates).toEqual([expect.objectContaining({ mandateId, basis: 'court_order', notification: expect.objectContaining({ status: 'delayed' }) })]);
    expect(body.linkedTo).toEqual([expect.objectContaining({ caseId: linkedCaseId, agency: expect.objectContaining({ id: prosecutor.agencyId }) })]);
    expect(body.linkedFrom).toBeNull();
  });

  it('proves every entry against the receipt; an offline check of the bundle passes and fails when altered', async () => {
    const body: AccountingBundle & { receipt: { treeSize: number } } = (await accounting().expect(200)).body;
    const report = await verifyAccounting(body, trust);
    expect(report).toMatchObject({ ok: true, caseId, entries: body.entries.length, proved: body.entries.length, pending: 0, failures: [] });
    expect(body.entries.every((entry) => entry.inclusionProof !== null)).toBe(true);
    const altered = structuredClone(body);
    const target = altered.entries[3];
    target.bytes = Buffer.from(Buffer.from(target.bytes, 'base64').toString('utf8').replace('prosecution_support', 'advocacy_services')).toString('base64');
    expect(await verifyAccounting(altered, trust)).toMatchObject({ ok: false, firstBadIndex: target.index, failures: expect.arrayContaining([expect.objectContaining({ code: 'leaf-hash-mismatch', index: target.index })]) });
    const dropped = { ...structuredClone(body), entries: body.entries.filter((_entry, i) => i !== 4) };
    expect(await verifyAccounting(dropped, trust)).toMatchObject({ ok: false, failures: [expect.objectContaining({ code: 'case-chain', index: body.entries[5].index })] });
    const badProof = structuredClone(body);
    badProof.entries[0].inclusionProof = [...(badProof.entries[0].inclusionProof as string[])].reverse();
    expect(await verifyAccounting(badProof, trust)).toMatchObject({ ok: false, firstBadIndex: body.entries[0].index, failures: [expect.objectContaining({ code: 'inclusion', index: body.entries[0].index })] });
  });

  it('is itself logged (accounting_provided), and the next accounting shows it in the chain', async () => {
    const first = (await accounting().expect(200)).body;
    const logged = await log.entriesOfKind('accounting_provided');
    expect(logged.at(-1)).toMatchObject({ idx: first.accountingEntryIndex, entry: { case: caseId, actor: { principal: advocate.id }, detail: { format: 'json', entries: first.entries.length } } });
    const next = (await accounting().expect(200)).body;
    expect(next.entries.at(-1)).toMatchObject({ kind: 'accounting_provided', index: first.accountingEntryIndex, caseSeq: first.entries.length + 1 });
  });

  it('proves the log only grew since a receipt the advocate kept (since)', async () => {
    const kept = (await accounting().expect(200)).body.receipt;
    await log.refuse(caseId, nurse, advocate.agencyId, 'no_consent');
    await t.http().post('/ledger/checkpoints').set('Authorization', auditor.bearer).expect(200);
    const later = (await accounting(advocate, `?since=${kept.treeSize}`).expect(200)).body;
    expect(later.consistency).toMatchObject({ from: kept.treeSize, to: later.receipt.treeSize });
    expect(later.receipt.treeSize).toBeGreaterThan(kept.treeSize);
    expect(await verifyAccounting(later, trust, kept.note)).toMatchObject({ ok: true, failures: [] });
    expect((await verifyAccounting({ ...later, consistency: null }, trust, kept.note)).ok).toBe(false);
    const beyond = await accounting(advocate, `?since=${later.receipt.treeSize + 1000}`).expect(422);
    expect(beyond.body.errors[0].field).toBe('since');
  });

  it('prints a plain-language HTML page with no scripts, every value escaped', async () => {
    const response = await accounting(advocate, '?format=html').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['cache-control']).toBe('no-store');
    const html = response.text;
    expect(html).toContain('<h1>Accounting of disclosures</h1>');
    expect(html).toContain('Safe &lt;Harbor&gt; &amp; &quot;Shelter&quot;');
    expect(html).not.toContain('<Harbor>');
    expect(html).not.toMatch(/<script|javascript:|<link|<img|\son[a-z]+=/i);
    expect(html).toContain('Court order');
    expect(html).toContain('Telling the survivor was delayed');
    expect(html).toContain(DENY_REASON_DESCRIPTIONS.no_consent.replace(/'/g, '&#39;'));
    expect(html).toContain('Keep it: save the text in the box below, exactly as it is, in a file');
    expect(html).toContain(`--previous receipt.txt`);
    const byAccept = await t.http().get(`/cases/${caseId}/accounting`).set('Authorization', advocate.bearer).set('Accept', 'text/html').expect(200);
    expect(byAccept.headers['content-type']).toMatch(/^text\/html/);
  });

  it("answers another agency's advocate exactly as for a missing case, and refuses other roles", async () => {
    const foreign = await accounting(strangerAdvocate).expect(404);
    const missing = await t.http().get(`/cases/${randomUUID()}/accounting`).set('Authorization', strangerAdvocate.bearer).expect(404);
    expect({ ...foreign.body, instance: undefined, requestId: undefined }).toEqual({ ...missing.body, instance: undefined, requestId: undefined });
    await t.http().get(`/cases/${linkedCaseId}/accounting`).set('Authorization', advocate.bearer).expect(404);
    await accounting(colleague).expect(403);
    await accounting(prosecutor).expect(403);
    await accounting(auditor).expect(403);
    await t.http().get('/cases/not-a-uuid/accounting').set('Authorization', advocate.bearer).expect(404);
  });

  it('answers 503 and shows nothing when the accounting_provided entry cannot be written', async () => {
    const restore = await log.failLedgerInserts();
    try {
      const response = await accounting().expect(503);
      expect(response.body.type).toBe('urn:ccr-exchange:problem:disclosure-log-unavailable');
      expect(response.body.entries).toBeUndefined();
      expect(response.text).not.toContain(consentId);
    } finally {
      await restore();
    }
  });

  it('fails loudly, showing nothing, when the stored chain is broken', async () => {
    const { rows } = await log.owner.query<{ idx: string; entry: Buffer }>('SELECT idx, entry FROM ledger_entries WHERE case_id = $1 ORDER BY idx LIMIT 1 OFFSET 3', [caseId]);
    const { idx, entry } = rows[0];
    await tamper(`UPDATE ledger_entries SET entry = $2 WHERE idx = $1`, [idx, Buffer.from(entry.toString('utf8').replace('prosecution_support', 'advocacy_services'))]);
    try {
      const response = await accounting().expect(503);
      expect(response.body).toMatchObject({ type: 'urn:ccr-exchange:problem:disclosure-log-integrity', index: Number(idx) });
      expect(response.text).not.toContain(consentId);
      expect(t.logs.join('\n')).toContain(`integrity failure at index ${idx}`);
    } finally {
      await tamper(`UPDATE ledger_entries SET entry = $2 WHERE idx = $1`, [idx, entry]);
    }
    await accounting().expect(200);
  });

  /** As a superuser with the append-only triggers off, in this session only. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await log.owner.query('BEGIN');
    await log.owner.query('SET LOCAL session_replication_role = replica');
    await log.owner.query(sql, params);
    await log.owner.query('COMMIT');
  }
});
