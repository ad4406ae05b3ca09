/// <reference lib="webworker" />
import * as opaque from '@serenity-kit/opaque';
import { getSodium, wipeSecrets } from '../../../src/crypto';
import { passkeyPrfExtension } from '../../../src/sdk/browser';
import { openAgency, openRecordWith } from './agency-keys-held';
import { amendConsent, recordConsent, revokeConsent, verifyConsents } from './consents-held';
import { addMember, finishSecretChange, makeAgencyFirstKeys, makePersonKeys, rotateAgency, takePendingExportKey } from './members-held';
import { caseDesk } from './case-desk-held';
import { signAgreement } from './agreement-signing';
import { sealPasskeyEnvelopeWith, unlockWithPasskey, unlockWithPassword } from './person-keys-held';
import { type KeyWorkerEnvelope, type KeyWorkerReply, type KeyWorkerRequest } from './key-protocol';

/**
 * The key worker: the only place a person's secrets live (research §4.2) — the password between the
 * two OPAQUE steps, then OPAQUE's export key (the unlock root for person keys, issue 19), in this
 * worker's memory, gone when the page terminates it on lock or exit.
 */
const held = new Map<string, Uint8Array>();
let pendingLogin: { password: string; clientLoginState: string } | null = null;
let pendingRegistration: { password: string; clientRegistrationState: string } | null = null;
let pendingSecretChange: { password: string; clientRegistrationState: string } | null = null;

async function keepExportKey(exportKey: string): Promise<void> {
  const previous = held.get('exportKey');
  if (previous) await wipeSecrets(previous);
  held.set('exportKey', base64urlBytes(exportKey));
}

function base64urlBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

async function handle(request: KeyWorkerRequest): Promise<KeyWorkerReply> {
  switch (request.type) {
    case 'status':
      await getSodium();
      await opaque.ready;
      return { type: 'status', sodium: 'ready', keysHeld: held.size };
    case 'login-start': {
      await opaque.ready;
      const { clientLoginState, startLoginRequest } = opaque.client.startLogin({ password: request.password });
      pendingLogin = { password: request.password, clientLoginState };
      return { type: 'login-started', startLoginRequest };
    }
    case 'login-finish': {
      const pending = pendingLogin;
      pendingLogin = null;
      if (!pending) return { type: 'error', message: 'no sign-in in progress' };
      const finished = opaque.client.finishLogin({ clientLoginState: pending.clientLoginState, loginResponse: request.loginResponse, password: pending.password });
      if (!finished) return { type: 'login-refused' };
      await keepExportKey(finished.exportKey);
      return { type: 'login-finished', finishLoginRequest: finished.finishLoginRequest };
    }
    case 'register-start': {
      await opaque.ready;
      const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({ password: request.password });
      pendingRegistration = { password: request.password, clientRegistrationState };
      return { type: 'register-started', registrationRequest };
    }
    case 'unlock-password':
      return unlockWithPassword(request.personId, request.myKeys, held.get('exportKey'));
    case 'unlock-passkey':
      return unlockWithPasskey(request);
    case 'passkey-prf-extension':
      return { type: 'passkey-prf-extension', extension: await passkeyPrfExtension() };
    case 'seal-passkey-envelope':
      return sealPasskeyEnvelopeWith(request);
    case 'open-agency':
      return openAgency(request);
    case 'open-record':
      return openRecordWith(request);
    case 'consent-record':
      return recordConsent(request);
    case 'consent-amend':
      return amendConsent(request);
    case 'consent-revoke':
      return revokeConsent(request);
    case 'make-person-keys':
      return makePersonKeys(request.personId, held.get('exportKey'));
    case 'add-member':
      return addMember(request);
    case 'rotate-members':
      return rotateAgency(request);
    case 'make-agency-first-keys':
      return makeAgencyFirstKeys(request);
    case 'secret-change-start': {
      await opaque.ready;
      const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({ password: request.password });
      pendingSecretChange = { password: request.password, clientRegistrationState };
      return { type: 'secret-change-started', registrationRequest };
    }
    case 'secret-change-finish': {
      const pending = pendingSecretChange;
      pendingSecretChange = null;
      return finishSecretChange(request, pending, held.get('exportKey'));
    }
    case 'secret-changed': {
      const next = takePendingExportKey();
      if (!next) return { type: 'error', message: 'no change of secret in progress' };
      const previous = held.get('exportKey');
      if (previous) await wipeSecrets(previous);
      held.set('exportKey', next);
      return { type: 'done' };
    }
    case 'note-recipients':
    case 'note-read':
    case 'note-add':
    case 'referral-targets':
    case 'referral-send':
    case 'meeting-contribute':
      return caseDesk(request);
    case 'consent-verify':
      return verifyConsents(request);
    case 'sign-agreement':
      return signAgreement(request);
    case 'register-finish': {
      const pending = pendingRegistration;
      pendingRegistration = null;
      if (!pending) return { type: 'error', message: 'no enrolment in progress' };
      const finished = opaque.client.finishRegistration({ password: pending.password, clientRegistrationState: pending.clientRegistrationState, registrationResponse: request.registrationResponse });
      await keepExportKey(finished.exportKey);
      return { type: 'register-finished', registrationRecord: finished.registrationRecord, serverStaticPublicKey: finished.serverStaticPublicKey };
    }
  }
}

self.onmessage = async (event: MessageEvent<KeyWorkerEnvelope<KeyWorkerRequest>>) => {
  const { id, message } = event.data;
  let reply: KeyWorkerReply;
  try {
    reply = await handle(message);
  } catch (error) {
    // A release the SDK refused to use says why by a policy code the page can put in words.
    const reason = (error as { reason?: unknown } | null)?.reason;
    reply = { type: 'error', message: error instanceof Error ? error.message : 'key worker failure', ...(typeof reason === 'string' ? { code: reason } : {}) };
  }
  self.postMessage({ id, message: reply } satisfies KeyWorkerEnvelope<KeyWorkerReply>);
};
