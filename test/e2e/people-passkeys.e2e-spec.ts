import * as opaque from '@serenity-kit/opaque';
import { generatePersonKeys, openPasskeyEnvelope, openPersonEnvelope, personUnlockKey, sealPasskeyEnvelope, sealPersonEnvelope } from '../../src/crypto';
import { getSodium } from '../../src/crypto/sodium';
import { startTestApp, type TestApp } from '../support/app';
import { TestCcr } from '../support/ccr';
import { withAdminClient } from '../support/database';
import { type EnrolledPerson, enrolPerson, enrolWithCode, issueEnrolmentCode, originOf, passSecret, type PersonCookieSession, sessionCookieOf, signIn, withSession } from '../support/people';
import { SoftAuthenticator } from '../support/webauthn-authenticator';

describe('people: passkeys (registration, second factor, passkey-only sign-in, envelope)', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let agencyId: string;
  let person: EnrolledPerson;
  let session: PersonCookieSession;
  const authenticator = new SoftAuthenticator();
  let passkeyId: string;

  beforeAll(async () => {
    await opaque.ready;
    t = await startTestApp({ env: { TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '10000', TOKEN_FAILURES_BEFORE_BACKOFF: '4' } });
    ccr = new TestCcr(t);
    agencyId = await ccr.agency('advocacy');
    person = await enrolPerson(t, ccr, agencyId);
    session = await signIn(t, person);
  });
  afterAll(() => t.close());

  const sql = <R>(text: string, values: unknown[] = []) => withAdminClient(async (client) => (await client.query(text, values)).rows as R[], t.database.url);
  const entry = async (kind: string, passkey: string) => {
    const rows = await sql<{ entry: Buffer }>(`SELECT entry FROM ledger_entries ORDER BY idx DESC LIMIT 50`);
    return rows.map((row) => JSON.parse(row.entry.toString('utf8'))).find((each) => each.kind === kind && each.detail?.passkey === passkey);
  };
  const origin = () => originOf(t);

  async function register(as: PersonCookieSession, device: SoftAuthenticator, status = 201) {
    const options = (await withSession(t.http().post('/people/me/passkeys/options'), t, as).expect(200)).body;
    return withSession(t.http().post('/people/me/passkeys'), t, as)
      .send({ credential: device.create(options, { origin: origin() }) })
      .expect(status);
  }

  /** A pending session and passkey options. Each OPAQUE start counts toward the name's back-off, so the count is cleared first. */
  async function pendingOptions(who: EnrolledPerson) {
    await sql(`DELETE FROM token_failures`);
    const pending = (await passSecret(t, who.username, who.password)) as PersonCookieSession;
    const options = await withSession(t.http().post('/people/session/passkey/options'), t, pending);
    return { pending, options };
  }

  it('registers a passkey for a signed-in person (user verification, this origin and RP ID), logged as passkey_registered', async () => {
    const answer = await register(session, authenticator);
    expect(answer.body).toMatchObject({ credentialId: authenticator.id, transports: ['internal'], envelope: null, lastUsedAt: null });
    passkeyId = answer.body.id;
    expect(await entry('passkey_registered', passkeyId)).toMatchObject({ actor: { principal: person.id }, detail: { person: person.id, prf: false } });
    const listed = (await withSession(t.http().get('/people/me/passkeys'), t, session).expect(200)).body;
    expect(listed.passkeys.map((each: { id: string }) => each.id)).toEqual([passkeyId]);
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('refuses a registration answer made for another origin, another RP ID, without user verification, or twice', async () => {
    for (const twist of [{ origin: 'https://evil.example' }, { origin: origin(), rpId: 'evil.example' }, { origin: origin(), userVerified: false }]) {
      const options = (await withSession(t.http().post('/people/me/passkeys/options'), t, session).expect(200)).body;
      const refused = await withSession(t.http().post('/people/me/passkeys'), t, session).send({ credential: new SoftAuthenticator().create(options, twist) }).expect(422);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const options = (await withSession(t.http().post('/people/me/passkeys/options'), t, session).expect(200)).body;
    const device = new SoftAuthenticator();
    const credential = device.create(options, { origin: origin() });
    const first = await withSession(t.http().post('/people/me/passkeys'), t, session).send({ credential }).expect(201);
    await withSession(t.http().post('/people/me/passkeys'), t, session).send({ credential }).expect(422);
    await withSession(t.http().delete(`/people/me/passkeys/${first.body.id}`), t, session).expect(204);
  });

  it('signs in with the passkey as the second factor instead of a TOTP code, under a new cookie', async () => {
    const { pending, options } = await pendingOptions(person);
    expect(options.status).toBe(200);
    expect(options.body.allowCredentials.map((each: { id: string }) => each.id)).toEqual([authenticator.id]);
    const answer = await withSession(t.http().post('/people/session/passkey'), t, pending).send({ credential: authenticator.get(options.body, { origin: origin() }) }).expect(200);
    const full = { cookie: sessionCookieOf(answer.headers['set-cookie']), csrf: answer.body.csrfToken as string };
    expect(full.cookie).not.toBe(pending.cookie);
    expect((await withSession(t.http().get('/principals/me'), t, full).expect(200)).body.id).toBe(person.id);
    await withSession(t.http().get('/principals/me'), t, pending).expect(401);
  });

  it('refuses a replayed assertion, a counter that did not move forward, another origin, and no user verification', async () => {
    const { pending, options } = await pendingOptions(person);
    const good = authenticator.get(options.body, { origin: origin() });
    await withSession(t.http().post('/people/session/passkey'), t, pending).send({ credential: good }).expect(200);
    const again = await pendingOptions(person);
    const replayed = await withSession(t.http().post('/people/session/passkey'), t, again.pending).send({ credential: good }).expect(422);
    expect(replayed.body.type).toBe('urn:ccr-exchange:problem:validation-failed');
    for (const twist of [{ counter: 1 }, { origin: 'http://localhost:1' }, { userVerified: false }]) {
      const next = await pendingOptions(person);
      await withSession(t.http().post('/people/session/passkey'), t, next.pending).send({ credential: authenticator.get(next.options.body, { origin: origin(), ...twist }) }).expect(422);
      await withSession(t.http().get('/principals/me'), t, next.pending).expect(401);
    }
    // Each refusal counted toward the name's back-off: a good answer passes again only after it is cleared.
    await sql(`DELETE FROM token_failures`);
  });

  it('refuses a passkey request from another origin (403) before it looks at the answer', async () => {
    const { pending, options } = await pendingOptions(person);
    const answer = await t.http().post('/people/session/passkey').set('Cookie', pending.cookie).set('X-CCR-CSRF', pending.csrf).set('Origin', 'https://evil.example').send({ credential: authenticator.get(options.body, { origin: origin() }) });
    expect(answer.status).toBe(403);
    expect(answer.body.type).toBe('urn:ccr-exchange:problem:cross-site-request-refused');
  });

  describe("another person's passkey", () => {
    let other: EnrolledPerson;
    let otherSession: PersonCookieSession;
    let otherDevice: SoftAuthenticator;
    let otherPasskeyId: string;
    beforeAll(async () => {
      other = await enrolPerson(t, ccr, await ccr.agency());
      otherSession = await signIn(t, other);
      otherDevice = new SoftAuthenticator();
      otherPasskeyId = (await register(otherSession, otherDevice)).body.id;
    });

    it('answers 404 to removing it or setting its envelope, and lists only your own', async () => {
      await withSession(t.http().delete(`/people/me/passkeys/${otherPasskeyId}`), t, session).expect(404);
      await withSession(t.http().put(`/people/me/passkeys/${otherPasskeyId}/envelope`), t, session).send({ envelope: Buffer.alloc(64, 1).toString('base64') }).expect(404);
      const mine = (await withSession(t.http().get('/people/me/passkeys'), t, session).expect(200)).body.passkeys;
      expect(mine.map((each: { id: string }) => each.id)).not.toContain(otherPasskeyId);
      expect((await sql(`SELECT 1 FROM person_passkeys WHERE id = $1`, [otherPasskeyId])).length).toBe(1);
    });

    it("refuses it as this person's second factor", async () => {
      const { pending, options } = await pendingOptions(person);
      await withSession(t.http().post('/people/session/passkey'), t, pending).send({ credential: otherDevice.get(options.body, { origin: origin() }) }).expect(422);
      await sql(`DELETE FROM token_failures`);
    });
  });

  it('signs a person in with a discoverable, user-verifying passkey alone', async () => {
    const started = (await t.http().post('/people/session/passkey-only/start').set('Origin', origin()).expect(200)).body;
    expect(started.options.allowCredentials ?? []).toEqual([]);
    expect(started.options.userVerification).toBe('required');
    const answer = await t.http().post('/people/session/passkey-only/finish').set('Origin', origin()).send({ challengeId: started.challengeId, credential: authenticator.get(started.options, { origin: origin() }) }).expect(200);
    const full = { cookie: sessionCookieOf(answer.headers['set-cookie']), csrf: answer.body.csrfToken as string };
    expect((await withSession(t.http().get('/principals/me'), t, full).expect(200)).body.id).toBe(person.id);
    // The challenge is spent: the same answer again is refused.
    await t.http().post('/people/session/passkey-only/finish').set('Origin', origin()).send({ challengeId: started.challengeId, credential: authenticator.get(started.options, { origin: origin() }) }).expect(401);
    const unverified = (await t.http().post('/people/session/passkey-only/start').set('Origin', origin()).expect(200)).body;
    await t.http().post('/people/session/passkey-only/finish').set('Origin', origin()).send({ challengeId: unverified.challengeId, credential: authenticator.get(unverified.options, { origin: origin(), userVerified: false }) }).expect(401);
    await sql(`DELETE FROM token_failures`);
  });

  it('backs off after repeated refused passkey answers, as the TOTP path does (429 with Retry-After)', async () => {
    const { pending } = await pendingOptions(person);
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let attempt = 0; attempt < 6 && !statuses.includes(429); attempt += 1) {
      const options = await withSession(t.http().post('/people/session/passkey/options'), t, pending);
      if (options.status === 429) {
        retryAfter = options.headers['retry-after'];
        statuses.push(429);
        break;
      }
      const answer = await withSession(t.http().post('/people/session/passkey'), t, pending).send({ credential: authenticator.get(options.body, { origin: 'https://evil.example' }) });
      statuses.push(answer.status);
    }
    // One failure for the OPAQUE start, then one per refused answer: blocked once there are more than TOKEN_FAILURES_BEFORE_BACKOFF (4).
    expect(statuses).toEqual([422, 422, 422, 422, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    await sql(`DELETE FROM token_failures`);
  });

  it('refuses bad input with problem+json: no credential, wrong shapes, a PRF output sent along', async () => {
    const { pending, options } = await pendingOptions(person);
    const good = authenticator.get(options.body, { origin: origin() });
    const bodies = [
      {},
      { credential: 'x' },
      { credential: { ...good, id: 'not base64url!' } },
      { credential: { ...good, type: 'password' } },
      { credential: { ...good, response: { ...good.response, signature: 5 } } },
      { credential: { ...good, clientExtensionResults: { prf: { results: { first: 'AAAA' } } } } },
      { credential: { ...good, extra: true } },
    ];
    for (const body of bodies) {
      const answer = await withSession(t.http().post('/people/session/passkey'), t, pending).send(body);
      expect([400, 422]).toContain(answer.status);
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await withSession(t.http().put(`/people/me/passkeys/${passkeyId}/envelope`), t, session).send({ envelope: 'not base64' }).expect(422);
    await withSession(t.http().delete('/people/me/passkeys/not-a-uuid'), t, session).expect(404);
    await t.http().post('/people/session/passkey-only/finish').set('Origin', origin()).send({ challengeId: 'nope', credential: good }).expect(422);
  });

  it('keeps the passkey envelope next to the password envelope; what the server stores opens neither', async () => {
    const keys = await generatePersonKeys(person.id);
    const sodium = await getSodium();
    const prf = sodium.randombytes_buf(32); // stays on the "device"
    const passwordEnvelope = await sealPersonEnvelope(keys, await personUnlockKey(person.exportKey, person.id));
    await withSession(t.http().post('/people/me/keys'), t, session)
      .send({ signPublicKey: Buffer.from(keys.sign.publicKey).toString('base64'), boxPublicKey: Buffer.from(keys.box.publicKey).toString('base64'), envelope: Buffer.from(passwordEnvelope).toString('base64') })
      .expect(201);
    const sealed = await sealPasskeyEnvelope(keys, prf, authenticator.id);
    const stored = await withSession(t.http().put(`/people/me/passkeys/${passkeyId}/envelope`), t, session).send({ envelope: Buffer.from(sealed).toString('base64') }).expect(200);
    expect(stored.body.envelope).toBe(Buffer.from(sealed).toString('base64'));
    const listed = (await withSession(t.http().get('/people/me/passkeys'), t, session).expect(200)).body.passkeys[0];
    const opened = await openPasskeyEnvelope(Buffer.from(listed.envelope, 'base64'), prf, person.id, listed.credentialId);
    expect(Buffer.from(opened.box.privateKey)).toEqual(Buffer.from(keys.box.privateKey));

    // Everything the server has about this person, as the database superuser reads it.
    const [row] = await sql<Record<string, unknown>>(
      `SELECT l.opaque_record, l.totp_secret, k.envelope AS password_envelope, k.sign_public_key, k.box_public_key, pk.envelope AS passkey_envelope, pk.public_key, pk.credential_id, pk.counter::text
         FROM person_logins l JOIN person_keys k USING (principal_id) JOIN person_passkeys pk USING (principal_id) WHERE l.principal_id = $1`,
      [person.id],
    );
    const material = Object.values(row).map((value) => (Buffer.isBuffer(value) ? value : Buffer.from(String(value))));
    // Each field hashed, and every 32-byte window of all of it: taken as a PRF output, or (doubled) as an export key.
    const all = Buffer.concat(material);
    const windows = Array.from({ length: Math.floor((all.length - 32) / 8) + 1 }, (_, index) => new Uint8Array(all.subarray(index * 8, index * 8 + 32)));
    const candidates = [...material.flatMap((bytes) => [sodium.crypto_generichash(32, bytes, null), sodium.crypto_generichash(64, bytes, null)]), ...windows];
    const passkeyEnvelope = row.passkey_envelope as Buffer;
    let opens = 0;
    for (const candidate of candidates) {
      const asPrf = candidate.subarray(0, 32);
      const asExportKey = sodium.to_base64(candidate.length === 64 ? candidate : Buffer.concat([candidate, candidate]), sodium.base64_variants.URLSAFE_NO_PADDING);
      await openPasskeyEnvelope(passkeyEnvelope, asPrf, person.id, authenticator.id).then(() => (opens += 1), () => undefined);
      await openPersonEnvelope(row.password_envelope as Buffer, await personUnlockKey(asExportKey, person.id), person.id).then(() => (opens += 1), () => undefined);
    }
    expect(candidates.length).toBeGreaterThan(50);
    expect(opens).toBe(0);
    expect(JSON.stringify(await sql(`SELECT * FROM person_passkeys`))).not.toContain(Buffer.from(prf).toString('hex'));
  });

  it('removes a passkey (logged as passkey_removed); it then signs nobody in', async () => {
    await withSession(t.http().delete(`/people/me/passkeys/${passkeyId}`), t, session).expect(204);
    expect(await entry('passkey_removed', passkeyId)).toMatchObject({ detail: { person: person.id } });
    const { options } = await pendingOptions(person);
    expect(options.status).toBe(409);
    const started = (await t.http().post('/people/session/passkey-only/start').set('Origin', origin()).expect(200)).body;
    await t.http().post('/people/session/passkey-only/finish').set('Origin', origin()).send({ challengeId: started.challengeId, credential: authenticator.get(started.options, { origin: origin() }) }).expect(401);
  });

  it('a removed member loses their passkeys with their login: the passkey signs nobody in', async () => {
    const leaver = await enrolPerson(t, ccr, agencyId);
    const device = new SoftAuthenticator();
    await register(await signIn(t, leaver), device);
    const admin = await ccr.admin();
    await t.http().delete(`/agencies/${agencyId}/people/${leaver.id}/membership`).set('Authorization', admin.bearer).expect(200);
    expect(await sql(`SELECT 1 FROM person_passkeys WHERE principal_id = $1`, [leaver.id])).toEqual([]);
    const started = (await t.http().post('/people/session/passkey-only/start').set('Origin', origin()).expect(200)).body;
    await t.http().post('/people/session/passkey-only/finish').set('Origin', origin()).send({ challengeId: started.challengeId, credential: device.get(started.options, { origin: origin() }) }).expect(401);
  });

  it('a re-enrolment (new secret, new person keys) removes the passkeys, whose envelopes held the old keys', async () => {
    const forgetful = await enrolPerson(t, ccr, agencyId);
    await register(await signIn(t, forgetful), new SoftAuthenticator());
    await enrolWithCode(t, await issueEnrolmentCode(t, ccr, agencyId, forgetful.id), `another secret ${forgetful.password}`);
    expect(await sql(`SELECT 1 FROM person_passkeys WHERE principal_id = $1`, [forgetful.id])).toEqual([]);
  });
});
