import { inspect } from 'node:util';
import { getSodium } from '../../crypto';
import { Credentials } from './credentials';

describe('Credentials', () => {
  it('never shows a secret through JSON, inspect, String or template strings', async () => {
    const sodium = await getSodium();
    const key = sodium.crypto_sign_keypair().privateKey;
    const keyBase64 = Buffer.from(key).toString('base64');
    const all = [
      Credentials.clientSecret('dpd-system', 'the-client-secret'),
      Credentials.password('alice', 'the-password'),
      Credentials.privateKeyJwt('dpd-system', key),
    ];
    for (const credentials of all) {
      const shown = [JSON.stringify(credentials), inspect(credentials, { showHidden: true, depth: 5 }), String(credentials)].join(' ');
      expect(shown).toContain(credentials.name);
      expect(shown).not.toMatch(/the-client-secret|the-password/);
      expect(shown).not.toContain(keyBase64.slice(0, 20));
    }
  });

  it('builds the form of each grant', async () => {
    const issuer = () => Promise.resolve('ccr-exchange');
    await expect(Credentials.clientSecret('sys', 's').tokenForm({ issuer })).resolves.toEqual({ grant_type: 'client_credentials', client_id: 'sys', client_secret: 's' });
    await expect(Credentials.password('alice', 'p').tokenForm({ issuer })).resolves.toEqual({ grant_type: 'password', username: 'alice', password: 'p' });
  });

  it('refuses a client key that is not a 64-byte libsodium secret key', () => {
    expect(() => Credentials.privateKeyJwt('sys', new Uint8Array(32))).toThrow('64-byte');
  });
});
