import { fromBase64Strict, openPasskeyEnvelope, passkeyPrfSalt, type PersonKeys, sealPasskeyEnvelope, toBase64, wipeSecrets } from '../../crypto';
import { CcrUsageError } from '../errors';
import type { MyKeysAnswer } from './member-keyring';
import type { PasskeyAnswer } from './passkey-answer';

export { type PasskeyAnswer, prfOutputOf, withoutPrfOutput } from './passkey-answer';

/**
 * The PRF extension input for navigator.credentials.get()/create() (decision 0112): one fixed
 * salt, so any device asks the same question, before sign-in and without the server.
 */
export async function passkeyPrfExtension(): Promise<{ prf: { eval: { first: Uint8Array } } }> {
  return { prf: { eval: { first: await passkeyPrfSalt() } } };
}

/** Seals the person's (unlocked) keys under this passkey's PRF output: base64 for PUT /people/me/passkeys/{id}/envelope. */
export async function sealForPasskey(keys: PersonKeys, prfOutput: Uint8Array, credentialId: string, keyVersion: number): Promise<string> {
  return toBase64(await sealPasskeyEnvelope(keys, prfOutput, credentialId, keyVersion));
}

/**
 * The person's keys from a passkey envelope and the PRF output of the passkey that just signed in;
 * refused unless the keys inside are the public keys the server lists for the person.
 */
export async function openKeysWithPasskey(options: { personId: string; myKeys: MyKeysAnswer; passkey: PasskeyAnswer; prfOutput: Uint8Array }): Promise<PersonKeys> {
  if (!options.passkey.envelope) throw new CcrUsageError('this passkey does not unlock your keys yet: unlock with your password once and add it');
  const envelope = fromBase64Strict(options.passkey.envelope);
  if (!envelope) throw new CcrUsageError('the server sent a value that is not canonical base64');
  const keys = await openPasskeyEnvelope(envelope, options.prfOutput, options.personId, options.passkey.credentialId, options.myKeys.keyVersion);
  if (toBase64(keys.sign.publicKey) !== options.myKeys.signPublicKey || toBase64(keys.box.publicKey) !== options.myKeys.boxPublicKey) {
    await wipeSecrets(keys.sign.privateKey, keys.box.privateKey);
    throw new CcrUsageError('the passkey envelope opened, but its keys are not the public keys the server lists for you');
  }
  return keys;
}
