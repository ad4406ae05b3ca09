import { randomUUID } from 'node:crypto';
import { AgencyKeystore, CcrApiError, CcrAuthError, CcrClient, CcrUsageError, Credentials } from '../../src/sdk';
import { connect, KEYSTORE_PASSPHRASE, type ListeningApp, registerServiceAccount, serviceAgency, type ServiceAgency, startListeningApp, TempFolder, uniqueName, urlOf } from '../support/sdk';

describe('SDK authentication against the real API', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let advocacy: ServiceAgency;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    advocacy = await serviceAgency(app, folder);
  });
  afterAll(async () => {
    await advocacy.keystore.close();
    await app.close();
    await folder.remove();
  });

  it("obtains a token with private_key_jwt from the keystore's client key and calls /principals/me", async () => {
    const client = await connect(app, advocacy);
    expect(client.principal).toMatchObject({ agencyId: advocacy.agencyId, kind: 'service', username: advocacy.clientId, roles: ['service'] });
    await expect(client.whoami()).resolves.toEqual(client.principal);
    const agencies = await client.agencies.list();
    expect(agencies.map((a) => a.id)).toContain(advocacy.agencyId);
    await expect(client.agencies.get(advocacy.agencyId)).resolves.toMatchObject({ id: advocacy.agencyId, kind: 'advocacy' });
  });

  it('asks for one token however many calls start at once, and reuses it', async () => {
    const tokenRequests: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      if (urlOf(input).endsWith('/oauth/token')) tokenRequests.push(urlOf(input));
      return fetch(input, init);
    };
    const client = await CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.fromKeystore(advocacy.keystore), fetch: countingFetch });
    await Promise.all(Array.from({ length: 8 }, () => client.agencies.list()));
    expect(tokenRequests).toHaveLength(1);
  });

  it('maps the server refusal of a key it does not know to CcrAuthError', async () => {
    const impostor = await AgencyKeystore.create({ path: folder.file('impostor.json'), agencyId: advocacy.agencyId, clientId: advocacy.clientId, passphrase: KEYSTORE_PASSPHRASE, strength: 'interactive' });
    const error = await CcrClient.connect({ baseUrl: app.baseUrl, credentials: impostor.clientCredentials() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CcrAuthError);
    expect(error).toMatchObject({ status: 401, error: 'invalid_client' });
    await impostor.close();
  });

  it('also authenticates with a client secret and with a person password', async () => {
    const system = await app.ccr.service(advocacy.agencyId);
    const bySecret = await CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.clientSecret(system.username, system.secret) });
    expect(bySecret.principal.username).toBe(system.username);
    const advocate = await app.ccr.person(advocacy.agencyId, ['advocate']);
    const byPassword = await CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.password(advocate.username, advocate.secret) });
    expect(byPassword.principal).toMatchObject({ kind: 'person', roles: ['advocate'] });
  });

  it('refuses a keystore of another agency than the credentials', async () => {
    const other = await serviceAgency(app, folder, 'law_enforcement');
    const error = await CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.fromKeystore(other.keystore), keystore: advocacy.keystore }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CcrUsageError);
    await other.keystore.close();
  });

  it('turns problem+json answers into CcrApiError with the request id the server logged', async () => {
    const client = await connect(app, advocacy);
    const error = (await client.agencies.get(randomUUID()).catch((e: unknown) => e)) as CcrApiError;
    expect(error).toBeInstanceOf(CcrApiError);
    expect(error).toMatchObject({ status: 404, type: expect.stringMatching(/^urn:ccr-exchange:problem:/), requestId: expect.any(String) });
    expect(app.t.logs.some((line) => line.includes(error.requestId))).toBe(true);
  });

  it('authenticates from a keystore reopened from disk (the client key is persisted in it)', async () => {
    const clientId = uniqueName('late-system');
    const keystore = await AgencyKeystore.create({ path: folder.file(`${clientId}.json`), agencyId: advocacy.agencyId, clientId, passphrase: KEYSTORE_PASSPHRASE, strength: 'interactive' });
    await registerServiceAccount(app, advocacy.agencyId, clientId, keystore);
    const reopened = await AgencyKeystore.open(keystore.path, KEYSTORE_PASSPHRASE);
    await expect(CcrClient.connect({ baseUrl: app.baseUrl, credentials: reopened.clientCredentials(), keystore: reopened })).resolves.toMatchObject({ principal: { username: clientId } });
    await keystore.close();
    await reopened.close();
  });
});
