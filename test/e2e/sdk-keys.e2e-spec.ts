/**
 * Key registration, rotation and pinning through the real key directory
 * (POST/GET /agencies/:agencyId/keys), with the SDK and the ccrx CLI.
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { generateAgencyKeyEpoch, signKeyRegistration } from '../../src/crypto';
import { AgencyKeystore, CcrClient, CcrNetworkError, Credentials, KeyPinViolation } from '../../src/sdk';
import { withAdminClient } from '../support/database';
import { connect, KEYSTORE_PASSPHRASE, type ListeningApp, runCli, serviceAgency, type ServiceAgency, startListeningApp, TempFolder, urlOf } from '../support/sdk';

// The CLI tests spawn ccrx from source (ts-node) several times: seconds each on a busy machine.
jest.setTimeout(180_000);

describe('agency keys through the real directory (SDK and CLI)', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let advocacy: ServiceAgency;
  let police: ServiceAgency;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    advocacy = await serviceAgency(app, folder, 'advocacy');
    police = await serviceAgency(app, folder, 'law_enforcement');
  });
  afterAll(async () => {
    await app.close();
    await folder.remove();
  });

  // Each test opens the keystore afresh: the CLI tests change the same files from other processes.
  const reopen = (agency: ServiceAgency) => AgencyKeystore.open(agency.keystore.path, KEYSTORE_PASSPHRASE);
  const clientOf = async (agency: ServiceAgency) => connect(app, { ...agency, keystore: await reopen(agency) });
  const cliEnv = (agency: ServiceAgency) => ({ CCRX_API: app.baseUrl, CCRX_KEYSTORE: agency.keystore.path, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE });

  it('registers epoch 1 and recognises the identical registration on retry', async () => {
    const client = await clientOf(advocacy);
    const [local] = await client.keystore.publicEpochs();
    await expect(client.keys.register()).resolves.toMatchObject({ currentEpoch: 1, registered: [1], alreadyRegistered: [], fingerprint: local.fingerprint });
    await expect(client.keys.register()).resolves.toMatchObject({ currentEpoch: 1, registered: [], alreadyRegistered: [1] });
    await expect((await clientOf(police)).keys.register()).resolves.toMatchObject({ registered: [1] });
  });

  it("pins another agency's keys on first use, showing the fingerprint its own keystore shows", async () => {
    const client = await clientOf(police);
    const [advocacyEpoch1] = await (await reopen(advocacy)).publicEpochs();
    const entry = await client.keys.get(advocacy.agencyId);
    expect(entry).toMatchObject({ agencyId: advocacy.agencyId, currentEpoch: 1, change: 'first_use', origin: 'first_use' });
    expect(entry.epochs[0].fingerprint).toBe(advocacyEpoch1.fingerprint);
    await expect(client.keys.get(advocacy.agencyId)).resolves.toMatchObject({ change: 'unchanged' });
  });

  it('rotates: the new epoch is signed by the old one, and the other agency accepts it through its pin', async () => {
    const rotation = await (await clientOf(advocacy)).keys.rotate();
    expect(rotation).toMatchObject({ epoch: 2, resumed: false, currentEpoch: 2, registered: [2] });
    const entry = await (await clientOf(police)).keys.get(advocacy.agencyId);
    expect(entry).toMatchObject({ currentEpoch: 2, change: 'rotated' });
    expect(entry.epochs.map((e) => Boolean(e.retiredAt))).toEqual([true, false]);
  });

  it('finishes a rotation whose registration answers were lost, instead of rotating twice', async () => {
    const losingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST' && urlOf(input).endsWith('/keys')) throw new TypeError('fetch failed');
      return response;
    };
    const keystore = await reopen(advocacy);
    const interrupted = await CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.fromKeystore(keystore), keystore, fetch: losingFetch, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    await expect(interrupted.keys.rotate()).rejects.toBeInstanceOf(CcrNetworkError);
    expect((await reopen(advocacy)).current.epoch).toBe(3); // saved before it was registered

    const resumed = await (await clientOf(advocacy)).keys.rotate();
    expect(resumed).toMatchObject({ epoch: 3, resumed: true, currentEpoch: 3, registered: [], alreadyRegistered: [1, 2, 3] });
  });

  it('seals for the current epoch of the other agency, which opens and verifies it', async () => {
    const policeClient = await clientOf(police);
    const consentId = randomUUID();
    const record = await policeClient.records.seal({ caseId: randomUUID(), category: 'risk', body: 'risk summary', recipients: [{ agencyId: advocacy.agencyId, consentId }] });
    expect(record.wraps.find((w) => w.agencyId === advocacy.agencyId)).toMatchObject({ epoch: 3, consentId });
    const opened = await (await clientOf(advocacy)).records.open(record);
    expect(Buffer.from(opened.body).toString()).toBe('risk summary');
  });

  it('refuses to register keys for another agency (404, as if it did not exist)', async () => {
    const worker = await app.ccr.person(police.agencyId, ['agency_worker']);
    const registration = await signKeyRegistration(await generateAgencyKeyEpoch(advocacy.agencyId, 1));
    await app.t.http().post(`/agencies/${advocacy.agencyId}/keys`).set('Authorization', worker.bearer).send(registration).expect(404);
  });

  it('with the CLI: registers idempotently and pins by a fingerprint given out of band', async () => {
    const register = await runCli(['keys', 'register'], cliEnv(police));
    expect(register.code).toBe(0);
    expect(register.stdout).toContain('Nothing to register');

    const [, , advocacyCurrent] = await (await reopen(advocacy)).publicEpochs();
    const wrongPin = await runCli(['keys', 'pin', '--agency', advocacy.agencyId, '--fingerprint', '0000 0000 0000 0000 0000 0000 0000 0000'], cliEnv(police));
    expect(wrongPin.code).toBe(6);
    expect(wrongPin.stderr).toContain('fingerprint_mismatch');
    const pin = await runCli(['--json', 'keys', 'pin', '--agency', advocacy.agencyId, '--fingerprint', advocacyCurrent.fingerprint], cliEnv(police));
    expect(pin.code).toBe(0);
    expect(JSON.parse(pin.stdout)).toMatchObject({ origin: 'fingerprint', currentEpoch: 3 });
  });

  it('with the CLI: seals to another agency, opens as it, and rotates', async () => {
    const input = folder.file('referral.txt');
    const sealed = folder.file('referral.json');
    const opened = folder.file('referral.opened.txt');
    await writeFile(input, 'Referral: survivor asks for a protection-order advocate.');
    const seal = await runCli(['seal', '--case', randomUUID(), '--category', 'referral', '--to', `${advocacy.agencyId}:${randomUUID()}`, '--in', input, '--out', sealed], cliEnv(police));
    expect(seal.code).toBe(0);
    const show = await runCli(['keys', 'show', '--agency', police.agencyId], cliEnv(advocacy));
    expect(show.code).toBe(0);
    const open = await runCli(['open', '--in', sealed, '--out', opened], cliEnv(advocacy));
    expect(open.code).toBe(0);
    expect(await readFile(opened, 'utf8')).toBe('Referral: survivor asks for a protection-order advocate.');

    const rotate = await runCli(['keys', 'rotate'], cliEnv(police));
    expect(rotate.code).toBe(0);
    expect(rotate.stdout).toContain('Rotated to epoch 2');
  });

  it('refuses keys a database superuser substituted in the directory (KeyPinViolation, pins unchanged)', async () => {
    const genuine = (await reopen(advocacy)).current;
    const forged = await generateAgencyKeyEpoch(advocacy.agencyId, genuine.epoch, genuine.createdAt);
    const attacker = await generateAgencyKeyEpoch(advocacy.agencyId, 1);
    const registration = await signKeyRegistration(forged, attacker.sign.privateKey);
    await withAdminClient(async (db) => {
      await db.query('SET session_replication_role = replica'); // the operator bypasses the history trigger
      await db.query('UPDATE agency_keys SET sign_public_key = $1, box_public_key = $2, registration = $3 WHERE agency_id = $4 AND epoch = $5', [
        Buffer.from(forged.sign.publicKey),
        Buffer.from(forged.box.publicKey),
        registration,
        advocacy.agencyId,
        genuine.epoch,
      ]);
    }, app.t.database.url);

    const client = await clientOf(police);
    const error = await client.keys.get(advocacy.agencyId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyPinViolation);
    expect(error).toMatchObject({ agencyId: advocacy.agencyId, epoch: genuine.epoch });
    await expect(client.directory.currentBoxKey(advocacy.agencyId)).rejects.toBeInstanceOf(KeyPinViolation);
    const pinned = client.directory.pinned(advocacy.agencyId);
    expect(pinned?.epochs[genuine.epoch - 1].boxPublicKey).toBe(Buffer.from(genuine.box.publicKey).toString('base64'));

    const cli = await runCli(['keys', 'show', '--agency', advocacy.agencyId], cliEnv(police));
    expect(cli.code).toBe(6);
    expect(cli.stderr).toContain('REFUSED');
    await expect((await clientOf(advocacy)).keys.register()).rejects.toMatchObject({ reason: expect.stringMatching(/own_key_mismatch|key_substituted/) });
  });
});
