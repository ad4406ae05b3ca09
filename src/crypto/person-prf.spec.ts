import { PersonKeyError } from './errors';
import { generatePersonKeys, personUnlockKey, sealPersonEnvelope } from './person-keys';
import { openPasskeyEnvelope, passkeyPrfSalt, sealPasskeyEnvelope } from './person-prf';
import { getSodium } from './sodium';

const personId = '7f1d1c9e-3b1a-4c55-9a57-0c8f4a1b2c3d';
const credentialId = 'q1w2e3r4t5y6u7i8o9p0aA';

async function randomPrf(): Promise<Uint8Array> {
  return (await getSodium()).randombytes_buf(32);
}

describe('passkey (PRF) envelope', () => {
  it('opens with the same PRF output, person and credential, and gives back the same keys', async () => {
    const keys = await generatePersonKeys(personId);
    const prf = await randomPrf();
    const envelope = await sealPasskeyEnvelope(keys, prf, credentialId);
    const opened = await openPasskeyEnvelope(envelope, prf, personId, credentialId);
    expect(Buffer.from(opened.sign.privateKey)).toEqual(Buffer.from(keys.sign.privateKey));
    expect(Buffer.from(opened.box.publicKey)).toEqual(Buffer.from(keys.box.publicKey));
    expect(Buffer.from(opened.sign.publicKey)).toEqual(Buffer.from(keys.sign.publicKey));
  });

  it('refuses another PRF output, another credential, another person and another key version', async () => {
    const keys = await generatePersonKeys(personId);
    const prf = await randomPrf();
    const envelope = await sealPasskeyEnvelope(keys, prf, credentialId);
    const refusals = [
      openPasskeyEnvelope(envelope, await randomPrf(), personId, credentialId),
      openPasskeyEnvelope(envelope, prf, personId, 'another-credential-id'),
      openPasskeyEnvelope(envelope, prf, '00000000-0000-4000-8000-000000000000', credentialId),
      openPasskeyEnvelope(envelope, prf, personId, credentialId, 2),
    ];
    for (const refusal of refusals) await expect(refusal).rejects.toMatchObject({ code: 'envelope_open_failed' });
  });

  it('is not the password envelope: a password envelope does not open as a passkey envelope, even under the same 32 bytes', async () => {
    const keys = await generatePersonKeys(personId);
    const sodium = await getSodium();
    const exportKey = sodium.to_base64(sodium.randombytes_buf(64), sodium.base64_variants.URLSAFE_NO_PADDING);
    const unlockKey = await personUnlockKey(exportKey, personId);
    const passwordEnvelope = await sealPersonEnvelope(keys, unlockKey);
    await expect(openPasskeyEnvelope(passwordEnvelope, unlockKey, personId, credentialId)).rejects.toBeInstanceOf(PersonKeyError);
  });

  it('refuses a PRF output of the wrong size and a malformed envelope', async () => {
    const keys = await generatePersonKeys(personId);
    await expect(sealPasskeyEnvelope(keys, new Uint8Array(16), credentialId)).rejects.toMatchObject({ code: 'malformed' });
    await expect(openPasskeyEnvelope(Uint8Array.of(2, 1, 2), await randomPrf(), personId, credentialId)).rejects.toMatchObject({ code: 'malformed' });
  });

  it('derives one fixed 32-byte PRF salt (asked before anyone knows who signs in)', async () => {
    expect(Buffer.from(await passkeyPrfSalt())).toEqual(Buffer.from(await passkeyPrfSalt()));
    expect((await passkeyPrfSalt()).length).toBe(32);
  });
});
