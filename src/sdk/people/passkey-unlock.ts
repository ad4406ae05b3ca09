import { fromBase64Strict, openPasskeyEnvelope, passkeyPrfSalt, type PersonKeys, PRF_OUTPUT_BYTES, sealPasskeyEnvelope, toBase64, wipeSecrets } from '../../crypto';
import { CcrUsageError } from '../errors';
import type { MyKeysAnswer } from './member-keyring';

/** One entry of GET /people/me/passkeys. */
export interface PasskeyAnswer {
  id: string;
  credentialId: string;
  transports: string[];
  /** The passkey envelope (base64), if this passkey unlocks the person's keys. */
  envelope: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

/**
 * The PRF extension input for navigator.credentials.get()/create() (decision 0112): one fixed
 * salt, so any device asks the same question, before sign-in and without the server.
 */
export async function passkeyPrfExtension(): Promise<{ prf: { eval: { first: Uint8Array } } }> {
  return { prf: { eval: { first: await passkeyPrfSalt() } } };
}

/** The PRF output from a WebAuthn answer's client extension results, or null when the authenticator gave none. */
export function prfOutputOf(clientExtensionResults: unknown): Uint8Array | null {
  const first = (clientExtensionResults as { prf?: { results?: { first?: unknown } } } | null)?.prf?.results?.first;
  if (first instanceof ArrayBuffer) return first.byteLength === PRF_OUTPUT_BYTES ? new Uint8Array(first) : null;
  if (ArrayBuffer.isView(first)) return first.byteLength === PRF_OUTPUT_BYTES ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength) : null;
  return null;
}

/** The WebAuthn answer as the server may see it: every PRF result removed (the server refuses one). */
export function withoutPrfOutput<T extends { clientExtensionResults?: unknown }>(answer: T): T {
  const results = { ...((answer.clientExtensionResults as Record<string, unknown> | undefined) ?? {}) };
  const prf = results.prf as { enabled?: boolean } | undefined;
  if (prf) results.prf = prf.enabled === undefined ? {} : { enabled: prf.enabled };
  return { ...answer, clientExtensionResults: results };
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
