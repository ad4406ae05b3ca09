import { AgencyKeystore } from '../../src/sdk';
import { KEYSTORE_PASSPHRASE, type ListeningApp, runCli, startListeningApp, TempFolder } from '../support/sdk';
import { sdkAgency, type SdkAgency } from '../support/sdk-world';

// Every step spawns ccrx from source (ts-node): seconds each on a busy machine.
jest.setTimeout(180_000);

/** Partner keys not pinned yet: pinned on first use with a warning, or refused under strict pins. */
describe('ccrx partner key pins', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let shelter: SdkAgency;
  let prosecution: SdkAgency;
  let probation: SdkAgency;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    shelter = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    prosecution = await sdkAgency(app, folder, 'prosecution', 'criminal_justice');
    probation = await sdkAgency(app, folder, 'probation', 'criminal_justice');
  });
  afterAll(async () => {
    for (const agency of [shelter, prosecution, probation]) await agency.keystore.close();
    await app.close();
    await folder.remove();
  });

  const env = () => ({ CCRX_API: app.baseUrl, CCRX_KEYSTORE: shelter.keystore.path, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE });
  const fingerprintOf = async (agency: SdkAgency) => (await agency.keystore.publicEpochs())[0].fingerprint;
  const pinsOfShelter = async () => {
    const keystore = await AgencyKeystore.open(shelter.keystore.path, KEYSTORE_PASSPHRASE);
    const pinned = keystore.pins().map((pin) => pin.agencyId);
    await keystore.close();
    return pinned;
  };

  it('refuses an unpinned key under --strict-pins, naming the fingerprint to compare, and pins nothing', async () => {
    const run = await runCli(['--strict-pins', 'keys', 'show', '--agency', prosecution.agencyId], env());
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('strict pins refuse to trust a key on first use');
    expect(run.stderr).toContain(`the directory presents fingerprint ${await fingerprintOf(prosecution)}`);
    expect(run.stderr).toContain(`ccrx keys pin --agency ${prosecution.agencyId} --fingerprint`);
    await expect(pinsOfShelter()).resolves.not.toContain(prosecution.agencyId);
  });

  it('pins on first use with a warning and the fingerprint on stderr, once', async () => {
    const first = await runCli(['keys', 'show', '--agency', prosecution.agencyId], env());
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`warning: pinned the keys of agency ${prosecution.agencyId} on first use, fingerprint ${await fingerprintOf(prosecution)}`);
    const again = await runCli(['keys', 'show', '--agency', prosecution.agencyId], env());
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    await expect(pinsOfShelter()).resolves.toContain(prosecution.agencyId);
  });

  it('makes strict pins the keystore rule with keys strict-pins on: unpinned keys refused, a compared fingerprint pinned', async () => {
    const on = await runCli(['keys', 'strict-pins', 'on'], env());
    expect(on.code).toBe(0);
    expect((await runCli(['keys', 'show'], env())).stdout).toContain('Strict pins: on');

    const refused = await runCli(['keys', 'show', '--agency', probation.agencyId], env());
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('strict pins refuse');

    const pinned = await runCli(['keys', 'pin', '--agency', probation.agencyId, '--fingerprint', await fingerprintOf(probation)], env());
    expect(pinned.stderr).toBe('');
    expect(pinned.code).toBe(0);
    await expect(pinsOfShelter()).resolves.toEqual(expect.arrayContaining([prosecution.agencyId, probation.agencyId]));

    const off = await runCli(['--json', 'keys', 'strict-pins', 'off'], env());
    expect(JSON.parse(off.stdout)).toEqual({ strictPins: false });
  });
});
