/**
 * Issue 19 "Leaving": a member is removed, a remaining member's client rotates the agency's keys and
 * re-wraps the new epoch to everyone left; the removed member can open nothing sealed afterwards.
 * The server — as the database superuser — slips in a member and a wrap of its own: every client
 * refuses them, and the rotation API refuses wraps the agency's key did not sign.
 */
import { fromBase64Strict, generateAgencyKeyEpoch, generatePersonKeys, openPersonEnvelope, personUnlockKey, publicKeysOf, sealMembershipWrap, signKeyRegistration, toBase64 } from '../../src/crypto';
import { CcrClient, HttpCore, KeystoreOutOfDate, makeFirstAgencyKeys, offlineRecords, PersonSession } from '../../src/sdk';
import { withAdminClient } from '../support/database';
import { type EnrolledPerson, enrolPerson } from '../support/people';
import { connect, type ListeningApp, serviceAgency, type ServiceAgency, startListeningApp, TempFolder } from '../support/sdk';

jest.setTimeout(180_000);

describe('SDK: removal, key rotation and re-wrap in an agency run by people', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let shelter: ServiceAgency;
  let alice: EnrolledPerson;
  let bob: EnrolledPerson;

  const sql = <R>(text: string, values: unknown[] = []) => withAdminClient(async (client) => (await client.query(text, values)).rows as R[], app.t.database.url);
  const signIn = (who: EnrolledPerson) =>
    PersonSession.signIn({ baseUrl: app.baseUrl, origin: app.t.config.http.publicUrl, username: who.username, secret: who.password, secondFactor: () => who.authenticator.code() });
  const personClient = async (who: EnrolledPerson) => {
    const session = await signIn(who);
    const keyring = await session.unlock();
    return { session, keyring, client: await CcrClient.connect({ session, keyring }) };
  };

  beforeAll(async () => {
    app = await startListeningApp({ env: { TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '10000' } });
    folder = await TempFolder.create();
    shelter = await serviceAgency(app, folder, 'advocacy');
    const system = await connect(app, shelter);
    await system.keys.register();
    alice = await enrolPerson(app.t, app.ccr, shelter.agencyId, ['advocate']);
    bob = await enrolPerson(app.t, app.ccr, shelter.agencyId, ['agency_worker']);
    for (const person of [alice, bob]) {
      const session = await signIn(person);
      const { fingerprint } = await session.setUpKeys();
      await system.members.add(person.id, { fingerprint });
      await session.signOut();
    }
  });
  afterAll(async () => {
    await app.close();
    await folder.remove();
  });

  it("removes bob, rotates from alice's client, and bob's keys open nothing sealed after the rotation", async () => {
    const leaving = await personClient(bob);
    const { client, keyring } = await personClient(alice);
    const { id: caseId } = await client.cases.open();
    const before = await client.notes.add(caseId, { category: 'safety_plan', content: 'Before the rotation.' });
    expect((await leaving.client.notes.read(before.id)).text).toBe('Before the rotation.'); // bob was a member

    await expect(client.members.remove(bob.id)).resolves.toMatchObject({ rotationDue: true });
    expect(await client.members.rotationDue()).toBe(true);
    const rotated = await client.members.rotate();
    expect(rotated).toMatchObject({ epoch: 2, people: [alice.id], skipped: [] });
    expect(keyring.epochs.map((epoch) => epoch.epoch)).toEqual([1, 2]);
    expect(await client.members.rotationDue()).toBe(false);
    const [entry] = await sql<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE idx = $1`, [rotated.logIndex]);
    expect(JSON.parse(entry.entry.toString('utf8'))).toMatchObject({ kind: 'members_rewrapped', actor: { principal: alice.id }, detail: { agency: shelter.agencyId, epoch: '2', people: [alice.id] } });

    const after = await client.notes.add(caseId, { category: 'safety_plan', content: 'After the rotation: new address.' });
    expect((await client.notes.read(after.id)).text).toBe('After the rotation: new address.');
    // Bob's session is gone (the server gate) ...
    await expect(leaving.client.notes.read(after.id)).rejects.toMatchObject({ status: 401 });
    // ... and even with the ciphertext in hand (a copy, a leak) and the new epoch's public keys pinned
    // (they are public), the keys bob held do not open it: the record is sealed to epoch 2 only.
    const withNewPin = keyring.pin(shelter.agencyId);
    expect(withNewPin?.epochs.map((epoch) => epoch.epoch)).toEqual([1, 2]);
    leaving.keyring.setPin(withNewPin as NonNullable<typeof withNewPin>);
    const fetched = (await client.http.request<{ content: unknown; share: unknown }>({ method: 'GET', path: `/notes/${after.id}` })).body;
    await expect(offlineRecords(leaving.keyring).open(fetched.content, { share: (fetched.share ?? undefined) as never })).rejects.toMatchObject({ code: 'recipient_key_unavailable' });
    // What bob opened before stays opened: the docs say so.
    const old = (await client.http.request<{ content: unknown; share: unknown }>({ method: 'GET', path: `/notes/${before.id}` })).body;
    expect(new TextDecoder().decode((await offlineRecords(leaving.keyring).open(old.content, { share: (old.share ?? undefined) as never })).body)).toBe('Before the rotation.');

    // Alice's next sign-in unlocks both epochs from the wraps the rotation stored.
    const again = await personClient(alice);
    expect(again.keyring.epochs.map((epoch) => epoch.epoch)).toEqual([1, 2]);
    expect((await again.client.notes.read(after.id)).text).toBe('After the rotation: new address.');
  });

  it('re-wraps to nobody the server slipped in: a person with a wrap signed by a key of its own is skipped', async () => {
    const { client } = await personClient(alice);
    const impostor = await app.ccr.createPrincipal(shelter.agencyId, { kind: 'person', username: `impostor-${Date.now()}`, displayName: 'impostor', roles: ['advocate'] });
    const keys = await generatePersonKeys(impostor.id);
    const own = await generateAgencyKeyEpoch(shelter.agencyId, 2);
    const forged = await sealMembershipWrap(own, publicKeysOf(keys));
    await sql(`INSERT INTO person_keys (principal_id, sign_public_key, box_public_key, key_version, envelope) VALUES ($1, $2, $3, 1, $4)`, [
      impostor.id,
      Buffer.from(keys.sign.publicKey),
      Buffer.from(keys.box.publicKey),
      Buffer.alloc(80),
    ]);
    await sql(`INSERT INTO membership_wraps (principal_id, epoch, agency_id, wrap, signature, issued_by) VALUES ($1, 2, $2, $3, $4, $1)`, [
      impostor.id,
      shelter.agencyId,
      Buffer.from(forged.wrap),
      Buffer.from(forged.signature),
    ]);
    const rotated = await client.members.rotate();
    expect(rotated).toMatchObject({ epoch: 3, people: [alice.id], skipped: [{ personId: impostor.id, reason: 'bad_wrap_signature' }] });
    const wrapsOfImpostor = await sql<{ epoch: number }>(`SELECT epoch FROM membership_wraps WHERE principal_id = $1`, [impostor.id]);
    expect(wrapsOfImpostor.map((row) => row.epoch)).toEqual([2]); // only its own forgery
  });

  it('refuses, atomically, a rotation whose wraps the agency key did not sign, or that leaves the rotating person out', async () => {
    const { client, keyring } = await personClient(alice);
    const next = await generateAgencyKeyEpoch(shelter.agencyId, keyring.current.epoch + 1);
    const registration = await signKeyRegistration(next, keyring.current.sign.privateKey);
    const myKeys = await client.members.publicKeys(alice.id);
    const aliceKeys = { personId: alice.id, signPublicKey: Buffer.from(myKeys.signPublicKey, 'base64'), boxPublicKey: Buffer.from(myKeys.boxPublicKey, 'base64') };
    const forged = await sealMembershipWrap(await generateAgencyKeyEpoch(shelter.agencyId, next.epoch), aliceKeys);
    const post = (wraps: unknown[]) => app.t.http().post(`/agencies/${shelter.agencyId}/members/rotation`).set('Authorization', `Bearer ${'x'}`).send({ registration, wraps });
    await post([]).expect(401); // no session, no rotation
    const session = await signIn(alice);
    const headers = await session.headers();
    const asAlice = (wraps: unknown[]) =>
      app.t.http().post(`/agencies/${shelter.agencyId}/members/rotation`).set('Cookie', headers.Cookie).set('X-CCR-CSRF', headers['X-CCR-CSRF']).set('Origin', headers.Origin).send({ registration, wraps });
    const refused = await asAlice([{ personId: alice.id, epoch: next.epoch, wrap: toBase64(forged.wrap), signature: toBase64(forged.signature) }]).expect(422);
    expect(refused.body.errors[0].field).toBe('wraps.0');
    const other = await sealMembershipWrap(next, { personId: bob.id, signPublicKey: aliceKeys.signPublicKey, boxPublicKey: aliceKeys.boxPublicKey });
    await asAlice([{ personId: bob.id, epoch: next.epoch, wrap: toBase64(other.wrap), signature: toBase64(other.signature) }]).expect(422);
    // Nothing was registered by either attempt.
    const epochs = await sql<{ epoch: number }>(`SELECT epoch FROM agency_keys WHERE agency_id = $1 ORDER BY epoch`, [shelter.agencyId]);
    expect(epochs.map((row) => row.epoch)).toEqual([1, 2, 3]);
    // The system's keystore file stopped at epoch 1: its client refuses to rotate from stale keys.
    await expect((await connect(app, shelter)).members.rotate()).rejects.toThrow(KeystoreOutOfDate);
    // A removed person has no keys to wrap to: adding them back needs a re-enrolment.
    await expect(client.members.add(bob.id, { fingerprint: '0000' })).rejects.toMatchObject({ status: 404 });
  });
  it("lets a new agency's first person make its first keys, once (decision 0156): epoch 1 wrapped to them and opened like any member's", async () => {
    const clinicId = await app.ccr.agency('health', 'hipaa');
    // Each person with keys of their own, open here as in their browser's key worker, and an HTTP client on their session.
    const ready = async (who: EnrolledPerson) => {
      const session = await signIn(who);
      await session.setUpKeys();
      const mine = await session.myKeys();
      const keys = await openPersonEnvelope(fromBase64Strict(mine.envelope) as Uint8Array, await personUnlockKey(who.exportKey, who.id), who.id, mine.keyVersion);
      const http = new HttpCore({ baseUrl: app.baseUrl });
      http.useAuthorizer(session);
      return { session, keys, http };
    };
    const first = await ready(await enrolPerson(app.t, app.ccr, clinicId, ['advocate']));
    const second = await ready(await enrolPerson(app.t, app.ccr, clinicId, ['agency_worker']));
    // Another agency's first epoch is not this person's to make: it looks missing.
    await expect(makeFirstAgencyKeys(first.http, shelter.agencyId, first.keys)).rejects.toMatchObject({ status: 404 });
    const made = await makeFirstAgencyKeys(first.http, clinicId, first.keys);
    expect(made.epoch).toBe(1);
    const keyring = await first.session.unlock();
    expect([keyring.epochs.map((epoch) => epoch.epoch), keyring.pin(clinicId)?.epochs.at(-1)?.fingerprint]).toEqual([[1], made.fingerprint]);
    // A second "first" epoch, by the other person, is refused and writes nothing: from now on a member adds them.
    await expect(makeFirstAgencyKeys(second.http, clinicId, second.keys)).rejects.toMatchObject({ status: 409 });
    const epochs = await sql<{ epoch: number; by: string }>('SELECT epoch, registered_by_principal_id AS by FROM agency_keys WHERE agency_id = $1', [clinicId]);
    expect(epochs).toEqual([{ epoch: 1, by: first.keys.personId }]);
    const wraps = await sql<{ person: string }>('SELECT principal_id AS person FROM membership_wraps WHERE agency_id = $1', [clinicId]);
    expect(wraps).toEqual([{ person: first.keys.personId }]);
    await first.session.signOut();
    await second.session.signOut();
  });
});
