import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { signConsentRevocation } from '../../src/consent/consent-terms';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, consentBody, type ConsentTermsFields, defaultTerms, registerAgencyKeys, sealAs, signedTerms } from '../support/sealing';

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

describe('consents: record, list, amend, revoke', () => {
  let t: TestApp;
  let owner: Client;
  let ccr: TestCcr;
  let advocate: Actor;
  let shelterKeys: AgencyKeys;
  let prosecutor: Actor;
  let prosecutorKeys: AgencyKeys;
  let clinicId: string;
  let suspendedId: string;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    ccr = new TestCcr(t);
    const shelter = await ccr.agency('advocacy', 'vawa_fvpsa_voca');
    const prosecution = await ccr.agency('prosecution', 'criminal_justice');
    clinicId = await ccr.agency('health', 'hipaa');
    suspendedId = await ccr.agency('probation', 'criminal_justice');
    await t.http().put(`/agencies/${suspendedId}/status`).set('Authorization', (await ccr.admin()).bearer).send({ status: 'suspended' }).expect(200);
    advocate = await ccr.person(shelter, ['advocate']);
    prosecutor = await ccr.person(prosecution, ['agency_worker']);
    shelterKeys = await registerAgencyKeys(t, advocate);
    prosecutorKeys = await registerAgencyKeys(t, prosecutor);
    caseId = (await openCase(advocate)).id;
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  async function openCase(actor: Actor): Promise<{ id: string }> {
    return (await t.http().post('/cases').set('Authorization', actor.bearer).send({}).expect(201)).body;
  }
  const record = (actor: Actor, onCase: string, body: unknown) => t.http().post(`/cases/${onCase}/consents`).set('Authorization', actor.bearer).send(body as object);
  const get = (actor: Actor, path: string) => t.http().get(path).set('Authorization', actor.bearer);

  async function ledgerOf(consentId: string): Promise<{ kind: string; entry: Record<string, unknown> }[]> {
    const { rows } = await owner.query<{ kind: string; entry: Buffer }>('SELECT kind, entry FROM ledger_entries WHERE consent_id = $1 ORDER BY idx', [consentId]);
    return rows.map((row) => ({ kind: row.kind, entry: JSON.parse(row.entry.toString()) }));
  }

  describe('a release through its lifecycle', () => {
    let consentId: string;

    it('records a signed release: active, releasing data, version 1, logged', async () => {
      const body = await consentBody(shelterKeys, caseId, prosecutor.agencyId);
      consentId = body.consentId as string;
      const response = await record(advocate, caseId, body).expect(201);
      expect(response.body).toMatchObject({
        id: consentId,
        caseId,
        custodianAgencyId: advocate.agencyId,
        recipientAgencyId: prosecutor.agencyId,
        status: 'active',
        releasesData: true,
        currentVersion: 1,
        revocation: null,
        warnings: [],
        wrapsWithdrawn: [],
      });
      expect(response.body.current).toMatchObject({ version: 1, categories: ['risk', 'safety_plan'], recordedByPrincipalId: advocate.id, signerEpoch: 1, signature: body.signature });
      const logged = await ledgerOf(consentId);
      expect(logged.map((row) => row.kind)).toEqual(['consent_recorded']);
      expect(logged[0].entry).toMatchObject({ case: caseId, recipient: prosecutor.agencyId, basis: { kind: 'consent', consent: consentId, version: 1 }, detail: { denyProvisions: 0 } });
    });

    it('lists it with its history and reads it by id', async () => {
      const list = await get(advocate, `/cases/${caseId}/consents`).expect(200);
      expect(list.body.map((consent: { id: string }) => consent.id)).toContain(consentId);
      const one = await get(advocate, `/consents/${consentId}`).expect(200);
      expect(one.body.versions.map((version: { version: number }) => version.version)).toEqual([1]);
    });

    it('amends it: version 2 supersedes, version 1 is kept, and the log says so', async () => {
      const fields = defaultTerms({ categories: ['risk'] });
      const signed = await signedTerms(shelterKeys, caseId, prosecutor.agencyId, fields, { consentId, version: 2 });
      const response = await t.http().post(`/consents/${consentId}/versions`).set('Authorization', advocate.bearer).send({ ...fields, version: 2, signerEpoch: 1, signature: signed.signature }).expect(201);
      expect(response.body.currentVersion).toBe(2);
      expect(response.body.current.categories).toEqual(['risk']);
      expect(response.body.versions.map((version: { version: number; categories: string[] }) => [version.version, version.categories])).toEqual([
        [1, ['risk', 'safety_plan']],
        [2, ['risk']],
      ]);
      expect((await ledgerOf(consentId)).map((row) => row.kind)).toEqual(['consent_recorded', 'consent_amended']);
    });

    it('refuses an amendment that is not the next version (409), or signed for another version (422)', async () => {
      const fields = defaultTerms();
      const stale = await signedTerms(shelterKeys, caseId, prosecutor.agencyId, fields, { consentId, version: 2 });
      const conflict = await t.http().post(`/consents/${consentId}/versions`).set('Authorization', advocate.bearer).send({ ...fields, version: 2, signerEpoch: 1, signature: stale.signature }).expect(409);
      expect(conflict.body).toMatchObject({ type: 'urn:ccr-exchange:problem:consent-version-conflict', currentVersion: 2 });
      const mismatch = await t.http().post(`/consents/${consentId}/versions`).set('Authorization', advocate.bearer).send({ ...fields, version: 3, signerEpoch: 1, signature: stale.signature }).expect(422);
      expect(mismatch.body.errors[0].field).toBe('signature');
    });

    it('revokes it at once, records who received it and how, and logs it', async () => {
      const response = await t.http().post(`/consents/${consentId}/revocation`).set('Authorization', advocate.bearer).send({ channel: 'phone' }).expect(201);
      expect(response.body.consent).toMatchObject({ status: 'revoked', releasesData: false, revocation: { receivedByPrincipalId: advocate.id, channel: 'phone', signature: null } });
      expect(response.body.notRecalled).toEqual([]);
      expect(response.body.effects).toEqual([
        expect.objectContaining({ kind: 'wraps_deleted', ids: [] }),
        expect.objectContaining({ kind: 'recipient_notified', ids: [response.body.consent.recipientAgencyId] }),
      ]);
      const logged = await ledgerOf(consentId);
      expect(logged.at(-1)).toMatchObject({ kind: 'consent_revoked', entry: { basis: { version: 2 }, detail: { channel: 'phone', signed: false } } });
      expect(response.body.logIndex).toEqual(expect.any(Number));
    });

    it('refuses to revoke twice (409) and to amend a revoked release (409)', async () => {
      const again = await t.http().post(`/consents/${consentId}/revocation`).set('Authorization', advocate.bearer).send({ channel: 'in_person' }).expect(409);
      expect(again.body.type).toBe('urn:ccr-exchange:problem:consent-already-revoked');
      const fields = defaultTerms();
      const signed = await signedTerms(shelterKeys, caseId, prosecutor.agencyId, fields, { consentId, version: 3 });
      const amend = await t.http().post(`/consents/${consentId}/versions`).set('Authorization', advocate.bearer).send({ ...fields, version: 3, signerEpoch: 1, signature: signed.signature }).expect(409);
      expect(amend.body.type).toBe('urn:ccr-exchange:problem:consent-revoked');
    });
  });

  it('keeps the survivor words as a sealed record only the custodian can hold', async () => {
    const words = await sealAs(shelterKeys, { caseId, category: 'consent_terms', body: 'I want the prosecutor to know about the threats' });
    const body = await consentBody(shelterKeys, caseId, prosecutor.agencyId, {}, { termsRecordId: words.recordId });
    const response = await record(advocate, caseId, { ...body, terms: words }).expect(201);
    expect(response.body.current.termsRecordId).toBe(words.recordId);
    const wrapped = await owner.query('SELECT agency_id, basis_kind FROM record_recipients WHERE record_id = $1', [words.recordId]);
    expect(wrapped.rows).toEqual([{ agency_id: advocate.agencyId, basis_kind: 'custodian' }]);
  });

  it('records a signed revocation when the survivor signed one', async () => {
    const body = await consentBody(shelterKeys, caseId, prosecutor.agencyId);
    const consentId = body.consentId as string;
    await record(advocate, caseId, body).expect(201);
    const signature = Buffer.from(await signConsentRevocation(consentId, 1, 'written', shelterKeys.keys.sign.privateKey)).toString('base64');
    const bad = await t.http().post(`/consents/${consentId}/revocation`).set('Authorization', advocate.bearer).send({ channel: 'in_person', signerEpoch: 1, signature }).expect(422);
    expect(bad.body.errors[0].field).toBe('signature');
    const response = await t.http().post(`/consents/${consentId}/revocation`).set('Authorization', advocate.bearer).send({ channel: 'written', signerEpoch: 1, signature }).expect(201);
    expect(response.body.consent.revocation).toMatchObject({ channel: 'written', signerEpoch: 1, signature });
  });

  it('accepts a verbal release from a VAWA/FVPSA/VOCA agency as a record, and says plainly it releases nothing', async () => {
    const response = await record(advocate, caseId, await consentBody(shelterKeys, caseId, prosecutor.agencyId, { captureMode: 'verbal' })).expect(201);
    expect(response.body).toMatchObject({ status: 'active', releasesData: false });
    expect(response.body.warnings.map((warning: { code: string }) => warning.code)).toEqual(['verbal_consent_releases_nothing']);
  });

  it('refuses a signature by another agency\'s key (422 signature), and writes nothing', async () => {
    const body = await consentBody(shelterKeys, caseId, prosecutor.agencyId, {}, { signWith: { ...prosecutorKeys, agencyId: shelterKeys.agencyId } });
    const response = await record(advocate, caseId, body).expect(422);
    expect(response.body.errors).toEqual([{ field: 'signature', messages: [expect.stringContaining('does not verify')] }]);
    await get(advocate, `/consents/${body.consentId as string}`).expect(404);
  });

  it('refuses a signer epoch the agency does not have (422 signerEpoch)', async () => {
    const body = await consentBody(shelterKeys, caseId, prosecutor.agencyId);
    const response = await record(advocate, caseId, { ...body, signerEpoch: 2 }).expect(422);
    expect(response.body.errors[0].field).toBe('signerEpoch');
  });

  it('refuses a repeated consent id (409)', async () => {
    const body = await consentBody(shelterKeys, caseId, prosecutor.agencyId);
    await record(advocate, caseId, body).expect(201);
    const again = await record(advocate, caseId, body).expect(409);
    expect(again.body.type).toBe('urn:ccr-exchange:problem:consent-exists');
  });

  it('records a consent id sent twice at once exactly once: the other answer is 409', async () => {
    const body = await consentBody(shelterKeys, caseId, prosecutor.agencyId);
    const answers = await Promise.all([record(advocate, caseId, body), record(advocate, caseId, body), record(advocate, caseId, body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    expect((await ledgerOf(body.consentId as string)).map((row) => row.kind)).toEqual(['consent_recorded']);
  });

  describe('every rule, naming the field (422), with nothing written', () => {
    const rows: [string, () => Partial<ConsentTermsFields> & Record<string, unknown>, string][] = [
      ['an end before the start', () => ({ validFrom: inDays(10), validUntil: inDays(5) }), 'validUntil'],
      ['no end', () => ({ validUntil: undefined }), 'validUntil'],
      ['an end past the policy maximum', () => ({ validFrom: inDays(0), validUntil: inDays(400) }), 'validUntil'],
      ['an end already past', () => ({ validFrom: inDays(-20), validUntil: inDays(-1) }), 'validUntil'],
      ['a time without milliseconds and zone', () => ({ validFrom: '2026-01-01' }), 'validFrom'],
      ['an unknown category', () => ({ categories: ['gossip'] }), 'categories'],
      ['privileged counselling', () => ({ categories: ['privileged_counseling'] }), 'categories'],
      ['an unknown purpose', () => ({ purpose: 'curiosity' }), 'purpose'],
      ['an unknown action', () => ({ actions: ['publish'] }), 'actions'],
      ['no action', () => ({ actions: [] }), 'actions'],
      ['notes without a category', () => ({ categories: [] }), 'categories'],
      ['categories without notes', () => ({ actions: ['receive_referral'] }), 'categories'],
      ['an unknown capture mode', () => ({ captureMode: 'telepathy' }), 'captureMode'],
      ['a language that is not a tag', () => ({ language: 'English please' }), 'language'],
      ['an incomplete checklist', () => ({ informedConsent: ['revocation_explained'] }), 'informedConsent'],
      ['an interpreter who may be family', () => ({ interpreter: { used: true, qualified: true, affiliation: 'volunteer', notFamilyOrPersonCausingHarm: false } }), 'interpreter.notFamilyOrPersonCausingHarm'],
      ['an interpreter that is not an object', () => ({ interpreter: [] as unknown as Record<string, unknown> }), 'interpreter'],
      ['an interpreter not described', () => ({ interpreter: { used: true } }), 'interpreter.qualified'],
      ['a deny provision naming an unknown agency', () => ({ denyAgencyIds: [randomUUID()] }), 'denyAgencyIds'],
      ['a malformed release hash', () => ({ releaseDocumentSha256: 'ABC' }), 'releaseDocumentSha256'],
      ['an unknown field', () => ({ survivorName: 'x' }), 'survivorName'],
    ];

    it.each(rows)('%s', async (_name, overrides, field) => {
      const body = await consentBody(shelterKeys, caseId, prosecutor.agencyId, overrides());
      const response = await record(advocate, caseId, body).expect(422);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      await get(advocate, `/consents/${body.consentId as string}`).expect(404);
    });

    it.each([
      ['an unknown recipient', () => randomUUID()],
      ['a suspended recipient', () => suspendedId],
      ['the custodian itself', () => advocate.agencyId],
      ['the coordinating body', () => ccr.coordinatingBodyId()],
    ])('%s as recipient', async (_name, recipient) => {
      const body = await consentBody(shelterKeys, caseId, await recipient());
      const response = await record(advocate, caseId, body).expect(422);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['recipientAgencyId']);
    });

    it('a deny provision naming the recipient itself', async () => {
      const response = await record(advocate, caseId, await consentBody(shelterKeys, caseId, prosecutor.agencyId, { denyAgencyIds: [prosecutor.agencyId] })).expect(422);
      expect(response.body.errors[0].field).toBe('denyAgencyIds');
    });
  });

  it('warns when a deny provision elsewhere in the case excludes the recipient', async () => {
    const onCase = (await openCase(advocate)).id;
    await record(advocate, onCase, await consentBody(shelterKeys, onCase, prosecutor.agencyId, { denyAgencyIds: [clinicId] })).expect(201);
    const response = await record(advocate, onCase, await consentBody(shelterKeys, onCase, clinicId)).expect(201);
    expect(response.body).toMatchObject({ releasesData: false, warnings: [expect.objectContaining({ code: 'recipient_excluded_by_survivor' })] });
  });

  describe("another agency's case or consent answers 404, exactly like a missing one", () => {
    let consentId: string;

    beforeAll(async () => {
      const body = await consentBody(shelterKeys, caseId, prosecutor.agencyId);
      consentId = body.consentId as string;
      await record(advocate, caseId, body).expect(201);
    });

    /** Each call with a valid body, aimed at an id: the foreign one, then one that does not exist. */
    const calls: [string, (id: string) => Promise<{ status: number; body: { title?: string } }>][] = [
      ['record on its case', async (id) => record(prosecutor, id, await consentBody(prosecutorKeys, id, clinicId))],
      ['list its case', (id) => get(prosecutor, `/cases/${id}/consents`)],
      ['read its consent', (id) => get(prosecutor, `/consents/${id}`)],
      [
        'amend its consent',
        async (id) => {
          const fields = defaultTerms();
          const signed = await signedTerms(prosecutorKeys, caseId, clinicId, fields, { consentId: id, version: 2 });
          return t.http().post(`/consents/${id}/versions`).set('Authorization', prosecutor.bearer).send({ ...fields, version: 2, signerEpoch: 1, signature: signed.signature });
        },
      ],
      ['revoke its consent', (id) => t.http().post(`/consents/${id}/revocation`).set('Authorization', prosecutor.bearer).send({ channel: 'phone' })],
    ];

    it.each(calls)('%s', async (name, call) => {
      const foreign = await call(name.endsWith('case') ? caseId : consentId);
      const missing = await call(randomUUID());
      expect([foreign.status, missing.status]).toEqual([404, 404]);
      expect(foreign.body.title).toBe(missing.body.title);
    });

    it('and the consent is still active afterwards', async () => {
      expect((await get(advocate, `/consents/${consentId}`).expect(200)).body.status).toBe('active');
    });
  });
});
