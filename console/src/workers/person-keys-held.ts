import { fromBase64Strict, openPersonEnvelope, type PersonKeys, personKeyFingerprint, personUnlockKey, publicKeysOf, toBase64, wipeSecrets } from '../../../src/crypto';
import { type MyKeysAnswer, openKeysWithPasskey, sealForPasskey } from '../../../src/sdk/browser';
import { type KeyWorkerReply, type KeyWorkerRequest } from './key-protocol';

/**
 * The person's own keys while they are open (issue 19): in the key worker's memory only, gone when
 * the page terminates the worker (lock, exit). The envelope logic is the SDK's (src/crypto and
 * src/sdk/people), shared with every other client.
 */
let person: PersonKeys | null = null;

/** The person's keys, for opening the agency's membership wraps in this worker (never posted out). */
export function heldPersonKeys(): PersonKeys | null {
  return person;
}

export async function closePersonKeys(): Promise<void> {
  if (person) await wipeSecrets(person.sign.privateKey, person.box.privateKey);
  person = null;
}

/** Keeps keys opened or made elsewhere in this worker (a change of secret, first keys) as the person's open keys. */
export async function holdPersonKeys(keys: PersonKeys): Promise<void> {
  if (person === keys) return;
  await closePersonKeys();
  person = keys;
}

async function hold(keys: PersonKeys): Promise<KeyWorkerReply> {
  await closePersonKeys();
  person = keys;
  return { type: 'unlocked', fingerprint: await personKeyFingerprint(publicKeysOf(keys)) };
}

export async function unlockWithPassword(personId: string, myKeys: MyKeysAnswer, exportKey: Uint8Array | undefined): Promise<KeyWorkerReply> {
  if (!exportKey) return { type: 'error', message: 'sign in with your password first' };
  const envelope = fromBase64Strict(myKeys.envelope);
  if (!envelope) return { type: 'error', message: 'the server sent an envelope that is not base64' };
  const unlockKey = await personUnlockKey(toBase64Url(exportKey), personId);
  try {
    const keys = await openPersonEnvelope(envelope, unlockKey, personId, myKeys.keyVersion);
    if (toBase64(keys.sign.publicKey) !== myKeys.signPublicKey || toBase64(keys.box.publicKey) !== myKeys.boxPublicKey) return { type: 'error', message: 'the envelope holds keys the server does not list for you' };
    return hold(keys);
  } finally {
    await wipeSecrets(unlockKey);
  }
}

export async function unlockWithPasskey(request: Extract<KeyWorkerRequest, { type: 'unlock-passkey' }>): Promise<KeyWorkerReply> {
  try {
    return hold(await openKeysWithPasskey({ personId: request.personId, myKeys: request.myKeys, passkey: request.passkey, prfOutput: request.prfOutput }));
  } finally {
    await wipeSecrets(request.prfOutput);
  }
}

export async function sealPasskeyEnvelopeWith(request: Extract<KeyWorkerRequest, { type: 'seal-passkey-envelope' }>): Promise<KeyWorkerReply> {
  try {
    if (!person) return { type: 'error', message: 'unlock your keys first' };
    return { type: 'passkey-envelope', envelope: await sealForPasskey(person, request.prfOutput, request.credentialId, request.keyVersion) };
  } finally {
    await wipeSecrets(request.prfOutput);
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
