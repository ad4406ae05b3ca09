import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { MyKeysAnswer, PasskeyAnswer } from '../../../src/sdk/browser';
import { CcrApiError, prfOutputOf, withoutPrfOutput } from '../../../src/sdk/browser-plain';
import { csrfStore } from '../state/stores';
import { askKeyWorker } from '../workers/key-worker';
import { SignInRefused } from './sign-in-transport';
import { http } from './http';

/**
 * Passkeys as the server offers them (decisions 0111-0113), in one place: WebAuthn in the page
 * (workers cannot call it), the PRF output handed to the key worker at once and never sent to the
 * server (it is stripped from every answer), the session's CSRF value kept in page memory.
 */
type Json = Record<string, unknown>;

interface SessionAnswer {
  csrfToken: string;
}

async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, json?: unknown): Promise<T> {
  return (await http.request<T>({ method, path, json })).body;
}

async function signInCall<T>(path: string, json?: unknown): Promise<T> {
  try {
    return await call<T>('POST', path, json);
  } catch (error) {
    if (error instanceof CcrApiError && [401, 403, 409, 422].includes(error.status)) throw new SignInRefused(error.message);
    throw error;
  }
}

async function withPrf(options: Json): Promise<Json> {
  const reply = await askKeyWorker({ type: 'passkey-prf-extension' });
  if (reply.type !== 'passkey-prf-extension') throw new Error(reply.type === 'error' ? reply.message : 'the passkey extension could not be made');
  return { ...options, extensions: { ...((options.extensions) ?? {}), ...reply.extension } };
}

export function passkeysSupported(): boolean {
  return browserSupportsWebAuthn();
}

/** A passkey assertion for these options, with the PRF output apart (null when the authenticator has no PRF). */
async function assert(options: Json): Promise<{ answer: Json; prfOutput: Uint8Array | null }> {
  const answer = (await startAuthentication({ optionsJSON: (await withPrf(options)) as never })) as unknown as Json;
  const output = prfOutputOf(answer.clientExtensionResults);
  return { answer: withoutPrfOutput(answer), prfOutput: output ? output.slice() : null };
}

/** After a passkey signed in: open the person's keys from that passkey's envelope in the key worker. */
async function unlockWith(credentialId: string, prfOutput: Uint8Array | null): Promise<string | null> {
  if (!prfOutput) return null;
  const me = await call<{ id: string }>('GET', '/principals/me');
  const passkeys = (await call<{ passkeys: PasskeyAnswer[] }>('GET', '/people/me/passkeys')).passkeys;
  const passkey = passkeys.find((each) => each.credentialId === credentialId);
  if (!passkey?.envelope) {
    prfOutput.fill(0);
    return null;
  }
  const myKeys = await call<MyKeysAnswer>('GET', '/people/me/keys');
  const reply = await askKeyWorker({ type: 'unlock-passkey', personId: me.id, myKeys, passkey, prfOutput });
  if (reply.type !== 'unlocked') throw new Error(reply.type === 'error' ? reply.message : 'the passkey did not unlock your keys');
  return reply.fingerprint;
}

export const passkeyTransport = {
  /** Passkey alone (decision 0113): sign in, then unlock with the same touch when the passkey has PRF; the fingerprint of the keys opened, or null. */
  async signIn(): Promise<string | null> {
    const started = await signInCall<{ challengeId: string; options: Json }>('/people/session/passkey-only/start');
    const { answer, prfOutput } = await assert(started.options);
    const session = await signInCall<SessionAnswer>('/people/session/passkey-only/finish', { challengeId: started.challengeId, credential: answer });
    csrfStore.set(session.csrfToken);
    return unlockWith(answer.id as string, prfOutput);
  },

  /** The second factor of a pending (password) sign-in. */
  async secondFactor(): Promise<void> {
    const options = await signInCall<Json>('/people/session/passkey/options');
    const { answer, prfOutput } = await assert(options);
    prfOutput?.fill(0);
    const session = await signInCall<SessionAnswer>('/people/session/passkey', { credential: answer });
    csrfStore.set(session.csrfToken);
  },

  list(): Promise<{ passkeys: PasskeyAnswer[] }> {
    return call('GET', '/people/me/passkeys');
  },

  remove(id: string): Promise<void> {
    return call('DELETE', `/people/me/passkeys/${id}`);
  },

  /**
   * Registers a passkey; if it has PRF and the person's keys are open in the worker, also its
   * envelope. The PRF output comes from a local assertion right after creation (not every
   * authenticator gives it at creation); that assertion goes nowhere.
   */
  async register(): Promise<{ passkey: PasskeyAnswer; unlocks: boolean }> {
    const options = await call<Json>('POST', '/people/me/passkeys/options');
    const created = (await startRegistration({ optionsJSON: (await withPrf(options)) as never })) as unknown as Json;
    const passkey = await call<PasskeyAnswer>('POST', '/people/me/passkeys', { credential: withoutPrfOutput(created) });
    const local = await assert({ challenge: randomChallenge(), allowCredentials: [{ id: passkey.credentialId, type: 'public-key' }], userVerification: 'required', rpId: self.location.hostname });
    if (!local.prfOutput) return { passkey, unlocks: false };
    const sealed = await askKeyWorker({ type: 'seal-passkey-envelope', credentialId: passkey.credentialId, prfOutput: local.prfOutput, keyVersion: (await call<MyKeysAnswer>('GET', '/people/me/keys')).keyVersion });
    if (sealed.type !== 'passkey-envelope') return { passkey, unlocks: false };
    const stored = await call<PasskeyAnswer>('PUT', `/people/me/passkeys/${passkey.id}/envelope`, { envelope: sealed.envelope });
    return { passkey: stored, unlocks: true };
  },

  /** Opens the person's keys from the password envelope (after a password sign-in), so a new passkey can seal them. */
  async unlockWithPassword(): Promise<string> {
    const me = await call<{ id: string }>('GET', '/principals/me');
    const myKeys = await call<MyKeysAnswer>('GET', '/people/me/keys');
    const reply = await askKeyWorker({ type: 'unlock-password', personId: me.id, myKeys });
    if (reply.type !== 'unlocked') throw new Error(reply.type === 'error' ? reply.message : 'your keys did not open');
    return reply.fingerprint;
  },
};

function randomChallenge(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
