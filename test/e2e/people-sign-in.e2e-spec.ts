import { createHash, randomBytes } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { startTestApp, type TestApp } from '../support/app';
import { TestCcr, uniqueName } from '../support/ccr';
import { withAdminClient } from '../support/database';
import {
  type EnrolledPerson,
  enrolPerson,
  enrolWithCode,
  issueEnrolmentCode,
  originOf,
  passSecret,
  type PersonCookieSession,
  signIn,
  withSession,
} from '../support/people';

describe('people: enrolment, OPAQUE sign-in, TOTP, session cookie and CSRF', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let agencyId: string;
  let person: EnrolledPerson;
  const secrets: string[] = [];

  beforeAll(async () => {
    await opaque.ready;
    // Many sign-ins from one address in this file; the per-name back-off is what is tested.
    t = await startTestApp({ env: { TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '10000', TOKEN_FAILURES_BEFORE_BACKOFF: '4' } });
    ccr = new TestCcr(t);
    agencyId = await ccr.agency('advocacy');
    person = await enrolPerson(t, ccr, agencyId);
    secrets.push(person.password, person.issuedSecret, person.authenticator.secret, person.exportKey);
  });
  afterAll(() => t.close());

  const sql = <R>(text: string, values: unknown[] = []) => withAdminClient(async (client) => (await client.query(text, values)).rows as R[], t.database.url);
  const me = (session: PersonCookieSession) => withSession(t.http().get('/principals/me'), t, session);

  it('signs a person in with their own secret and a TOTP code; the session cookie then authenticates like a bearer token', async () => {
    const session = await signIn(t, person);
    secrets.push(session.cookie.split('=')[1], session.csrf);
    const answer = await me(session).expect(200);
    expect(answer.body).toEqual({ id: person.id, agencyId, kind: 'person', username: person.username, roles: ['advocate'] });
  });

  it('sets the cookie HttpOnly, SameSite=Strict, Path=/, and stores only its SHA-256', async () => {
    const pending = (await passSecret(t, person.username, person.password)) as PersonCookieSession;
    const response = await withSession(t.http().post('/people/session/second-factor'), t, pending).send({ totpCode: await person.authenticator.code() }).expect(200);
    const line = (response.headers['set-cookie'] as unknown as string[]).find((each) => each.startsWith('ccr-session=')) as string;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/Max-Age|Expires/i); // a session cookie: gone when the browser closes (decision 0114)
    expect(response.headers['cache-control']).toBe('no-store');
    const secret = line.split(';')[0].split('=')[1];
    const rows = await sql<{ stored: Buffer }>(`SELECT secret_hash AS stored FROM person_sessions WHERE principal_id = $1`, [person.id]);
    expect(rows.map((row) => row.stored.toString('hex'))).toContain(createHash('sha256').update(secret).digest('hex'));
    const dump = JSON.stringify(await sql(`SELECT * FROM person_sessions`));
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(response.body.csrfToken);
  });

  it('keeps a pending session (secret passed, second factor due) out of every other route', async () => {
    const pending = (await passSecret(t, person.username, person.password)) as PersonCookieSession;
    await me(pending).expect(401);
  });

  describe('CSRF and origin', () => {
    let session: PersonCookieSession;
    let other: PersonCookieSession;
    beforeAll(async () => {
      session = await signIn(t, await enrolPerson(t, ccr, agencyId));
      other = await signIn(t, await enrolPerson(t, ccr, agencyId));
    });

    it('refuses a cookie request without the X-CCR-CSRF header', async () => {
      const answer = await t.http().get('/principals/me').set('Cookie', session.cookie).set('Origin', originOf(t)).expect(403);
      expect(answer.body.type).toBe('urn:ccr-exchange:problem:cross-site-request-refused');
    });

    it("refuses another session's CSRF value", async () => {
      await t.http().get('/principals/me').set('Cookie', session.cookie).set('X-CCR-CSRF', other.csrf).set('Origin', originOf(t)).expect(403);
    });

    it('refuses a replay of the cookie and CSRF value from another origin', async () => {
      await me(session).set('Origin', 'https://evil.example').expect(403);
      await me(session).set('Origin', 'null').expect(403);
      await withSession(t.http().delete('/people/session'), t, session).set('Origin', 'https://evil.example').expect(403);
      await me(session).set('Sec-Fetch-Site', 'cross-site').expect(403);
      await me(session).set('Sec-Fetch-Site', 'same-site').expect(403);
    });

    it('refuses an unsafe method without Origin', async () => {
      const request = t.http().post('/people/secret/start').set('Cookie', session.cookie).set('X-CCR-CSRF', session.csrf);
      await request.send({ registrationRequest: opaque.client.startRegistration({ password: 'x' }).registrationRequest }).expect(403);
    });

    it('still answers the same request from this origin (the refusals above were not the session dying)', async () => {
      await me(session).expect(200);
    });
  });

  describe('enrolment codes', () => {
    it('are single-use', async () => {
      const created = await ccr.createPrincipal(agencyId, { kind: 'person', username: uniqueName('p'), displayName: 'P', roles: ['agency_worker'] });
      const code = await issueEnrolmentCode(t, ccr, agencyId, created.id);
      await enrolWithCode(t, code, 'first secret');
      const again = await t.http().post('/people/enrolment/start').send({ code, registrationRequest: opaque.client.startRegistration({ password: 'x' }).registrationRequest }).expect(401);
      expect(again.body.type).toBe('urn:ccr-exchange:problem:enrolment-code-refused');
    });

    it('expire', async () => {
      const created = await ccr.createPrincipal(agencyId, { kind: 'person', username: uniqueName('p'), displayName: 'P', roles: ['agency_worker'] });
      const code = await issueEnrolmentCode(t, ccr, agencyId, created.id);
      await sql(`UPDATE enrolment_codes SET expires_at = now() - interval '1 second' WHERE principal_id = $1`, [created.id]);
      await t.http().post('/people/enrolment/start').send({ code, registrationRequest: opaque.client.startRegistration({ password: 'x' }).registrationRequest }).expect(401);
    });

    it('are replaced by a newer code, stored only as a hash, and handed over as a link whose fragment carries the code', async () => {
      const created = await ccr.createPrincipal(agencyId, { kind: 'person', username: uniqueName('p'), displayName: 'P', roles: ['agency_worker'] });
      const old = await issueEnrolmentCode(t, ccr, agencyId, created.id);
      const admin = await ccr.admin();
      const fresh = await t.http().post(`/agencies/${agencyId}/principals/${created.id}/enrolment-code`).set('Authorization', admin.bearer).expect(201);
      expect(fresh.body.link).toBe(`${originOf(t)}/#enrol=${fresh.body.code}`);
      await t.http().post('/people/enrolment/start').send({ code: old, registrationRequest: opaque.client.startRegistration({ password: 'x' }).registrationRequest }).expect(401);
      expect(JSON.stringify(await sql(`SELECT * FROM enrolment_codes`))).not.toContain(fresh.body.code);
    });

    it('are refused for a service account, and issued by administrators only', async () => {
      const system = await ccr.service(agencyId);
      const admin = await ccr.admin();
      await t.http().post(`/agencies/${agencyId}/principals/${system.id}/enrolment-code`).set('Authorization', admin.bearer).expect(422);
      await t.http().post(`/agencies/${agencyId}/principals/${person.id}/enrolment-code`).set('Authorization', system.bearer).expect(403);
    });

    it('finish only with a current code of the authenticator set up at start', async () => {
      const created = await ccr.createPrincipal(agencyId, { kind: 'person', username: uniqueName('p'), displayName: 'P', roles: ['agency_worker'] });
      const code = await issueEnrolmentCode(t, ccr, agencyId, created.id);
      const registration = opaque.client.startRegistration({ password: 'pw' });
      const started = await t.http().post('/people/enrolment/start').send({ code, registrationRequest: registration.registrationRequest }).expect(200);
      const { registrationRecord } = opaque.client.finishRegistration({ password: 'pw', clientRegistrationState: registration.clientRegistrationState, registrationResponse: started.body.registrationResponse });
      await t.http().post('/people/enrolment/finish').send({ code, registrationRecord, totpCode: '000000' }).expect(422);
      await t.http().post('/people/enrolment/finish').send({ code, registrationRecord: 'A'.repeat(40), totpCode: '000000' }).expect(422);
    });
  });

  it('logs every enrolment as person_enrolled, with ids only', async () => {
    const rows = await sql<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE kind = 'person_enrolled'`);
    const entries = rows.map((row) => JSON.parse(row.entry.toString('utf8')) as { detail: { person: string; factors: string[] } });
    expect(entries.map((entry) => entry.detail.person)).toContain(person.id);
    expect(entries.find((entry) => entry.detail.person === person.id)?.detail.factors).toEqual(['totp']);
    const text = rows.map((row) => row.entry.toString('utf8')).join('\n');
    expect(text).not.toContain(person.username);
  });

  it('refuses the password grant to an enrolled person, and an administrator cannot set a password for them', async () => {
    const refused = await t.http().post('/oauth/token').type('form').send({ grant_type: 'password', username: person.username, password: person.issuedSecret }).expect(400);
    expect(refused.body.error).toBe('invalid_grant');
    const admin = await ccr.admin();
    await t.http().post(`/agencies/${agencyId}/principals/${person.id}/credentials`).set('Authorization', admin.bearer).send({}).expect(409);
  });

  describe('wrong secret, wrong code, back-off', () => {
    it('a wrong secret: the client cannot finish, and a forged finish is refused', async () => {
      const person = await enrolPerson(t, ccr, agencyId);
      expect(await passSecret(t, person.username, 'not my secret')).toBeUndefined();
      const login = opaque.client.startLogin({ password: 'not my secret' });
      const started = await t.http().post('/people/session/start').send({ username: person.username, startLoginRequest: login.startLoginRequest }).expect(200);
      // A finish message made for another attempt (the attacker's own account would do): refused.
      const own = opaque.client.startLogin({ password: person.password });
      const ownStarted = await t.http().post('/people/session/start').send({ username: person.username, startLoginRequest: own.startLoginRequest }).expect(200);
      const ownFinish = opaque.client.finishLogin({ clientLoginState: own.clientLoginState, loginResponse: ownStarted.body.loginResponse, password: person.password });
      const refused = await t.http().post('/people/session/finish').send({ loginId: started.body.loginId, finishLoginRequest: ownFinish?.finishLoginRequest }).expect(401);
      expect(refused.body.type).toBe('urn:ccr-exchange:problem:sign-in-refused');
      // A used attempt is gone.
      await t.http().post('/people/session/finish').send({ loginId: started.body.loginId, finishLoginRequest: ownFinish?.finishLoginRequest }).expect(401);
    });

    it('an unknown name gets an answer of the same shape as a known one', async () => {
      const login = opaque.client.startLogin({ password: 'whatever' });
      const unknown = await t.http().post('/people/session/start').send({ username: 'nobody-here', startLoginRequest: login.startLoginRequest }).expect(200);
      const known = await t.http().post('/people/session/start').send({ username: person.username, startLoginRequest: opaque.client.startLogin({ password: 'x' }).startLoginRequest }).expect(200);
      expect((unknown.body.loginResponse as string).length).toBe((known.body.loginResponse as string).length);
    });

    it('a wrong or reused TOTP code is refused; repeated failures block the name (429, Retry-After)', async () => {
      const target = await enrolPerson(t, ccr, agencyId);
      const pending = (await passSecret(t, target.username, target.password)) as PersonCookieSession;
      const used = target.authenticator.lastCode(); // spent at enrolment
      await withSession(t.http().post('/people/session/second-factor'), t, pending).send({ totpCode: used }).expect(422);
      let status = 0;
      for (let i = 0; i < 6 && status !== 429; i++) {
        status = (await withSession(t.http().post('/people/session/second-factor'), t, pending).send({ totpCode: '000000' })).status;
      }
      expect(status).toBe(429);
      const blocked = await t.http().post('/people/session/start').send({ username: target.username, startLoginRequest: opaque.client.startLogin({ password: target.password }).startLoginRequest }).expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  it('signs out: the session ends at once and the answer clears the site data', async () => {
    const session = await signIn(t, await enrolPerson(t, ccr, agencyId));
    const answer = await withSession(t.http().delete('/people/session'), t, session).expect(204);
    expect(answer.headers['clear-site-data']).toBe('"cache", "storage", "cookies"');
    await me(session).expect(401);
  });

  it('lets a person change their secret (OPAQUE again, confirmed by TOTP); the old one stops working and other sessions end', async () => {
    const changer = await enrolPerson(t, ccr, agencyId);
    await passSecret(t, changer.username, changer.password); // a session elsewhere (pending)
    const session = await signIn(t, changer);
    const sessionsOf = async () => (await sql(`SELECT id FROM person_sessions WHERE principal_id = $1`, [changer.id])).length;
    expect(await sessionsOf()).toBe(2);
    const newPassword = `new ${uniqueName('secret')}`;
    secrets.push(newPassword);
    const registration = opaque.client.startRegistration({ password: newPassword });
    const started = await withSession(t.http().post('/people/secret/start'), t, session).send({ registrationRequest: registration.registrationRequest }).expect(200);
    const finished = opaque.client.finishRegistration({ password: newPassword, clientRegistrationState: registration.clientRegistrationState, registrationResponse: started.body.registrationResponse });
    await withSession(t.http().post('/people/secret/finish'), t, session)
      .send({ registrationRecord: finished.registrationRecord, totpCode: await changer.authenticator.code() })
      .expect(204);
    await me(session).expect(200);
    expect(await sessionsOf()).toBe(1);
    expect(await passSecret(t, changer.username, changer.password)).toBeUndefined();
    expect(await passSecret(t, changer.username, newPassword)).toBeDefined();
  });

  it('refuses a change of secret that leaves a person\'s keys sealed under the old one (422), and changes nothing', async () => {
    const keeper = await enrolPerson(t, ccr, agencyId);
    const session = await signIn(t, keeper);
    // Their person keys, sealed under the current secret (the bytes do not matter here: the server never opens them).
    await sql(`INSERT INTO person_keys (principal_id, sign_public_key, box_public_key, key_version, envelope) VALUES ($1, $2, $3, 1, $4)`, [keeper.id, randomBytes(32), randomBytes(32), randomBytes(120)]);
    const newPassword = `new ${uniqueName('secret')}`;
    secrets.push(newPassword);
    const registration = opaque.client.startRegistration({ password: newPassword });
    const started = await withSession(t.http().post('/people/secret/start'), t, session).send({ registrationRequest: registration.registrationRequest }).expect(200);
    const finished = opaque.client.finishRegistration({ password: newPassword, clientRegistrationState: registration.clientRegistrationState, registrationResponse: started.body.registrationResponse });
    const refused = await withSession(t.http().post('/people/secret/finish'), t, session)
      .send({ registrationRecord: finished.registrationRecord, totpCode: await keeper.authenticator.code() })
      .expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'envelope' })]);
    expect(await passSecret(t, keeper.username, keeper.password)).toBeDefined();
    expect(await passSecret(t, keeper.username, newPassword)).toBeUndefined();
  });

  it('keeps bearer tokens working for service accounts beside cookie sessions', async () => {
    const system = await ccr.service(agencyId);
    await t.http().get('/principals/me').set('Authorization', system.bearer).expect(200);
  });

  it('writes nothing secret to the logs: no secret, password, TOTP secret, cookie, CSRF value or export key', () => {
    const text = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(10);
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
  });
});
