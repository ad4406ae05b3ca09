/**
 * Issue 19 "Recovery": a person who forgot their secret is re-enrolled by another member — a new
 * code, a new secret and second factor, new person keys, a new wrap made by the member's client.
 * Nothing of the old keys survives on the server, and each step is a log entry. Also: a person
 * changes their own secret and their keys stay unlockable.
 */
import { CcrClient, CcrUsageError, enrol, PersonSession } from '../../src/sdk';
import { withAdminClient } from '../support/database';
import { Authenticator, type EnrolledPerson, enrolPerson } from '../support/people';
import { connect, type ListeningApp, serviceAgency, type ServiceAgency, startListeningApp, TempFolder } from '../support/sdk';

jest.setTimeout(180_000);

describe('SDK: recovery by another member, and a change of secret', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let shelter: ServiceAgency;
  let alice: EnrolledPerson;
  let bob: EnrolledPerson;

  const sql = <R>(text: string, values: unknown[] = []) => withAdminClient(async (client) => (await client.query(text, values)).rows as R[], app.t.database.url);
  const entryAt = async (index: number) => JSON.parse((await sql<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE idx = $1`, [index]))[0].entry.toString('utf8')) as Record<string, unknown>;
  const signIn = (who: Pick<EnrolledPerson, 'username' | 'password' | 'authenticator'>) =>
    PersonSession.signIn({ baseUrl: app.baseUrl, origin: app.t.config.http.publicUrl, username: who.username, secret: who.password, secondFactor: () => who.authenticator.code() });

  beforeAll(async () => {
    app = await startListeningApp({ env: { TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '10000' } });
    folder = await TempFolder.create();
    shelter = await serviceAgency(app, folder, 'advocacy');
    const system = await connect(app, shelter);
    await system.keys.register();
    alice = await enrolPerson(app.t, app.ccr, shelter.agencyId, ['advocate']);
    bob = await enrolPerson(app.t, app.ccr, shelter.agencyId, ['advocate']);
    for (const person of [alice, bob]) {
      const session = await signIn(person);
      await system.members.add(person.id, await session.setUpKeys());
      await session.signOut();
    }
  });
  afterAll(async () => {
    await app.close();
    await folder.remove();
  });

  it('re-enrols bob at alice\'s hand: new secret, new keys, a new wrap from alice; the old keys are gone', async () => {
    const aliceSession = await signIn(alice);
    const alices = await CcrClient.connect({ session: aliceSession, keyring: await aliceSession.unlock() });
    const { id: caseId } = await alices.cases.open();
    const { id: noteId } = await alices.notes.add(caseId, { category: 'safety_plan', content: 'Code word with the school: "blue kite".' });
    const [oldKeys] = await sql<{ sign_public_key: Buffer }>(`SELECT sign_public_key FROM person_keys WHERE principal_id = $1`, [bob.id]);

    await expect(alices.members.startRecovery(alice.id)).rejects.toMatchObject({ status: 409 }); // not oneself
    const recovery = await alices.members.startRecovery(bob.id);
    expect(recovery.link).toBe(`${app.t.config.http.publicUrl}/#enrol=${recovery.code}`);
    expect(await entryAt(recovery.logIndex)).toMatchObject({ kind: 'person_recovery_started', actor: { principal: alice.id }, detail: { agency: shelter.agencyId, person: bob.id } });

    // Bob, on his device, with the link alice read to him.
    let authenticator: Authenticator | undefined;
    const newSecret = 'a whole new secret for bob';
    const enrolled = await enrol({
      baseUrl: app.baseUrl,
      code: recovery.code,
      secret: newSecret,
      confirmSecondFactor: (setUp) => {
        authenticator = new Authenticator(setUp.totpSecret);
        return authenticator.code();
      },
    });
    expect(enrolled).toMatchObject({ principalId: bob.id, username: bob.username, recovered: true });
    const [recovered] = await sql<{ entry: Buffer }>(`SELECT entry FROM ledger_entries WHERE convert_from(entry, 'UTF8') LIKE '%"person_recovered"%' ORDER BY idx DESC LIMIT 1`);
    expect(JSON.parse(recovered.entry.toString('utf8'))).toMatchObject({ kind: 'person_recovered', detail: { person: bob.id, issuedBy: alice.id } });
    // Old login, keys and wraps: gone. The old secret no longer signs in.
    expect(await sql(`SELECT 1 FROM person_keys WHERE principal_id = $1 UNION ALL SELECT 1 FROM membership_wraps WHERE principal_id = $1`, [bob.id])).toEqual([]);
    await expect(signIn(bob)).rejects.toThrow(CcrUsageError);

    const renewed = { username: bob.username, password: newSecret, authenticator: authenticator as Authenticator };
    const bobSession = await signIn(renewed);
    const { fingerprint } = await bobSession.setUpKeys();
    const [newKeys] = await sql<{ sign_public_key: Buffer }>(`SELECT sign_public_key FROM person_keys WHERE principal_id = $1`, [bob.id]);
    expect(newKeys.sign_public_key.equals(oldKeys.sign_public_key)).toBe(false);
    await expect(bobSession.unlock()).rejects.toThrow(/no membership wrap/); // nobody has added him back yet

    const added = await alices.members.add(bob.id, { fingerprint });
    expect(await entryAt(added.logIndex)).toMatchObject({ kind: 'member_added', actor: { principal: alice.id }, detail: { person: bob.id, personKeyFingerprint: fingerprint } });
    const bobs = await CcrClient.connect({ session: bobSession, keyring: await bobSession.unlock() });
    expect((await bobs.notes.read(noteId)).text).toBe('Code word with the school: "blue kite".');
    // The recovery code is spent.
    await expect(enrol({ baseUrl: app.baseUrl, code: recovery.code, secret: 'someone else entirely', confirmSecondFactor: () => '000000' })).rejects.toMatchObject({ status: 401 });
    bob = { ...bob, password: newSecret, authenticator: authenticator as Authenticator };
  });

  it('lets a person change their own secret: the old one stops, the new one signs in and still unlocks', async () => {
    const session = await signIn(alice);
    const next = 'alice chose another secret';
    await session.changeSecret(next, () => alice.authenticator.code());
    expect((await session.unlock()).epochs.map((epoch) => epoch.epoch)).toEqual([1]); // this session holds the new root
    await expect(signIn(alice)).rejects.toThrow(CcrUsageError);
    alice = { ...alice, password: next };
    const again = await signIn(alice);
    expect((await again.unlock()).current.epoch).toBe(1);
    await expect(session.changeSecret('short', () => '000000')).rejects.toThrow(/at least 12/);
  });
});
