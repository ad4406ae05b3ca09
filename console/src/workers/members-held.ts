import * as opaque from '@serenity-kit/opaque';
import { fromBase64Strict, generatePersonKeys, openPersonEnvelope, personKeyFingerprint, personUnlockKey, publicKeysOf, sealPersonEnvelope, toBase64, wipeSecrets } from '../../../src/crypto';
import { HttpCore, KeyDirectory, KeysApi, makeFirstAgencyKeys, MembersApi, type MyKeysAnswer } from '../../../src/sdk/browser';
import { heldKeyring } from './agency-keys-held';
import { type KeyWorkerReply, type KeyWorkerRequest } from './key-protocol';
import { heldPersonKeys, holdPersonKeys } from './person-keys-held';

/**
 * Membership as a member's client manages it (decisions 0084, 0115), in the key worker: the SDK's
 * MembersApi itself, on the agency keys opened here from this person's wraps. Only the wraps (sealed
 * to the newcomer, signed by the agency key) and the new epoch's public registration leave the
 * worker; the server cannot make a wrap. The worker calls the API itself with the session's cookie
 * (same origin) and the CSRF value the page hands it per request.
 */
function workerHttp(csrf: string): HttpCore {
  const send: typeof fetch = (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('X-CCR-CSRF', csrf);
    return fetch(input, { ...init, headers, credentials: 'same-origin', cache: 'no-store' });
  };
  return new HttpCore({ baseUrl: self.location.origin, fetch: send, userAgent: 'ccr-console' });
}

function membersApi(csrf: string): MembersApi | null {
  const keyring = heldKeyring();
  if (!keyring) return null;
  const http = workerHttp(csrf);
  const directory = new KeyDirectory(keyring, { source: new KeysApi(http) });
  return new MembersApi(http, keyring.agencyId, () => keyring, () => directory);
}

export async function addMember(request: Extract<KeyWorkerRequest, { type: 'add-member' }>): Promise<KeyWorkerReply> {
  const members = membersApi(request.csrf);
  if (!members) return { type: 'error', message: 'open your agency keys first' };
  const added = await members.add(request.personId, { fingerprint: request.fingerprint });
  return { type: 'member-added', epochs: added.epochs, fingerprint: added.fingerprint };
}

export async function rotateAgency(request: Extract<KeyWorkerRequest, { type: 'rotate-members' }>): Promise<KeyWorkerReply> {
  const members = membersApi(request.csrf);
  if (!members) return { type: 'error', message: 'open your agency keys first' };
  const rotated = await members.rotate();
  return { type: 'members-rotated', epoch: rotated.epoch, fingerprint: rotated.fingerprint, people: rotated.people, skipped: rotated.skipped.map((each) => each.personId) };
}

/**
 * The agency's first keys, for an agency with no epoch yet (decision 0156): the SDK's own
 * makeFirstAgencyKeys, with this person's keys open here as the one wrapped to. Only the epoch's
 * public registration and the wrap (sealed to this person, signed by the new key) leave the worker.
 */
export async function makeAgencyFirstKeys(request: Extract<KeyWorkerRequest, { type: 'make-agency-first-keys' }>): Promise<KeyWorkerReply> {
  const person = heldPersonKeys();
  if (!person) return { type: 'error', message: 'unlock your keys first' };
  const made = await makeFirstAgencyKeys(workerHttp(request.csrf), request.agencyId, person);
  return { type: 'agency-first-keys-made', epoch: made.epoch, fingerprint: made.fingerprint };
}

/** The person's first keys, made here after enrolment and sealed under this sign-in's export key: only public keys and the envelope leave. */
export async function makePersonKeys(personId: string, exportKey: Uint8Array | undefined): Promise<KeyWorkerReply> {
  if (!exportKey) return { type: 'error', message: 'sign in with your password first' };
  const keys = await generatePersonKeys(personId);
  const unlockKey = await personUnlockKey(toBase64Url(exportKey), personId);
  try {
    const envelope = await sealPersonEnvelope(keys, unlockKey);
    const fingerprint = await personKeyFingerprint(publicKeysOf(keys));
    await holdPersonKeys(keys);
    return { type: 'person-keys-made', signPublicKey: toBase64(keys.sign.publicKey), boxPublicKey: toBase64(keys.box.publicKey), envelope: toBase64(envelope), fingerprint };
  } finally {
    await wipeSecrets(unlockKey);
  }
}

/**
 * A change of secret (as PersonSession.changeSecret): the OPAQUE registration under the new secret
 * finishes here, and the person's keys — open already, or opened now with the current export key —
 * are sealed under the new one. The new export key is kept apart until the server took the change.
 */
let pendingExportKey: Uint8Array | null = null;

export async function finishSecretChange(
  request: Extract<KeyWorkerRequest, { type: 'secret-change-finish' }>,
  pending: { password: string; clientRegistrationState: string } | null,
  currentExportKey: Uint8Array | undefined,
): Promise<KeyWorkerReply> {
  if (!pending) return { type: 'error', message: 'no change of secret in progress' };
  const finished = opaque.client.finishRegistration({ password: pending.password, clientRegistrationState: pending.clientRegistrationState, registrationResponse: request.registrationResponse });
  const nextExportKey = base64urlBytes(finished.exportKey);
  const envelope = request.myKeys ? await resealed(request.personId, request.myKeys, currentExportKey, nextExportKey) : undefined;
  if (pendingExportKey) await wipeSecrets(pendingExportKey);
  pendingExportKey = nextExportKey;
  return { type: 'secret-change-ready', registrationRecord: finished.registrationRecord, serverStaticPublicKey: finished.serverStaticPublicKey, envelope };
}

/** The server took the new secret: its export key becomes this session's unlock root. */
export function takePendingExportKey(): Uint8Array | null {
  const next = pendingExportKey;
  pendingExportKey = null;
  return next;
}

async function resealed(personId: string, myKeys: MyKeysAnswer, currentExportKey: Uint8Array | undefined, nextExportKey: Uint8Array): Promise<string> {
  const nextKey = await personUnlockKey(toBase64Url(nextExportKey), personId);
  try {
    const held = heldPersonKeys();
    if (held) return toBase64(await sealPersonEnvelope(held, nextKey, myKeys.keyVersion));
    if (!currentExportKey) throw new Error('unlock your keys (or sign in with your password) before changing your secret');
    const currentKey = await personUnlockKey(toBase64Url(currentExportKey), personId);
    const envelope = fromBase64Strict(myKeys.envelope);
    if (!envelope) throw new Error('the server sent an envelope that is not base64');
    try {
      const keys = await openPersonEnvelope(envelope, currentKey, personId, myKeys.keyVersion);
      await holdPersonKeys(keys);
      return toBase64(await sealPersonEnvelope(keys, nextKey, myKeys.keyVersion));
    } finally {
      await wipeSecrets(currentKey);
    }
  } finally {
    await wipeSecrets(nextKey);
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64urlBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}
