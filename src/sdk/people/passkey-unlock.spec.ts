import { generatePersonKeys, getSodium, toBase64 } from '../../crypto';
import { openKeysWithPasskey, type PasskeyAnswer, prfOutputOf, sealForPasskey, withoutPrfOutput } from './passkey-unlock';

const personId = '7f1d1c9e-3b1a-4c55-9a57-0c8f4a1b2c3d';

async function fixture() {
  const keys = await generatePersonKeys(personId);
  const prf = (await getSodium()).randombytes_buf(32);
  const passkey: PasskeyAnswer = { id: 'p', credentialId: 'cred-1234567890abcdef', transports: [], envelope: await sealForPasskey(keys, prf, 'cred-1234567890abcdef', 1), createdAt: '', lastUsedAt: null };
  const myKeys = { signPublicKey: toBase64(keys.sign.publicKey), boxPublicKey: toBase64(keys.box.publicKey), envelope: '', keyVersion: 1, wraps: [] };
  return { keys, prf, passkey, myKeys };
}

describe('passkey unlock (SDK)', () => {
  it('opens the keys the server lists for the person', async () => {
    const { keys, prf, passkey, myKeys } = await fixture();
    const opened = await openKeysWithPasskey({ personId, myKeys, passkey, prfOutput: prf });
    expect(Buffer.from(opened.sign.privateKey)).toEqual(Buffer.from(keys.sign.privateKey));
  });

  it('refuses keys that are not the listed public keys, and a passkey without an envelope', async () => {
    const { prf, passkey, myKeys } = await fixture();
    const other = await generatePersonKeys(personId);
    await expect(openKeysWithPasskey({ personId, myKeys: { ...myKeys, boxPublicKey: toBase64(other.box.publicKey) }, passkey, prfOutput: prf })).rejects.toThrow(/not the public keys/);
    await expect(openKeysWithPasskey({ personId, myKeys, passkey: { ...passkey, envelope: null }, prfOutput: prf })).rejects.toThrow(/does not unlock/);
  });

  it('reads the PRF output from the extension results and strips it before anything is sent', () => {
    const output = new Uint8Array(32).fill(7);
    const answer = { id: 'x', clientExtensionResults: { prf: { enabled: true, results: { first: output.buffer } }, credProps: { rk: true } } };
    expect(prfOutputOf(answer.clientExtensionResults)).toEqual(output);
    expect(prfOutputOf({ prf: { results: { first: new ArrayBuffer(16) } } })).toBeNull();
    expect(prfOutputOf({})).toBeNull();
    const stripped = withoutPrfOutput(answer);
    expect(stripped.clientExtensionResults).toEqual({ prf: { enabled: true }, credProps: { rk: true } });
    expect(JSON.stringify(stripped)).not.toContain('results');
  });
});
