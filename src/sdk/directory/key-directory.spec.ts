import { randomUUID } from 'node:crypto';
import { generateAgencyKeyEpoch, signKeyRegistration } from '../../crypto';
import { CcrUsageError, KeyNotAvailable, KeyPinViolation } from '../errors';
import { AgencyKeystore } from '../keystore/file-keystore';
import { agencyNetwork } from '../testing/agency-network';
import { TempFolder, TEST_PASSPHRASE } from '../testing/fixtures';
import { listingFor, listingOf } from '../testing/in-memory-key-registry';
import { KeyDirectory } from './key-directory';

describe('KeyDirectory', () => {
  let folder: TempFolder;
  beforeEach(async () => (folder = await TempFolder.create()));
  afterEach(() => folder.remove());

  it('pins on first fetch and saves the pin in the keystore', async () => {
    const { agencies } = await agencyNetwork(folder, ['police', 'advocacy']);
    const { police, advocacy } = agencies;
    const entry = await police.directory.refresh(advocacy.keystore.agencyId);
    expect(entry).toMatchObject({ agencyId: advocacy.keystore.agencyId, currentEpoch: 1, change: 'first_use', origin: 'first_use' });
    const reopened = await AgencyKeystore.open(police.keystore.path, TEST_PASSPHRASE);
    expect(reopened.pin(advocacy.keystore.agencyId)?.epochs[0].fingerprint).toBe(entry.epochs[0].fingerprint);
  });

  it('leaves the pin untouched when the directory lies, and keeps refusing', async () => {
    const { registry, agencies } = await agencyNetwork(folder, ['police', 'advocacy']);
    const { police, advocacy } = agencies;
    const victim = advocacy.keystore.agencyId;
    await police.directory.refresh(victim);
    registry.overrides.set(victim, await listingFor([await generateAgencyKeyEpoch(victim, 1)]));
    await expect(police.directory.refresh(victim)).rejects.toMatchObject({ reason: 'key_substituted' });
    await expect(police.directory.currentBoxKey(victim)).resolves.toMatchObject({ publicKey: advocacy.keystore.current.box.publicKey });
    const reopened = await AgencyKeystore.open(police.keystore.path, TEST_PASSPHRASE);
    expect(reopened.pin(victim)?.epochs[0].boxPublicKey).toBe(Buffer.from(advocacy.keystore.current.box.publicKey).toString('base64'));
  });

  it('offline, resolves only pinned keys', async () => {
    const { agencies } = await agencyNetwork(folder, ['police', 'advocacy', 'court']);
    const { police, advocacy, court } = agencies;
    await police.directory.refresh(advocacy.keystore.agencyId);
    const offline = new KeyDirectory(police.keystore);
    await expect(offline.currentBoxKey(advocacy.keystore.agencyId)).resolves.toMatchObject({ epoch: 1 });
    await expect(offline.currentBoxKey(court.keystore.agencyId)).rejects.toBeInstanceOf(KeyNotAvailable);
    await expect(offline.signingKey(court.keystore.agencyId, 1)).resolves.toBeUndefined();
    await expect(offline.refresh(court.keystore.agencyId)).rejects.toBeInstanceOf(CcrUsageError);
  });

  it('fetches once when asked for an epoch newer than the pin, accepting it only through the pinned chain', async () => {
    const { registry, agencies } = await agencyNetwork(folder, ['police', 'advocacy']);
    const { police, advocacy } = agencies;
    await police.directory.refresh(advocacy.keystore.agencyId);
    await advocacy.keys.rotate();
    const before = registry.listCalls;
    await expect(police.directory.signingKey(advocacy.keystore.agencyId, 2)).resolves.toEqual(advocacy.keystore.current.sign.publicKey);
    expect(registry.listCalls).toBe(before + 1);
    expect(police.keystore.pin(advocacy.keystore.agencyId)?.epochs).toHaveLength(2);
  });

  it("refuses a directory that shows this agency's own epoch with other keys", async () => {
    const { registry, agencies } = await agencyNetwork(folder, ['police']);
    const { police } = agencies;
    const own = police.keystore.agencyId;
    const impostor = await generateAgencyKeyEpoch(own, 1);
    registry.overrides.set(own, listingOf(own, [{ registration: await signKeyRegistration(impostor), retiredAt: null }]));
    await police.directory.forget(own);
    const error = await police.directory.refresh(own).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyPinViolation);
    expect(error).toMatchObject({ reason: 'own_key_mismatch', epoch: 1 });
  });

  it('online, an agency that registered no keys has no signing key (a record of it is then refused)', async () => {
    const { agencies } = await agencyNetwork(folder, ['police']);
    await expect(agencies.police.directory.signingKey(randomUUID(), 1)).resolves.toBeUndefined();
  });

  it('forgets a pin on request (after an out-of-band check)', async () => {
    const { agencies } = await agencyNetwork(folder, ['police', 'advocacy']);
    const { police, advocacy } = agencies;
    await police.directory.refresh(advocacy.keystore.agencyId);
    await expect(police.directory.forget(advocacy.keystore.agencyId)).resolves.toBe(true);
    expect(police.directory.pinned(advocacy.keystore.agencyId)).toBeUndefined();
    await expect(police.directory.forget(advocacy.keystore.agencyId)).resolves.toBe(false);
  });
});
