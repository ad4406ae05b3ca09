/**
 * Issue 19: a person signs in from the SDK (OPAQUE + TOTP → cookie session), unlocks the agency's
 * keys from their membership wrap, and reads a note sealed to the agency — with no keystore file on
 * the person's side. The client is authorised through the same Authorizer interface as a service
 * account. A stolen cookie is refused from another origin and without the CSRF header.
 */
import { CcrClient, CcrUsageError, MemberKeyring, PersonSession } from '../../src/sdk';
import { type EnrolledPerson, enrolPerson } from '../support/people';
import { connect, type ListeningApp, serviceAgency, type ServiceAgency, startListeningApp, TempFolder } from '../support/sdk';

jest.setTimeout(120_000);

describe('SDK: a person session, unlocked from membership wraps', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let shelter: ServiceAgency;
  let person: EnrolledPerson;

  beforeAll(async () => {
    app = await startListeningApp({ env: { TOKEN_ADDRESS_FAILURES_BEFORE_BACKOFF: '10000' } });
    folder = await TempFolder.create();
    shelter = await serviceAgency(app, folder, 'advocacy');
    await (await connect(app, shelter)).keys.register();
    person = await enrolPerson(app.t, app.ccr, shelter.agencyId, ['advocate']);
  });
  afterAll(async () => {
    await app.close();
    await folder.remove();
  });

  const signIn = (who: EnrolledPerson = person, secret = who.password) =>
    PersonSession.signIn({ baseUrl: app.baseUrl, origin: app.t.config.http.publicUrl, username: who.username, secret, secondFactor: () => who.authenticator.code() });

  it('sets up the person keys on the device, and a member adds them only after confirming the fingerprint', async () => {
    const session = await signIn();
    const { fingerprint } = await session.setUpKeys();
    const system = await connect(app, shelter);
    const wrong = `${fingerprint.slice(0, -1)}${fingerprint.endsWith('0') ? '1' : '0'}`;
    await expect(system.members.add(person.id, { fingerprint: wrong })).rejects.toThrow(CcrUsageError);
    expect((await session.myKeys()).wraps).toEqual([]);
    await expect(system.members.add(person.id, { fingerprint: fingerprint.toUpperCase() })).resolves.toMatchObject({ epochs: [1], fingerprint });
    await session.signOut();
  });

  it('signs in, unlocks and opens a note the agency sealed — the person holds no keystore file', async () => {
    const system = await connect(app, shelter);
    const { id: caseId } = await system.cases.open();
    const text = 'Safety plan: leaves through the side door; sister keeps the spare phone.';
    const { id: noteId } = await system.notes.add(caseId, { category: 'safety_plan', content: text });

    const session = await signIn();
    expect(session.active).toBe(true);
    const keyring = await session.unlock();
    expect(keyring).toBeInstanceOf(MemberKeyring);
    const client = await CcrClient.connect({ session, keyring });
    expect(client.principal).toMatchObject({ id: person.id, agencyId: shelter.agencyId, kind: 'person' });
    expect(() => client.keystore).toThrow(CcrUsageError); // no file behind it
    const read = await client.notes.read(noteId);
    expect(read.text).toBe(text);
    // And the person writes one the system reads: the same agency keys, from a wrap.
    const written = await client.notes.add(caseId, { category: 'safety_plan', content: 'Spoke with her by phone; plan unchanged.' });
    expect((await system.notes.read(written.id)).text).toBe('Spoke with her by phone; plan unchanged.');
    // Nothing secret in what a log or a debugger would print.
    expect(JSON.stringify(session)).not.toMatch(/ccr-session|csrf/i);
    await session.signOut();
    expect(session.active).toBe(false);
    await expect(client.notes.read(noteId)).rejects.toThrow(CcrUsageError);
    await keyring.close();
  });

  it('refuses a wrong secret on the device, before any second factor is asked', async () => {
    let asked = false;
    const attempt = PersonSession.signIn({
      baseUrl: app.baseUrl,
      origin: app.t.config.http.publicUrl,
      username: person.username,
      secret: 'not the secret at all',
      secondFactor: () => ((asked = true), '000000'),
    });
    await expect(attempt).rejects.toThrow(CcrUsageError);
    expect(asked).toBe(false);
  });

  describe('a stolen session cookie', () => {
    let stolen: Record<string, string>;
    beforeAll(async () => {
      stolen = await (await signIn()).headers();
    });
    const replay = (headers: Record<string, string>) => fetch(`${app.baseUrl}/people/me/keys`, { headers });

    it('works with the cookie, the CSRF value and our origin (so the refusals below are the checks, not a dead session)', async () => {
      expect((await replay(stolen)).status).toBe(200);
    });

    it('is refused from another origin', async () => {
      const answer = await replay({ ...stolen, Origin: 'https://evil.example' });
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { type: string }).type).toBe('urn:ccr-exchange:problem:cross-site-request-refused');
    });

    it('is refused without the X-CCR-CSRF header, and with a made-up one', async () => {
      const { 'X-CCR-CSRF': _csrf, ...withoutCsrf } = stolen;
      expect((await replay(withoutCsrf)).status).toBe(403);
      expect((await replay({ ...stolen, 'X-CCR-CSRF': 'A'.repeat(43) })).status).toBe(403);
    });

    it('is refused as a cross-site request (Sec-Fetch-Site) even with the right values', async () => {
      expect((await replay({ ...stolen, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    });
  });

  it("answers a session the server ended with a 401 the client does not repeat; the client's Authorizer is the session", async () => {
    const session = await signIn();
    const client = await CcrClient.connect({ session });
    await app.t.http().delete('/people/session').set('Cookie', (await session.headers()).Cookie).set('X-CCR-CSRF', (await session.headers())['X-CCR-CSRF']).set('Origin', app.t.config.http.publicUrl).expect(204);
    await expect(client.whoami()).rejects.toMatchObject({ status: 401 });
    expect(session.active).toBe(false);
    await expect(client.notes.list(client.principal.id)).rejects.toThrow(CcrUsageError);
  });
});
