import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type AgreementTermsInput } from '../../src/agreements/agreement-terms';
import { generateAgencyKeyEpoch } from '../../src/crypto';
import { agreementSignature, policeAdvocacyTerms } from '../support/agreements';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type AgencyKeys, registerAgencyKeys } from '../support/sealing';

describe('working agreements: propose, sign, in force, versions', () => {
  let t: TestApp;
  let owner: Client;
  let officer: Actor;
  let advocate: Actor;
  let outsider: Actor;
  let policeKeys: AgencyKeys;
  let advocacyKeys: AgencyKeys;
  let terms: AgreementTermsInput;
  const agreementId = randomUUID();

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    const ccr = new TestCcr(t);
    officer = await ccr.person(await ccr.agency('law_enforcement', 'criminal_justice'), ['agency_worker']);
    advocate = await ccr.person(await ccr.agency('advocacy', 'vawa_fvpsa_voca'), ['advocate']);
    outsider = await ccr.person(await ccr.agency('health', 'hipaa'), ['agency_worker']);
    policeKeys = await registerAgencyKeys(t, officer);
    advocacyKeys = await registerAgencyKeys(t, advocate);
    await registerAgencyKeys(t, outsider);
    terms = policeAdvocacyTerms(officer.agencyId, advocate.agencyId);
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const post = (actor: Actor, path: string, body: object) => t.http().post(path).set('Authorization', actor.bearer).send(body);
  const get = (actor: Actor, path: string) => t.http().get(path).set('Authorization', actor.bearer);

  async function logged(): Promise<{ kind: string; detail: Record<string, unknown> }[]> {
    const { rows } = await owner.query<{ kind: string; entry: Buffer }>("SELECT kind, entry FROM ledger_entries WHERE kind LIKE 'agreement_%' ORDER BY idx");
    return rows.map((row) => ({ kind: row.kind, detail: JSON.parse(row.entry.toString()).detail })).filter((row) => row.detail.agreement === agreementId);
  }

  async function signatureRows(): Promise<number> {
    const { rows } = await owner.query<{ n: string }>('SELECT count(*) AS n FROM agreement_signatures WHERE agreement_id = $1', [agreementId]);
    return Number(rows[0].n);
  }

  it('police propose version 1, signed with their key: proposed, awaiting the advocacy program, logged', async () => {
    const response = await post(officer, '/agreements', { agreementId, terms, ...(await agreementSignature(policeKeys, agreementId, 1, terms)) }).expect(201);
    expect(response.body).toMatchObject({ id: agreementId, latestVersion: 1, inForceVersion: null });
    expect(response.body.versions[0]).toMatchObject({ version: 1, status: 'proposed', awaiting: [advocate.agencyId], inForceAt: null });
    expect(response.body.versions[0].signatures.map((each: { agencyId: string }) => each.agencyId)).toEqual([officer.agencyId]);
    expect(response.body.versions[0].terms).toMatchObject({ v: 1, parties: [officer.agencyId, advocate.agencyId].sort() });
    expect((await logged()).map((row) => row.kind)).toEqual(['agreement_proposed']);
  });

  it('is invisible to an agency that is not a party: 404, and absent from its list', async () => {
    const missing = await get(outsider, `/agreements/${agreementId}`).expect(404);
    expect(missing.body.type).toBe('urn:ccr-exchange:problem:not-found');
    const sign = await post(outsider, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(advocacyKeys, agreementId, 1, terms)).expect(404);
    expect(sign.body.type).toBe('urn:ccr-exchange:problem:not-found');
    const list = await get(outsider, '/agreements').expect(200);
    expect(list.body.map((each: { id: string }) => each.id)).not.toContain(agreementId);
  });

  it('refuses a signature made with a forged key (not the one in the directory): 422, nothing stored, nothing logged', async () => {
    const forger = { ...advocacyKeys, keys: await generateAgencyKeyEpoch(advocate.agencyId, 1) };
    const refused = await post(advocate, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(forger, agreementId, 1, terms)).expect(422);
    expect(refused.body.errors[0].field).toBe('signature');
    const unregistered = await post(advocate, `/agreements/${agreementId}/versions/1/signatures`, { ...(await agreementSignature(forger, agreementId, 1, terms)), signerEpoch: 2 }).expect(422);
    expect(unregistered.body.errors[0].field).toBe('signerEpoch');
    expect(await signatureRows()).toBe(1);
    expect((await logged()).map((row) => row.kind)).toEqual(['agreement_proposed']);
  });

  it('refuses a signature over other terms (what the server might substitute): 422', async () => {
    const altered = policeAdvocacyTerms(officer.agencyId, advocate.agencyId, { calendar: { ...terms.calendar, closes: '23:00' } });
    const refused = await post(advocate, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(advocacyKeys, agreementId, 1, altered)).expect(422);
    expect(refused.body.errors[0].field).toBe('signature');
  });

  it('a party signs once: the proposer signing again is 409', async () => {
    const again = await post(officer, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(policeKeys, agreementId, 1, terms)).expect(409);
    expect(again.body.type).toBe('urn:ccr-exchange:problem:agreement-already-signed');
  });

  it('the last party signs: version 1 is in force, and the log says signed, then in force', async () => {
    const response = await post(advocate, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(advocacyKeys, agreementId, 1, terms)).expect(201);
    expect(response.body).toMatchObject({ inForceVersion: 1 });
    expect(response.body.versions[0]).toMatchObject({ status: 'in_force', awaiting: [], inForceAt: expect.any(String) });
    const kinds = await logged();
    expect(kinds.map((row) => row.kind)).toEqual(['agreement_proposed', 'agreement_signed', 'agreement_in_force']);
    expect(kinds[2].detail).toMatchObject({ version: 1, termsSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(kinds[2].detail.supersedes ?? null).toBeNull();
    const listed = await get(advocate, '/agreements').expect(200);
    expect(listed.body.find((each: { id: string }) => each.id === agreementId)).toMatchObject({ inForceVersion: 1 });
  });

  it('a version in force takes no more signatures: 409', async () => {
    const late = await post(advocate, `/agreements/${agreementId}/versions/1/signatures`, await agreementSignature(advocacyKeys, agreementId, 1, terms)).expect(409);
    expect(late.body.type).toBe('urn:ccr-exchange:problem:agreement-version-conflict');
  });

  it('version 2, proposed by the advocacy program, replaces version 1 only once the police sign it', async () => {
    const v2 = policeAdvocacyTerms(officer.agencyId, advocate.agencyId, { calendar: { ...terms.calendar, holidays: ['2026-12-25', '2027-01-01'] } });
    const wrongNumber = await post(advocate, `/agreements/${agreementId}/versions`, { version: 3, terms: v2, ...(await agreementSignature(advocacyKeys, agreementId, 3, v2)) }).expect(409);
    expect(wrongNumber.body).toMatchObject({ type: 'urn:ccr-exchange:problem:agreement-version-conflict', latestVersion: 1 });
    const proposed = await post(advocate, `/agreements/${agreementId}/versions`, { version: 2, terms: v2, ...(await agreementSignature(advocacyKeys, agreementId, 2, v2)) }).expect(201);
    expect(proposed.body).toMatchObject({ latestVersion: 2, inForceVersion: 1 });
    expect(proposed.body.versions.map((each: { status: string }) => each.status)).toEqual(['in_force', 'proposed']);
    const signed = await post(officer, `/agreements/${agreementId}/versions/2/signatures`, await agreementSignature(policeKeys, agreementId, 2, v2)).expect(201);
    expect(signed.body).toMatchObject({ latestVersion: 2, inForceVersion: 2 });
    expect(signed.body.versions.map((each: { status: string }) => each.status)).toEqual(['superseded', 'in_force']);
    expect((await logged()).at(-1)?.detail).toMatchObject({ version: 2, supersedes: 1 });
  });

  it('names what is wrong with terms: an escalation outside the parties, a zone that does not exist, hours that close before they open (422)', async () => {
    const id = randomUUID();
    const bad = policeAdvocacyTerms(officer.agencyId, advocate.agencyId, {
      calendar: { timeZone: 'Mars/Olympus_Mons', days: [1, 2, 3, 4, 5], opens: '17:00', closes: '08:00', holidays: [] },
    });
    bad.handoffs[0].escalateTo = { agencyId: outsider.agencyId, role: 'duty_supervisor' };
    const refused = await post(officer, '/agreements', { agreementId: id, terms: bad, ...(await agreementSignature(policeKeys, id, 1, bad)) }).expect(422);
    expect(refused.body.errors.map((each: { field: string }) => each.field).sort()).toEqual(['terms.calendar.closes', 'terms.calendar.timeZone', 'terms.handoffs.0.escalateTo.agencyId']);
    await get(officer, `/agreements/${id}`).expect(404);
  });

  it('refuses terms the proposer is not a party to, and an id already taken (409)', async () => {
    const id = randomUUID();
    const others = policeAdvocacyTerms(outsider.agencyId, advocate.agencyId);
    const notParty = await post(officer, '/agreements', { agreementId: id, terms: others, ...(await agreementSignature(policeKeys, id, 1, others)) }).expect(422);
    expect(notParty.body.errors.map((each: { field: string }) => each.field)).toContain('terms.parties');
    const taken = await post(officer, '/agreements', { agreementId, terms, ...(await agreementSignature(policeKeys, agreementId, 1, terms)) }).expect(409);
    expect(taken.body.type).toBe('urn:ccr-exchange:problem:agreement-exists');
  });

  it('a version number that is not a number names nothing: 404', async () => {
    const response = await post(advocate, `/agreements/${agreementId}/versions/x1/signatures`, await agreementSignature(advocacyKeys, agreementId, 1, terms)).expect(404);
    expect(response.body.type).toBe('urn:ccr-exchange:problem:not-found');
  });
});
