import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { rewrapForAgency } from '../../src/crypto';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { findMarkersInDatabase } from '../../src/tooling/plaintext-scan';
import { type AgencyKeys, consentBody, openAs, registerAgencyKeys, sealAs } from '../support/sealing';

/** Case notes shared under the survivor's releases: an advocacy program's risk summary for the prosecutor. */
describe('shared case notes', () => {
  let t: TestApp;
  let owner: Client;
  let ccr: TestCcr;
  let advocate: Actor;
  let shelter: AgencyKeys;
  let prosecutor: Actor;
  let prosecution: AgencyKeys;
  let nurse: Actor;
  let clinic: AgencyKeys;
  const markers: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    ccr = new TestCcr(t);
    advocate = await ccr.person(await ccr.agency('advocacy', 'vawa_fvpsa_voca'), ['advocate']);
    prosecutor = await ccr.person(await ccr.agency('prosecution', 'criminal_justice'), ['agency_worker']);
    nurse = await ccr.person(await ccr.agency('health', 'hipaa'), ['agency_worker']);
    shelter = await registerAgencyKeys(t, advocate);
    prosecution = await registerAgencyKeys(t, prosecutor);
    clinic = await registerAgencyKeys(t, nurse);
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
  });

  const as = (actor: Actor) => ({
    get: (path: string) => t.http().get(path).set('Authorization', actor.bearer),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', actor.bearer).send(body),
  });

  /** Survivor words that must never be stored or logged in clear. */
  function secret(label: string): string {
    const marker = `survivor-marker-${label}-${randomUUID()}`;
    markers.push(marker);
    return marker;
  }

  async function openCase(): Promise<string> {
    return (await as(advocate).post('/cases', {}).expect(201)).body.id as string;
  }

  async function release(caseId: string, to: AgencyKeys, categories = ['risk', 'safety_plan']): Promise<string> {
    const body = await consentBody(shelter, caseId, to.agencyId, { categories, actions: ['receive_notes'] });
    await as(advocate).post(`/cases/${caseId}/consents`, body).expect(201);
    return body.consentId as string;
  }

  async function entries(kind: string): Promise<Record<string, unknown>[]> {
    const { rows } = await owner.query<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE kind = $1 ORDER BY idx`, [kind]);
    return rows.map((row) => JSON.parse(row.entry.toString()) as Record<string, unknown>);
  }

  it('shares a risk note with the consented prosecutor, who opens it; others get 404', async () => {
    const caseId = await openCase();
    const consentId = await release(caseId, prosecution);
    const text = `Risk summary: ${secret('risk')} — strangulation, escalating.`;
    const content = await sealAs(shelter, { caseId, category: 'risk', body: text, recipients: [{ agency: prosecution, consentId }] });
    const added = await as(advocate).post(`/cases/${caseId}/notes`, { category: 'risk', content }).expect(201);
    expect(added.body.recipients.map((recipient: { agencyId: string; basisKind: string }) => [recipient.agencyId, recipient.basisKind]).sort()).toEqual(
      [
        [shelter.agencyId, 'custodian'],
        [prosecution.agencyId, 'consent'],
      ].sort(),
    );

    const shared = await as(prosecutor).get('/notes').expect(200);
    expect(shared.body.items.map((note: { id: string }) => note.id)).toContain(added.body.id);
    const read = await as(prosecutor).get(`/notes/${added.body.id}`).expect(200);
    expect(await openAs(prosecution, read.body.content, [shelter])).toBe(text);
    expect((await entries('disclosure')).filter((entry) => entry.recipient === prosecution.agencyId && entry.case === caseId)).toHaveLength(1);

    await as(nurse).get(`/notes/${added.body.id}`).expect(404);
    await as(nurse).get(`/cases/${caseId}/notes`).expect(404);
  });

  it('refuses a note in a category the consent does not cover, and logs the refusal', async () => {
    const caseId = await openCase();
    const consentId = await release(caseId, prosecution, ['risk']);
    const content = await sealAs(shelter, { caseId, category: 'children', body: secret('children'), recipients: [{ agency: prosecution, consentId }] });
    const refused = await as(advocate).post(`/cases/${caseId}/notes`, { category: 'children', content }).expect(422);
    expect(refused.body).toMatchObject({ type: 'urn:ccr-exchange:problem:wrap-not-covered', reason: 'category_not_covered', recipientAgencyId: prosecution.agencyId });
    expect((await entries('denied')).filter((entry) => entry.case === caseId)).toEqual([expect.objectContaining({ reason: 'category_not_covered', recipient: prosecution.agencyId })]);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM records WHERE case_id = $1`, [caseId]);
    expect(rows[0].n).toBe(0);
  });

  it('never shares privileged counselling (422), but keeps it as an internal note', async () => {
    const caseId = await openCase();
    const consentId = await release(caseId, prosecution);
    const shared = await sealAs(shelter, { caseId, category: 'privileged_counseling', body: secret('privileged'), recipients: [{ agency: prosecution, consentId }] });
    const refused = await as(advocate).post(`/cases/${caseId}/notes`, { category: 'privileged_counseling', content: shared }).expect(422);
    expect(refused.body.detail).toBe('Privileged counselling notes are never shared.');
    const internal = await sealAs(shelter, { caseId, category: 'privileged_counseling', body: secret('privileged-internal') });
    const kept = await as(advocate).post(`/cases/${caseId}/notes`, { category: 'privileged_counseling', content: internal }).expect(201);
    expect(kept.body.recipients).toHaveLength(1);
    const read = await as(advocate).get(`/notes/${kept.body.id}`).expect(200);
    expect(await openAs(shelter, read.body.content, [shelter])).toContain('survivor-marker-privileged-internal');
  });

  it('amends a note as a new sealed version that supersedes the current one', async () => {
    const caseId = await openCase();
    const consentId = await release(caseId, prosecution);
    const first = await sealAs(shelter, { caseId, category: 'safety_plan', body: secret('plan-1'), recipients: [{ agency: prosecution, consentId }] });
    const note = await as(advocate).post(`/cases/${caseId}/notes`, { category: 'safety_plan', content: first }).expect(201);
    const stale = await sealAs(shelter, { caseId, category: 'safety_plan', body: 'x', supersedes: randomUUID(), recipients: [{ agency: prosecution, consentId }] });
    await as(advocate).post(`/notes/${note.body.id}/versions`, { content: stale }).expect(409);
    const text = `Plan v2 ${secret('plan-2')}`;
    const second = await sealAs(shelter, { caseId, category: 'safety_plan', body: text, supersedes: first.recordId, recipients: [{ agency: prosecution, consentId }] });
    const amended = await as(advocate).post(`/notes/${note.body.id}/versions`, { content: second }).expect(201);
    expect(amended.body).toMatchObject({ version: 2, currentRecordId: second.recordId });
    expect(second.keyCommitment).not.toBe(first.keyCommitment);
    const read = await as(prosecutor).get(`/notes/${note.body.id}`).expect(200);
    expect(await openAs(prosecution, read.body.content, [shelter])).toBe(text);
    await as(prosecutor).post(`/notes/${note.body.id}/versions`, { content: second }).expect(404);
  });

  it('adds a newly consented agency to an existing note with a share signed by the custodian', async () => {
    const caseId = await openCase();
    const toProsecution = await release(caseId, prosecution);
    const text = `Risk ${secret('shared-later')}`;
    const content = await sealAs(shelter, { caseId, category: 'risk', body: text, recipients: [{ agency: prosecution, consentId: toProsecution }] });
    const note = await as(advocate).post(`/cases/${caseId}/notes`, { category: 'risk', content }).expect(201);

    const delivered = (await as(advocate).get(`/notes/${note.body.id}`).expect(200)).body.content;
    const identity = { agencyId: shelter.agencyId, boxKeyPair: () => shelter.keys.box };
    const signingKeys = (agencyId: string) => (agencyId === shelter.agencyId ? shelter.keys.sign.publicKey : null);
    const uncovered = await rewrapForAgency(delivered, { identity, epoch: 1, signSecretKey: shelter.keys.sign.privateKey }, signingKeys, {
      agencyId: clinic.agencyId,
      epoch: 1,
      consentId: randomUUID(),
      boxPublicKey: clinic.keys.box.publicKey,
    });
    await as(advocate).post(`/records/${content.recordId}/shares`, { share: uncovered }).expect(422);
    await as(nurse).get(`/notes/${note.body.id}`).expect(404);

    const toClinic = await release(caseId, clinic, ['risk']);
    const share = await rewrapForAgency(delivered, { identity, epoch: 1, signSecretKey: shelter.keys.sign.privateKey }, signingKeys, {
      agencyId: clinic.agencyId,
      epoch: 1,
      consentId: toClinic,
      boxPublicKey: clinic.keys.box.publicKey,
    });
    await as(prosecutor).post(`/records/${content.recordId}/shares`, { share }).expect(403);
    await as(advocate).post(`/records/${content.recordId}/shares`, { share }).expect(201);
    const read = await as(nurse).get(`/notes/${note.body.id}`).expect(200);
    expect(read.body.share).toMatchObject({ agencyId: clinic.agencyId, sharerAgencyId: shelter.agencyId });
    expect((await entries('wraps_added')).filter((entry) => entry.case === caseId)).toHaveLength(1);
  });

  it('refuses the recipient after revocation (404) and logs the refusal', async () => {
    const caseId = await openCase();
    const consentId = await release(caseId, prosecution);
    const content = await sealAs(shelter, { caseId, category: 'risk', body: secret('revoked'), recipients: [{ agency: prosecution, consentId }] });
    const note = await as(advocate).post(`/cases/${caseId}/notes`, { category: 'risk', content }).expect(201);
    await as(prosecutor).get(`/notes/${note.body.id}`).expect(200);
    await as(advocate).post(`/consents/${consentId}/revocation`, { channel: 'in_person' }).expect(201);
    await as(prosecutor).get(`/notes/${note.body.id}`).expect(404);
    expect((await entries('denied')).filter((entry) => entry.case === caseId && entry.recipient === prosecution.agencyId)).toEqual([expect.objectContaining({ reason: 'consent_revoked' })]);
  });

  it('stored no survivor marker in clear anywhere in the database or the logs', async () => {
    const control = `control-marker-${randomUUID()}`;
    await ccr.agency('other', 'none', control);
    expect(await findMarkersInDatabase(t.database.url, [control])).toEqual([{ table: 'agencies', column: 'name', marker: control }]);
    expect(markers.length).toBeGreaterThanOrEqual(6);
    expect(await findMarkersInDatabase(t.database.url, markers)).toEqual([]);
    const logs = t.logs.join('');
    for (const marker of markers) expect(logs).not.toContain(marker);
  });
});
