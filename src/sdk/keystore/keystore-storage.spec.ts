import { KeystoreError } from '../../crypto';
import { CcrUsageError } from '../errors';
import { newAgencyId, TEST_PASSPHRASE } from '../testing/fixtures';
import { AgencyKeystore } from './agency-keystore';
import { MemoryKeystoreStorage } from './keystore-storage';

const create = (storage: MemoryKeystoreStorage, agencyId = newAgencyId()) =>
  AgencyKeystore.create({ storage, agencyId, clientId: 'console', passphrase: TEST_PASSPHRASE, strength: 'interactive' });

describe('the portable AgencyKeystore (browser entry) in a MemoryKeystoreStorage', () => {
  it('saves only ciphertext, hands each save to onWrite, and opens again from that text', async () => {
    const written: string[] = [];
    const storage = new MemoryKeystoreStorage(undefined, { onWrite: (text) => void written.push(text) });
    const agencyId = newAgencyId();
    const created = await create(storage, agencyId);
    expect(written).toHaveLength(1);
    expect(storage.text).toBe(written[0]);
    expect(written[0]).not.toContain(Buffer.from(created.current.sign.privateKey).toString('base64'));
    expect(JSON.parse(written[0])).toMatchObject({ kdf: expect.any(Object), ciphertext: expect.any(String) });

    const reopened = await AgencyKeystore.open(new MemoryKeystoreStorage(written[0]), TEST_PASSPHRASE);
    expect(reopened.agencyId).toBe(agencyId);
    expect(reopened.current.sign.publicKey).toEqual(created.current.sign.publicKey);
    expect(reopened.readableByOthers).toBe(false);
    await expect(AgencyKeystore.open(new MemoryKeystoreStorage(written[0]), 'not the passphrase at all')).rejects.toBeInstanceOf(KeystoreError);
  });

  it('refuses to create over a stored keystore and to open an empty storage', async () => {
    const storage = new MemoryKeystoreStorage('{"existing":true}');
    await expect(create(storage)).rejects.toMatchObject({ code: 'exists' });
    expect(storage.text).toBe('{"existing":true}');
    await expect(AgencyKeystore.open(new MemoryKeystoreStorage(), TEST_PASSPHRASE)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('has no files: a path is a usage error naming the Node entry, and path plus storage is refused', async () => {
    await expect(AgencyKeystore.open('/tmp/ks.json', TEST_PASSPHRASE)).rejects.toThrow(/need Node/);
    await expect(AgencyKeystore.create({ path: '/tmp/ks.json', agencyId: newAgencyId(), passphrase: TEST_PASSPHRASE })).rejects.toBeInstanceOf(CcrUsageError);
    await expect(
      AgencyKeystore.create({ path: '/tmp/ks.json', storage: new MemoryKeystoreStorage(), agencyId: newAgencyId(), passphrase: TEST_PASSPHRASE }),
    ).rejects.toThrow('one of them');
  });

  it('merges what another writer saved in between (two tabs on one storage), as files do', async () => {
    const storage = new MemoryKeystoreStorage();
    const first = await create(storage);
    const second = await AgencyKeystore.open(storage, TEST_PASSPHRASE);
    const key = Buffer.alloc(32, 7).toString('base64');
    const epoch = { epoch: 1, signPublicKey: key, boxPublicKey: key, createdAt: '2026-01-01T00:00:00.000Z', fingerprint: 'fp-1' };
    second.setPin({ agencyId: newAgencyId(), origin: 'first_use', pinnedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', epochs: [epoch] });
    await second.save();
    first.setPendingRotation(2);
    await first.save();
    const merged = await AgencyKeystore.open(storage, TEST_PASSPHRASE);
    expect(merged.pins()).toHaveLength(1);
    expect(merged.pendingRotation).toBe(2);
  });
});
