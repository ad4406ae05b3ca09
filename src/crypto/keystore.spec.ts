import { generateAgencyKeyEpoch, type AgencyKeyEpoch } from './agency-keys';
import { createKeystore, openKeystore, wipeKeystoreContents, type KeystoreContents, type KeystoreFileV1 } from './keystore';
import { getSodium } from './sodium';
import { wipeSecrets } from './secure-memory';
import { refusalCode } from './testing/refusal';

const AGENCY = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PASSPHRASE = 'correct horse battery staple, but longer';


// Argon2id is deliberately slow; keep these tests independent of the global timeout.
jest.setTimeout(60_000);

describe('keystore', () => {
  let epochs: AgencyKeyEpoch[];
  let contents: KeystoreContents;
  let file: KeystoreFileV1;

  beforeAll(async () => {
    epochs = [await generateAgencyKeyEpoch(AGENCY, 1), await generateAgencyKeyEpoch(AGENCY, 2)];
    contents = { agencyId: AGENCY, epochs, extra: { clientId: 'svc-police-records', scopes: ['notes:write'] } };
    file = await createKeystore(contents, PASSPHRASE, { strength: 'interactive' });
  });

  it('round-trips every epoch and the extra object', async () => {
    const opened = await openKeystore(JSON.parse(JSON.stringify(file)), PASSPHRASE);
    expect(opened.agencyId).toBe(AGENCY);
    expect(opened.extra).toEqual(contents.extra);
    expect(opened.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    opened.epochs.forEach((e, i) => {
      expect(e.sign.privateKey).toEqual(epochs[i].sign.privateKey);
      expect(e.box.privateKey).toEqual(epochs[i].box.privateKey);
    });
  });

  it('writes no secret in the clear and records the Argon2id parameters', async () => {
    const sodium = await getSodium();
    const text = JSON.stringify(file);
    expect(text).not.toContain(sodium.to_base64(epochs[0].box.privateKey, sodium.base64_variants.ORIGINAL));
    expect(text).not.toContain('svc-police-records');
    expect(file.kdf).toMatchObject({
      alg: 'argon2id13',
      opslimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
      memlimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
    });
  });

  it('refuses a wrong passphrase with a clear error', async () => {
    expect(await refusalCode(openKeystore(file, 'correct horse battery staple, but longer!'))).toBe('wrong_passphrase');
    await expect(openKeystore(file, 'nope')).rejects.toThrow(/passphrase is wrong/);
  });

  it('refuses tampered KDF parameters, salt, nonce or ciphertext', async () => {
    const sodium = await getSodium();
    const raisedOps = { ...file, kdf: { ...file.kdf, opslimit: file.kdf.opslimit + 1 } };
    expect(await refusalCode(openKeystore(raisedOps, PASSPHRASE))).toBe('wrong_passphrase');
    const salt = sodium.from_base64(file.kdf.salt, sodium.base64_variants.ORIGINAL);
    salt[0] ^= 1;
    const otherSalt = { ...file, kdf: { ...file.kdf, salt: sodium.to_base64(salt, sodium.base64_variants.ORIGINAL) } };
    expect(await refusalCode(openKeystore(otherSalt, PASSPHRASE))).toBe('wrong_passphrase');
    const ciphertext = sodium.from_base64(file.ciphertext, sodium.base64_variants.ORIGINAL);
    ciphertext[5] ^= 1;
    const flipped = { ...file, ciphertext: sodium.to_base64(ciphertext, sodium.base64_variants.ORIGINAL) };
    expect(await refusalCode(openKeystore(flipped, PASSPHRASE))).toBe('wrong_passphrase');
  });

  it('refuses KDF costs outside the accepted range before deriving anything', async () => {
    const tooWeak = { ...file, kdf: { ...file.kdf, memlimit: 1024 * 1024 } };
    expect(await refusalCode(openKeystore(tooWeak, PASSPHRASE))).toBe('kdf_params_out_of_range');
    const memoryBomb = { ...file, kdf: { ...file.kdf, memlimit: 64 * 1024 * 1024 * 1024 } };
    expect(await refusalCode(openKeystore(memoryBomb, PASSPHRASE))).toBe('kdf_params_out_of_range');
    const otherAlg = { ...file, kdf: { ...file.kdf, alg: 'argon2i13' } };
    expect(await refusalCode(openKeystore(otherAlg, PASSPHRASE))).toBe('kdf_params_out_of_range');
    expect(await refusalCode(openKeystore({ ...file, v: 2 }, PASSPHRASE))).toBe('unsupported_version');
  });

  it('refuses to write mismatched key pairs', async () => {
    const broken = { ...epochs[0], box: { ...epochs[0].box, publicKey: epochs[1].box.publicKey } };
    expect(await refusalCode(createKeystore({ ...contents, epochs: [broken] }, PASSPHRASE, { strength: 'interactive' }))).toBe('contents_invalid');
  });

  it('wipes secret keys on request', async () => {
    const opened = await openKeystore(file, PASSPHRASE);
    await wipeKeystoreContents(opened);
    expect(opened.epochs.length).toBeGreaterThan(0);
    for (const e of opened.epochs) {
      expect(e.sign.privateKey.every((b) => b === 0)).toBe(true);
      expect(e.box.privateKey.every((b) => b === 0)).toBe(true);
    }
    const body = Uint8Array.from([1, 2, 3]);
    await wipeSecrets(body, undefined);
    expect(Array.from(body)).toEqual([0, 0, 0]);
  });
});
