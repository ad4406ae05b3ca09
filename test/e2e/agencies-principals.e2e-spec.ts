import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr, uniqueName } from '../support/ccr';
import { createMigratedDatabase, type TestDatabase, withAdminClient } from '../support/database';
import { entryPointArgs } from '../support/entry-points';
import { REPO_ROOT } from '../support/service-process';

describe('agencies and principals (CCR administration)', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let admin: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
    admin = await ccr.admin();
  });
  afterAll(() => t.close());

  it('onboards an agency and lists it in the directory for every member', async () => {
    const name = uniqueName('Duluth Police Department');
    const created = await t.http().post('/agencies').set('Authorization', admin.bearer).send({ name, kind: 'law_enforcement', regime: 'criminal_justice' }).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), name, kind: 'law_enforcement', regime: 'criminal_justice', status: 'active', coordinatingBody: false, createdAt: expect.any(String) });
    const worker = await ccr.person(created.body.id, ['agency_worker']);
    const directory = await t.http().get('/agencies').set('Authorization', worker.bearer).expect(200);
    expect(directory.body.map((agency: { id: string }) => agency.id)).toContain(created.body.id);
  });

  it('refuses a duplicate agency name (409) and invalid fields (422, each named)', async () => {
    const name = uniqueName('Safe Haven');
    await t.http().post('/agencies').set('Authorization', admin.bearer).send({ name, kind: 'advocacy', regime: 'vawa_fvpsa_voca' }).expect(201);
    const duplicate = await t.http().post('/agencies').set('Authorization', admin.bearer).send({ name, kind: 'advocacy', regime: 'vawa_fvpsa_voca' }).expect(409);
    expect(duplicate.body.type).toBe('urn:ccr-exchange:problem:agency-name-taken');
    const invalid = await t.http().post('/agencies').set('Authorization', admin.bearer).send({ name: 'x', kind: 'spies', regime: 'none', extra: 1 }).expect(422);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['extra', 'kind', 'name']);
  });

  it('answers 404 for an unknown or malformed agency id', async () => {
    await t.http().get(`/agencies/${randomUUID()}`).set('Authorization', admin.bearer).expect(404);
    const malformed = await t.http().get('/agencies/not-a-uuid').set('Authorization', admin.bearer).expect(404);
    expect(malformed.body.type).toBe('urn:ccr-exchange:problem:not-found');
  });

  it('keeps auditors and administrators in the coordinating body, and service roles in member agencies', async () => {
    const member = await ccr.agency('health', 'hipaa');
    const body = await ccr.coordinatingBodyId();
    const misplaced = await t.http().post(`/agencies/${member}/principals`).set('Authorization', admin.bearer).send({ kind: 'person', username: uniqueName('aud'), displayName: 'A', roles: ['auditor'] }).expect(422);
    expect(misplaced.body.errors).toEqual([{ field: 'roles', messages: ['auditor cannot belong to a member agency'] }]);
    await t.http().post(`/agencies/${body}/principals`).set('Authorization', admin.bearer).send({ kind: 'person', username: uniqueName('adv'), displayName: 'A', roles: ['advocate'] }).expect(422);
    await t.http().post(`/agencies/${member}/principals`).set('Authorization', admin.bearer).send({ kind: 'person', username: uniqueName('p'), displayName: 'A', roles: ['service'] }).expect(422);
    await t.http().post(`/agencies/${member}/principals`).set('Authorization', admin.bearer).send({ kind: 'person', username: uniqueName('p'), displayName: 'A', roles: ['advocate', 'agency_worker'] }).expect(201);
  });

  it('refuses a username that is taken (409)', async () => {
    const agency = await ccr.agency();
    const username = uniqueName('dup');
    await t.http().post(`/agencies/${agency}/principals`).set('Authorization', admin.bearer).send({ kind: 'person', username, displayName: 'A', roles: ['advocate'] }).expect(201);
    await t.http().post(`/agencies/${agency}/principals`).set('Authorization', admin.bearer).send({ kind: 'person', username, displayName: 'B', roles: ['advocate'] }).expect(409);
  });

  it('scopes principals to the agency in the path: another agency\'s principal answers 404', async () => {
    const [first, second] = [await ccr.agency(), await ccr.agency()];
    const person = await ccr.person(first, ['advocate']);
    await t.http().put(`/agencies/${second}/principals/${person.id}/status`).set('Authorization', admin.bearer).send({ status: 'disabled' }).expect(404);
    const listed = await t.http().get(`/agencies/${second}/principals`).set('Authorization', admin.bearer).expect(200);
    expect(listed.body).toEqual([]);
  });

  it('never returns or stores a secret in clear, and never logs one', async () => {
    const agency = await ccr.agency();
    const system = await ccr.service(agency);
    const person = await ccr.person(agency, ['advocate']);
    const listed = await t.http().get(`/agencies/${agency}/principals`).set('Authorization', admin.bearer).expect(200);
    expect(listed.body.map((p: { authentication: string }) => p.authentication).sort()).toEqual(['secret', 'secret']);
    const everything = JSON.stringify(listed.body);
    for (const secret of [system.secret, person.secret]) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('argon2id');

    const dump = await withAdminClient(async (client) => {
      const rows = await client.query(`SELECT to_jsonb(p)::text AS row FROM principals p`);
      return rows.rows.map((row: { row: string }) => row.row).join('\n');
    }, t.database.url);
    for (const secret of [system.secret, person.secret, admin.secret]) expect(dump).not.toContain(secret);
    expect(dump).toContain('$argon2id$');

    const logs = t.logs.join('');
    for (const value of [system.secret, person.secret, admin.secret, system.token, person.token, admin.token]) expect(logs).not.toContain(value);
  });
});

describe('bootstrap of the first administrator (operator CLI)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createMigratedDatabase();
  });
  afterAll(() => database.drop());

  const runAdmin = (args: string[]) =>
    promisify(execFile)(process.execPath, [...entryPointArgs('src/admin/main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    });

  it('creates the first administrator once, printing a one-time password that works', async () => {
    const { stdout } = await runAdmin(['bootstrap', '--username', 'first-admin']);
    const password = stdout.split('\n')[2];
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const t = await startTestApp({ database });
    try {
      const response = await t.http().post('/oauth/token').type('form').send({ grant_type: 'password', username: 'first-admin', password }).expect(200);
      const me = await t.http().get('/principals/me').set('Authorization', `Bearer ${response.body.access_token}`).expect(200);
      expect(me.body.roles).toEqual(['admin']);
    } finally {
      await t.close();
    }
    await expect(runAdmin(['bootstrap', '--username', 'second-admin'])).rejects.toMatchObject({ stderr: expect.stringContaining('An administrator already exists') });
  }, 120_000);
});
