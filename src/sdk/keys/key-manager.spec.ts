import { copyFile } from 'node:fs/promises';
import { AgencyKeystore } from '../keystore/file-keystore';
import { KeyDirectory } from '../directory/key-directory';
import { KeystoreOutOfDate } from '../errors';
import { createTestKeystore, TempFolder, TEST_PASSPHRASE } from '../testing/fixtures';
import { InMemoryKeyRegistry } from '../testing/in-memory-key-registry';
import { KeyManager } from './key-manager';

describe('KeyManager', () => {
  let folder: TempFolder;
  let registry: InMemoryKeyRegistry;
  let keystore: AgencyKeystore;
  let keys: KeyManager;

  beforeEach(async () => {
    folder = await TempFolder.create();
    registry = new InMemoryKeyRegistry();
    keystore = await createTestKeystore(folder, { name: 'agency' });
    keys = new KeyManager(keystore, registry, new KeyDirectory(keystore, { source: registry }));
  });
  afterEach(() => folder.remove());

  it('registers epoch 1, and recognises it as already registered when asked again', async () => {
    const first = await keys.register();
    expect(first).toMatchObject({ agencyId: keystore.agencyId, currentEpoch: 1, registered: [1], alreadyRegistered: [] });
    expect(first.fingerprint).toMatch(/^[0-9a-f ]{39}$/);
    await expect(keys.register()).resolves.toMatchObject({ registered: [], alreadyRegistered: [1] });
    expect(registry.epochs.get(keystore.agencyId)).toHaveLength(1);
  });

  it('rotates: epoch 2, signed by epoch 1, saved and registered', async () => {
    await keys.register();
    const rotation = await keys.rotate();
    expect(rotation).toMatchObject({ epoch: 2, resumed: false, currentEpoch: 2, registered: [2] });
    expect(registry.epochs.get(keystore.agencyId)?.[1].registration.rotationSignature).toEqual(expect.any(String));
    const reopened = await AgencyKeystore.open(keystore.path, TEST_PASSPHRASE);
    expect(reopened.epochs.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it('saves the new epoch before registering, so a failed registration is finished by the next call', async () => {
    await keys.register();
    const failing = { list: (id: string) => registry.list(id), register: () => Promise.reject(new Error('network down')) };
    const interrupted = new KeyManager(keystore, failing, new KeyDirectory(keystore, { source: registry }));
    await expect(interrupted.rotate()).rejects.toThrow('network down');
    expect((await AgencyKeystore.open(keystore.path, TEST_PASSPHRASE)).current.epoch).toBe(2);

    const resumed = await keys.rotate();
    expect(resumed).toMatchObject({ epoch: 2, resumed: true, registered: [2] });
    expect(keystore.current.epoch).toBe(2); // no epoch 3: the interrupted rotation was completed instead
  });

  it('recognises a registration whose answer was lost (the server holds it identical)', async () => {
    await keys.register();
    registry.loseNextAnswer = true;
    await expect(keys.rotate()).rejects.toThrow('answer lost');
    await expect(keys.register()).resolves.toMatchObject({ currentEpoch: 2, registered: [], alreadyRegistered: [1, 2] });
  });

  it('after a lost answer, rotate() again finishes that rotation instead of rotating twice', async () => {
    await keys.register();
    registry.loseNextAnswer = true;
    await expect(keys.rotate()).rejects.toThrow('answer lost');
    expect((await AgencyKeystore.open(keystore.path, TEST_PASSPHRASE)).pendingRotation).toBe(2);
    await expect(keys.rotate()).resolves.toMatchObject({ epoch: 2, resumed: true, registered: [], alreadyRegistered: [1, 2] });
    expect(keystore.pendingRotation).toBeUndefined();
    await expect(keys.rotate()).resolves.toMatchObject({ epoch: 3, resumed: false });
  });

  it('refuses to work from a keystore copy (another file) that the original has rotated past', async () => {
    await keys.register();
    await copyFile(keystore.path, folder.file('copy.json'));
    const copy = await AgencyKeystore.open(folder.file('copy.json'), TEST_PASSPHRASE);
    await keys.rotate();
    const stale = new KeyManager(copy, registry, new KeyDirectory(copy, { source: registry }));
    await expect(stale.register()).rejects.toBeInstanceOf(KeystoreOutOfDate);
    await expect(stale.rotate()).rejects.toMatchObject({ localEpoch: 1, registeredEpoch: 2 });
  });

  it('lets a stale process of the same file catch up: saving merges the epoch another process added', async () => {
    await keys.register();
    const sameFile = await AgencyKeystore.open(keystore.path, TEST_PASSPHRASE);
    await keys.rotate();
    sameFile.removePin(sameFile.agencyId);
    await sameFile.save();
    expect(sameFile.current.epoch).toBe(2);
  });
});
