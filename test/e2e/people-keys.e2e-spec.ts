import * as opaque from '@serenity-kit/opaque';
import {
  generateAgencyKeyEpoch,
  generatePersonKeys,
  signKeyRegistration,
  openPersonEnvelope,
  type PersonKeys,
  personKeyFingerprint,
  personUnlockKey,
  publicKeysOf,
  sealMembershipWrap,
  sealPersonEnvelope,
  toBase64,
} from '../../src/crypto';
import { MemberKeyring, type MyKeysAnswer, PersonKeyError } from '../../src/sdk/browser';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { withAdminClient } from '../support/database';
import { type EnrolledPerson, enrolPerson, passSecret, type PersonCookieSession, signIn, withSession } from '../support/people';
import { openMandateDetailsAsPerson } from '../support/mandates';
import { type AgencyKeys, registerAgencyKeys } from '../support/sealing';

/** Issue 19 milestone 2: a person's own keys, membership wraps, and an agency run by people with no keystore file. */
describe('people: person keys and membership wraps', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let system: Actor;
  let shelter: AgencyKeys;
  let person: EnrolledPerson;
  let keys: PersonKeys;
  let session: PersonCookieSession;

  beforeAll(async () => {
    await opaque.ready;
    t = await startTestApp({ env: { TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '10000' } });
    ccr = new TestCcr(t);
    const agencyId = await ccr.agency('advocacy');
    system = await ccr.service(agencyId);
    shelter = await registerAgencyKeys(t, system); // the agency's keys, held today by its system
    person = await enrolPerson(t, ccr, agencyId, ['advocate']);
    session = await signIn(t, person);
    // On the person's device: new keys, sealed under the export key of their secret.
    keys = await generatePersonKeys(person.id);
    const envelope = await sealPersonEnvelope(keys, await personUnlockKey(person.exportKey, person.id));
    await withSession(t.http().post('/people/me/keys'), t, session)
      .send({ signPublicKey: toBase64(keys.sign.publicKey), boxPublicKey: toBase64(keys.box.publicKey), envelope: toBase64(envelope) })
      .expect(201);
  });
  afterAll(() => t.close());

  const sql = <R>(text: string, values: unknown[] = []) => withAdminClient(async (client) => (await client.query(text, values)).rows as R[], t.database.url);
  const myKeys = async (as: PersonCookieSession) => (await withSession(t.http().get('/people/me/keys'), t, as).expect(200)).body as MyKeysAnswer;
  const listing = async () => (await withSession(t.http().get(`/agencies/${shelter.agencyId}/keys`), t, session).expect(200)).body as unknown;

  it("lets a member wrap the agency's keys to a newcomer whose fingerprint they confirmed; logged as member_added", async () => {
    const shown = await t.http().get(`/agencies/${shelter.agencyId}/people/${person.id}/keys`).set('Authorization', system.bearer).expect(200);
    expect(shown.body.fingerprint).toBe(await personKeyFingerprint(publicKeysOf(keys))); // read aloud, compared
    const wrap = await sealMembershipWrap(shelter.keys, publicKeysOf(keys));
    const added = await t
      .http()
      .post(`/agencies/${shelter.agencyId}/people/${person.id}/wraps`)
      .set('Authorization', system.bearer)
      .send({ wraps: [{ epoch: 1, wrap: toBase64(wrap.wrap), signature: toBase64(wrap.signature) }] })
      .expect(201);
    const [entry] = await sql<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE idx = $1`, [added.body.logIndex]);
    expect(JSON.parse(entry.entry.toString('utf8'))).toMatchObject({ kind: 'member_added', detail: { person: person.id, epochs: ['1'], personKeyFingerprint: shown.body.fingerprint } });
  });

  it('a person signs in, unlocks and opens a record sealed to the agency — with no keystore file anywhere', async () => {
    const later = await signIn(t, person);
    const keyring = await MemberKeyring.unlock({ personId: person.id, agencyId: shelter.agencyId, exportKey: later.exportKey, myKeys: await myKeys(later), agencyListing: await listing() });
    expect(keyring.epochs.map((epoch) => epoch.epoch)).toEqual([1]);
    const citation = 'State v. Doe, protective order 2026-0142';
    expect(await openMandateDetailsAsPerson(t, ccr, later, shelter, keyring, citation)).toBe(citation);
  });

  it("cannot be unlocked from what the server stores: its login record, its OPAQUE setup, the envelope, sessions, TOTP secret", async () => {
    const [login] = await sql<{ opaque_record: string; totp_secret: string }>(`SELECT opaque_record, totp_secret FROM person_logins WHERE principal_id = $1`, [person.id]);
    const [stored] = await sql<{ envelope: Buffer }>(`SELECT envelope FROM person_keys WHERE principal_id = $1`, [person.id]);
    const material = Buffer.concat([
      Buffer.from(login.opaque_record, 'base64url'),
      Buffer.from(t.config.people.opaqueServerSetup as string, 'base64url'),
      stored.envelope,
      ...(await sql<{ secret_hash: Buffer; csrf_hash: Buffer }>(`SELECT secret_hash, csrf_hash FROM person_sessions WHERE principal_id = $1`, [person.id])).flatMap((row) => [row.secret_hash, row.csrf_hash]),
      Buffer.from(login.totp_secret),
    ]);
    // Every 64-byte window of it, taken as an export key (what OPAQUE gives only to the secret's holder), fails.
    const outcomes: string[] = [];
    for (let offset = 0; offset + 64 <= material.length; offset += 1) {
      const candidate = material.subarray(offset, offset + 64).toString('base64url');
      outcomes.push(await openPersonEnvelope(stored.envelope, await personUnlockKey(candidate, person.id), person.id).then(() => 'opened', (error: PersonKeyError) => error.code));
    }
    expect(outcomes.length).toBeGreaterThan(300);
    expect([...new Set(outcomes)]).toEqual(['envelope_open_failed']);
    // The server running OPAQUE itself with its record and setup, for a wrong guess, gets no export key either.
    const guess = opaque.client.startLogin({ password: 'password123' });
    const server = opaque.server.startLogin({ serverSetup: t.config.people.opaqueServerSetup as string, userIdentifier: person.id, registrationRecord: login.opaque_record, startLoginRequest: guess.startLoginRequest });
    expect(opaque.client.finishLogin({ clientLoginState: guess.clientLoginState, loginResponse: server.loginResponse, password: 'password123' })).toBeUndefined();
  });

  it('refuses, in every client, a wrap the database superuser inserted for keys of its own; the API refuses it too', async () => {
    const own = await generateAgencyKeyEpoch(shelter.agencyId, 1);
    const forged = await sealMembershipWrap(own, publicKeysOf(keys));
    const body = { wraps: [{ epoch: 1, wrap: toBase64(forged.wrap), signature: toBase64(forged.signature) }] };
    const refused = await t.http().post(`/agencies/${shelter.agencyId}/people/${person.id}/wraps`).set('Authorization', system.bearer).send(body).expect(422);
    expect(refused.body.errors[0].field).toBe('wraps.0');
    await sql(`UPDATE membership_wraps SET wrap = $2, signature = $3 WHERE principal_id = $1 AND epoch = 1`, [person.id, Buffer.from(forged.wrap), Buffer.from(forged.signature)]);
    const later = await signIn(t, person);
    const unlocking = MemberKeyring.unlock({ personId: person.id, agencyId: shelter.agencyId, exportKey: later.exportKey, myKeys: await myKeys(later), agencyListing: await listing() });
    await expect(unlocking).rejects.toMatchObject({ name: 'PersonKeyError', code: 'bad_wrap_signature' });
  });

  it("keeps another agency's people and wraps out of reach, and a person's keys change only by re-enrolment", async () => {
    const other = await ccr.service(await ccr.agency('advocacy'));
    await t.http().get(`/agencies/${shelter.agencyId}/people/${person.id}/keys`).set('Authorization', other.bearer).expect(404);
    await t.http().post(`/agencies/${shelter.agencyId}/people/${person.id}/wraps`).set('Authorization', other.bearer).send({ wraps: [{ epoch: 1, wrap: toBase64(new Uint8Array(80)), signature: toBase64(new Uint8Array(64)) }] }).expect(404);
    await withSession(t.http().post('/people/me/keys'), t, session)
      .send({ signPublicKey: toBase64(keys.sign.publicKey), boxPublicKey: toBase64(keys.box.publicKey), envelope: toBase64(new Uint8Array(80)) })
      .expect(409);
  });

  it('removes a member at once (wraps, keys, sessions, login; member_removed) and marks the agency due for rotation until a new epoch', async () => {
    const leaver = await enrolPerson(t, ccr, shelter.agencyId, ['agency_worker']);
    const leaverSession = await signIn(t, leaver);
    const leaverKeys = await generatePersonKeys(leaver.id);
    await withSession(t.http().post('/people/me/keys'), t, leaverSession)
      .send({ signPublicKey: toBase64(leaverKeys.sign.publicKey), boxPublicKey: toBase64(leaverKeys.box.publicKey), envelope: toBase64(await sealPersonEnvelope(leaverKeys, await personUnlockKey(leaver.exportKey, leaver.id))) })
      .expect(201);
    const wrap = await sealMembershipWrap(shelter.keys, publicKeysOf(leaverKeys));
    await t.http().post(`/agencies/${shelter.agencyId}/people/${leaver.id}/wraps`).set('Authorization', system.bearer).send({ wraps: [{ epoch: 1, wrap: toBase64(wrap.wrap), signature: toBase64(wrap.signature) }] }).expect(201);

    const removed = await t.http().delete(`/agencies/${shelter.agencyId}/people/${leaver.id}/membership`).set('Authorization', system.bearer).expect(200);
    expect(removed.body.rotationDue).toBe(true);
    const [entry] = await sql<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE idx = $1`, [removed.body.logIndex]);
    expect(JSON.parse(entry.entry.toString('utf8'))).toMatchObject({ kind: 'member_removed', actor: { principal: system.id }, detail: { agency: shelter.agencyId, person: leaver.id } });
    await withSession(t.http().get('/people/me/keys'), t, leaverSession).expect(401);
    expect(await passSecret(t, leaver.username, leaver.password)).toBeUndefined();
    const left = await sql(`SELECT 1 FROM membership_wraps WHERE principal_id = $1 UNION ALL SELECT 1 FROM person_keys WHERE principal_id = $1`, [leaver.id]);
    expect(left).toEqual([]);

    const stayer = await signIn(t, person);
    expect((await withSession(t.http().get('/people/me/keys'), t, stayer).expect(200)).body.rotationDue).toBe(true);
    const next = await generateAgencyKeyEpoch(shelter.agencyId, 2);
    await t.http().post(`/agencies/${shelter.agencyId}/keys`).set('Authorization', system.bearer).send(await signKeyRegistration(next, shelter.keys.sign.privateKey)).expect(201);
    expect((await withSession(t.http().get('/people/me/keys'), t, stayer).expect(200)).body.rotationDue).toBe(false);
  });

  it("lets no one remove another agency's person (404)", async () => {
    const other = await ccr.service(await ccr.agency('advocacy'));
    await t.http().delete(`/agencies/${shelter.agencyId}/people/${person.id}/membership`).set('Authorization', other.bearer).expect(404);
    await t.http().delete(`/agencies/${(await ccr.coordinatingBodyId())}/people/${person.id}/membership`).set('Authorization', (await ccr.admin()).bearer).expect(404);
  });
});
