import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';

/** Standing high-risk teams: formed by the chair agency, seen only by member agencies. */
describe('high-risk teams', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let chair: Actor;
  let prosecution: Actor;
  let probation: Actor;
  let outsider: Actor;
  let police: string;

  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
    const advocacyId = await ccr.agency('advocacy', 'vawa_fvpsa_voca');
    police = await ccr.agency('law_enforcement', 'criminal_justice');
    chair = await ccr.person(advocacyId, ['advocate']);
    prosecution = await ccr.person(await ccr.agency('prosecution', 'criminal_justice'), ['agency_worker']);
    probation = await ccr.person(await ccr.agency('probation', 'criminal_justice'), ['agency_worker']);
    outsider = await ccr.person(await ccr.agency('health', 'hipaa'), ['agency_worker']);
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (actor: Actor) => ({
    post: (path: string, body: object) => t.http().post(path).set('Authorization', actor.bearer).send(body),
    get: (path: string) => t.http().get(path).set('Authorization', actor.bearer),
  });
  const form = (memberAgencyIds: string[], requiresWrittenConsent = true) => as(chair).post('/risk-teams', { name: `Duluth DVHRT ${randomUUID()}`, memberAgencyIds, requiresWrittenConsent });

  it('forms a team chaired by the caller’s agency, which is always a member', async () => {
    const formed = await form([police, prosecution.agencyId, probation.agencyId]).expect(201);
    expect(formed.body).toEqual({
      id: expect.any(String),
      name: expect.stringMatching(/^Duluth DVHRT /),
      chairAgencyId: chair.agencyId,
      memberAgencyIds: [chair.agencyId, police, prosecution.agencyId, probation.agencyId].sort(),
      requiresWrittenConsent: true,
      createdAt: expect.any(String),
    });
    const seen = await as(prosecution).get(`/risk-teams/${formed.body.id}`).expect(200);
    expect(seen.body).toEqual(formed.body);
    const listed = await as(probation).get('/risk-teams').expect(200);
    expect(listed.body.map((team: { id: string }) => team.id)).toContain(formed.body.id);
  });

  it('answers 404 to an agency that is not a member, like a team that does not exist', async () => {
    const formed = await form([prosecution.agencyId]).expect(201);
    const hidden = await as(outsider).get(`/risk-teams/${formed.body.id}`).expect(404);
    const missing = await as(outsider).get(`/risk-teams/${randomUUID()}`).expect(404);
    expect(hidden.body.detail).toBe(missing.body.detail);
    const listed = await as(outsider).get('/risk-teams').expect(200);
    expect(listed.body.map((team: { id: string }) => team.id)).not.toContain(formed.body.id);
  });

  it.each([
    ['an unknown agency', () => [randomUUID()]],
    ['the coordinating body', () => [coordinatingBody]],
  ])('refuses %s as a member (422), forming nothing', async (_label, members) => {
    const before = await as(chair).get('/risk-teams').expect(200);
    const refused = await form(members()).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'memberAgencyIds', messages: [expect.stringContaining('is not an active member agency')] }]);
    const after = await as(chair).get('/risk-teams').expect(200);
    expect(after.body).toHaveLength(before.body.length);
  });

  let coordinatingBody: string;
  beforeAll(async () => {
    coordinatingBody = await ccr.coordinatingBodyId();
  });

  it('refuses a malformed body (422 naming the field)', async () => {
    const refused = await as(chair).post('/risk-teams', { name: 'x', memberAgencyIds: ['not-a-uuid'], requiresWrittenConsent: 'yes' }).expect(422);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['memberAgencyIds', 'name', 'requiresWrittenConsent']);
  });
});
