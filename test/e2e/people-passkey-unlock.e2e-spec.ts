import * as opaque from '@serenity-kit/opaque';
import { generatePersonKeys, getSodium, personUnlockKey, publicKeysOf, sealMembershipWrap, sealPersonEnvelope, toBase64 } from '../../src/crypto';
import { MemberKeyring, type MyKeysAnswer, openKeysWithPasskey, type PasskeyAnswer, sealForPasskey } from '../../src/sdk/browser';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { type EnrolledPerson, enrolPerson, originOf, type PersonCookieSession, sessionCookieOf, signIn, withSession } from '../support/people';
import { openMandateDetailsAsPerson } from '../support/mandates';
import { type AgencyKeys, registerAgencyKeys } from '../support/sealing';
import { SoftAuthenticator } from '../support/webauthn-authenticator';

/**
 * Issue 19 with a passkey (decisions 0112, 0113): a person who once unlocked with their password
 * adds a passkey envelope; later, on a shared desk, the passkey alone signs them in and unlocks
 * their keys, and they open a record sealed to their agency — no keystore file, no secret typed.
 * The PRF output is the authenticator's (here a random 32 bytes the "device" keeps; the browser
 * test uses Chromium's virtual authenticator with PRF).
 */
describe('people: passkey sign-in and PRF unlock, end to end', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let system: Actor;
  let shelter: AgencyKeys;
  let person: EnrolledPerson;
  const device = new SoftAuthenticator();
  let prfOutput: Uint8Array;

  beforeAll(async () => {
    await opaque.ready;
    t = await startTestApp({ env: { TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '10000' } });
    ccr = new TestCcr(t);
    const agencyId = await ccr.agency('advocacy');
    system = await ccr.service(agencyId);
    shelter = await registerAgencyKeys(t, system);
    person = await enrolPerson(t, ccr, agencyId, ['advocate']);
    prfOutput = (await getSodium()).randombytes_buf(32);
  });
  afterAll(() => t.close());

  it('a person signs in with a passkey alone, unlocks with it, and opens a record sealed to the agency — with no keystore file anywhere', async () => {
    // First, at their own desk: password sign-in, person keys, a member wraps the agency's keys to them, a passkey with its envelope.
    const session = await signIn(t, person);
    const keys = await generatePersonKeys(person.id);
    const envelope = await sealPersonEnvelope(keys, await personUnlockKey(person.exportKey, person.id));
    await withSession(t.http().post('/people/me/keys'), t, session)
      .send({ signPublicKey: toBase64(keys.sign.publicKey), boxPublicKey: toBase64(keys.box.publicKey), envelope: toBase64(envelope) })
      .expect(201);
    const wrap = await sealMembershipWrap(shelter.keys, publicKeysOf(keys));
    await t
      .http()
      .post(`/agencies/${shelter.agencyId}/people/${person.id}/wraps`)
      .set('Authorization', system.bearer)
      .send({ wraps: [{ epoch: 1, wrap: toBase64(wrap.wrap), signature: toBase64(wrap.signature) }] })
      .expect(201);
    const options = (await withSession(t.http().post('/people/me/passkeys/options'), t, session).expect(200)).body;
    const passkey = (await withSession(t.http().post('/people/me/passkeys'), t, session).send({ credential: device.create(options, { origin: originOf(t) }) }).expect(201)).body as PasskeyAnswer;
    await withSession(t.http().put(`/people/me/passkeys/${passkey.id}/envelope`), t, session)
      .send({ envelope: await sealForPasskey(keys, prfOutput, passkey.credentialId, 1) })
      .expect(200);

    // Later, at a shared desk: the passkey alone.
    const started = (await t.http().post('/people/session/passkey-only/start').set('Origin', originOf(t)).expect(200)).body;
    const answer = await t
      .http()
      .post('/people/session/passkey-only/finish')
      .set('Origin', originOf(t))
      .send({ challengeId: started.challengeId, credential: device.get(started.options, { origin: originOf(t) }) })
      .expect(200);
    const desk: PersonCookieSession = { cookie: sessionCookieOf(answer.headers['set-cookie']), csrf: answer.body.csrfToken as string };
    const myKeys = (await withSession(t.http().get('/people/me/keys'), t, desk).expect(200)).body as MyKeysAnswer;
    const mine = (await withSession(t.http().get('/people/me/passkeys'), t, desk).expect(200)).body.passkeys as PasskeyAnswer[];
    const used = mine.find((each) => each.credentialId === device.id) as PasskeyAnswer;
    const ownKeys = await openKeysWithPasskey({ personId: person.id, myKeys, passkey: used, prfOutput });
    const listing = (await withSession(t.http().get(`/agencies/${shelter.agencyId}/keys`), t, desk).expect(200)).body as unknown;
    const keyring = await MemberKeyring.unlock({ personId: person.id, agencyId: shelter.agencyId, ownKeys, myKeys, agencyListing: listing });
    expect(keyring.epochs.map((epoch) => epoch.epoch)).toEqual([1]);

    const citation = 'State v. Doe, protective order 2026-0143';
    expect(await openMandateDetailsAsPerson(t, ccr, desk, shelter, keyring, citation)).toBe(citation);

    // Another PRF output (another passkey, or a guess) opens nothing.
    const wrong = (await getSodium()).randombytes_buf(32);
    await expect(openKeysWithPasskey({ personId: person.id, myKeys, passkey: used, prfOutput: wrong })).rejects.toMatchObject({ code: 'envelope_open_failed' });
  });
});
