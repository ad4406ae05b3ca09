import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { generateAgencyKeyEpoch, KeystoreError } from '../../crypto';
import type { AgencyPin } from '../directory/pins';
import { CcrUsageError, KeystoreFileError } from '../errors';
import { createTestKeystore, newAgencyId, TempFolder, TEST_PASSPHRASE } from '../testing/fixtures';
import { AgencyKeystore } from './file-keystore';
import { writeFileAtomically } from '../files/atomic-file';
import { withFileLock } from './keystore-files';

const pinOf = (agencyId: string, epochs: number): AgencyPin => ({
  agencyId,
  origin: 'first_use',
  pinnedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  epochs: Array.from({ length: epochs }, (_, i) => ({
    epoch: i + 1,
    signPublicKey: Buffer.alloc(32, i + 1).toString('base64'),
    boxPublicKey: Buffer.alloc(32, i + 101).toString('base64'),
    createdAt: '2026-01-01T00:00:00.000Z',
    fingerprint: `fp-${i + 1}`,
  })),
});

describe('AgencyKeystore', () => {
  let folder: TempFolder;
  beforeEach(async () => (folder = await TempFolder.create()));
  afterEach(() => folder.remove());

  it('creates a 0600 file with epoch 1 and a client key, and opens it again with the passphrase', async () => {
    const agencyId = newAgencyId();
    const created = await createTestKeystore(folder, { agencyId, clientId: 'dpd-system', name: 'ks' });
    const jwk = await created.clientPublicJwk();
    expect((await stat(created.path)).mode & 0o777).toBe(0o600);

    const opened = await AgencyKeystore.open(created.path, TEST_PASSPHRASE);
    expect(opened.agencyId).toBe(agencyId);
    expect(opened.epochs.map((e) => e.epoch)).toEqual([1]);
    expect(opened.current.sign.publicKey).toEqual(created.current.sign.publicKey);
    expect(opened.clientId).toBe('dpd-system');
    expect(await opened.clientPublicJwk()).toEqual(jwk);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(opened.readableByOthers).toBe(false);
  });

  it('refuses a wrong passphrase with wrong_passphrase', async () => {
    const created = await createTestKeystore(folder);
    await expect(AgencyKeystore.open(created.path, 'not the passphrase at all')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await expect(AgencyKeystore.open(created.path, 'not the passphrase at all')).rejects.toBeInstanceOf(KeystoreError);
  });

  it('refuses a short new passphrase, an invalid agency id, and overwriting an existing file', async () => {
    const path = folder.file('ks.json');
    await expect(AgencyKeystore.create({ path, agencyId: newAgencyId(), passphrase: 'short' })).rejects.toBeInstanceOf(CcrUsageError);
    await expect(AgencyKeystore.create({ path, agencyId: 'NOT-A-UUID', passphrase: TEST_PASSPHRASE })).rejects.toThrow('lowercase UUID');
    await writeFile(path, 'existing');
    await expect(AgencyKeystore.create({ path, agencyId: newAgencyId(), passphrase: TEST_PASSPHRASE, strength: 'interactive' })).rejects.toMatchObject({ code: 'exists' });
    expect(await readFile(path, 'utf8')).toBe('existing');
  });

  it('reports a missing file as not_found', async () => {
    await expect(AgencyKeystore.open(folder.file('none.json'), TEST_PASSPHRASE)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps added epochs and pins across save and open, and leaves no temporary file', async () => {
    const keystore = await createTestKeystore(folder, { name: 'ks' });
    keystore.addEpoch(await generateAgencyKeyEpoch(keystore.agencyId, 2));
    const other = newAgencyId();
    keystore.setPin(pinOf(other, 2));
    expect(keystore.hasUnsavedChanges).toBe(true);
    await keystore.save();

    const reopened = await AgencyKeystore.open(keystore.path, TEST_PASSPHRASE);
    expect(reopened.current.epoch).toBe(2);
    expect(reopened.current.box.publicKey).toEqual(keystore.current.box.publicKey);
    expect(reopened.pin(other)).toEqual(pinOf(other, 2));
    expect(await readdir(folder.path)).toEqual(['ks.json']);
  });

  it('only accepts the next epoch of its own agency', async () => {
    const keystore = await createTestKeystore(folder);
    expect(() => keystore.addEpoch({ ...keystore.current, epoch: 3 })).toThrow('must be 2');
  });

  it('merges what another process saved meanwhile instead of overwriting it', async () => {
    const first = await createTestKeystore(folder, { name: 'ks' });
    const second = await AgencyKeystore.open(first.path, TEST_PASSPHRASE);
    first.addEpoch(await generateAgencyKeyEpoch(first.agencyId, 2));
    await first.save();
    const other = newAgencyId();
    second.setPin(pinOf(other, 1));
    await second.save(); // stale in memory: epoch 2 must survive

    const merged = await AgencyKeystore.open(first.path, TEST_PASSPHRASE);
    expect(merged.current.epoch).toBe(2);
    expect(merged.current.sign.publicKey).toEqual(first.current.sign.publicKey);
    expect(merged.pin(other)?.epochs).toHaveLength(1);
  });

  it('refuses to save when two processes created different keys for the same epoch', async () => {
    const first = await createTestKeystore(folder, { name: 'ks' });
    const second = await AgencyKeystore.open(first.path, TEST_PASSPHRASE);
    first.addEpoch(await generateAgencyKeyEpoch(first.agencyId, 2));
    second.addEpoch(await generateAgencyKeyEpoch(first.agencyId, 2));
    await first.save();
    await expect(second.save()).rejects.toMatchObject({ code: 'conflict' });
    const onDisk = await AgencyKeystore.open(first.path, TEST_PASSPHRASE);
    expect(onDisk.current.sign.publicKey).toEqual(first.current.sign.publicKey);
  });

  it('keeps a pin removed in this process removed even though the file on disk still has it', async () => {
    const first = await createTestKeystore(folder, { name: 'ks' });
    const other = newAgencyId();
    first.setPin(pinOf(other, 1));
    await first.save();
    const second = await AgencyKeystore.open(first.path, TEST_PASSPHRASE);
    first.addEpoch(await generateAgencyKeyEpoch(first.agencyId, 2));
    await first.save();
    second.removePin(other);
    await second.save();
    const merged = await AgencyKeystore.open(first.path, TEST_PASSPHRASE);
    expect(merged.pin(other)).toBeUndefined();
    expect(merged.current.epoch).toBe(2);
  });

  it('shows no secret key through JSON or inspect, and is unusable once closed', async () => {
    const keystore = await createTestKeystore(folder, { clientId: 'sys-a' });
    const secret = Buffer.from(keystore.current.sign.privateKey).toString('base64');
    const shown = JSON.stringify(keystore) + inspect(keystore, { depth: 10 });
    expect(shown).toContain(keystore.agencyId);
    expect(shown).not.toContain(secret.slice(0, 16));
    const privateKey = keystore.current.sign.privateKey;
    await keystore.close();
    expect(privateKey.every((b) => b === 0)).toBe(true);
    expect(() => keystore.current).toThrow('closed');
  });
});

describe('keystore files', () => {
  let folder: TempFolder;
  beforeEach(async () => (folder = await TempFolder.create()));
  afterEach(() => folder.remove());

  it('replaces a file whole, or leaves it untouched when the write cannot complete', async () => {
    const path = folder.file('store.json');
    await writeFileAtomically(path, 'version 1');
    await writeFileAtomically(path, 'version 2');
    expect(await readFile(path, 'utf8')).toBe('version 2');

    const blocked = folder.file('blocked');
    await mkdir(blocked);
    await writeFile(folder.file('blocked/inner'), 'x'); // renaming a file over a non-empty folder fails
    await expect(writeFileAtomically(blocked, 'new')).rejects.toThrow();
    expect(await readdir(folder.path)).toEqual(['blocked', 'store.json']); // the temporary file was removed
  });

  it('never replaces an existing file when told not to, and gives the mode asked for', async () => {
    const path = folder.file('trust.json');
    await writeFileAtomically(path, 'first', { replace: false, mode: 0o644 });
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    await expect(writeFileAtomically(path, 'second', { replace: false })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path, 'utf8')).toBe('first');
    expect(await readdir(folder.path)).toEqual(['trust.json']); // the temporary file was removed
  });

  it('waits for a lock and then names the lock file when it is never released', async () => {
    const path = folder.file('store.json');
    await writeFile(`${path}.lock`, '12345');
    const error = await withFileLock(path, () => Promise.resolve('never'), { timeoutMs: 150, pollMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeystoreFileError);
    expect(error).toMatchObject({ code: 'locked' });
    expect((error as Error).message).toContain('store.json.lock');
  });

  it('serialises two writers', async () => {
    const path = folder.file('store.json');
    const order: string[] = [];
    const slow = (name: string) => withFileLock(path, async () => {
      order.push(`${name}:start`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push(`${name}:end`);
    }, { pollMs: 5 });
    await Promise.all([slow('a'), slow('b')]);
    // Whichever comes first, the two critical sections never interleave.
    const names = order.map((step) => step.split(':')[0]);
    expect(order.map((step) => step.split(':')[1])).toEqual(['start', 'end', 'start', 'end']);
    expect(names[0]).toBe(names[1]);
    expect(names[2]).toBe(names[3]);
    expect(names[0]).not.toBe(names[2]);
  });
});
