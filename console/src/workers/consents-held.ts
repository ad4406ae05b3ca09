import { AgenciesApi, ConsentsApi, KeyDirectory, RecordCrypto } from '../../../src/sdk/browser';
import { consoleHttp } from '../api/http';
import { csrfStore } from '../state/stores';
import { heldKeyring } from './agency-keys-held';
import { type KeyWorkerReply, type KeyWorkerRequest, type WorkerApi } from './key-protocol';

/**
 * Releases signed where the agency's keys are: this worker runs the SDK's own ConsentsApi (the
 * code `ccrx consent` runs) over the member keyring, so the terms are signed with the agency's
 * current key and the survivor's words are sealed for the agency alone before anything is sent.
 * The page never holds a key; the server never sees the words.
 */
function consents(api: WorkerApi): ConsentsApi | null {
  const keyring = heldKeyring();
  if (!keyring) return null;
  csrfStore.set(api.csrf);
  const http = consoleHttp(api.origin);
  return new ConsentsApi({ http, agencyId: keyring.agencyId, agencies: new AgenciesApi(http), keystore: () => keyring, records: () => new RecordCrypto(keyring, new KeyDirectory(keyring)) });
}

const LOCKED: KeyWorkerReply = { type: 'error', message: 'open your agency keys first' };

export async function recordConsent(request: Extract<KeyWorkerRequest, { type: 'consent-record' }>): Promise<KeyWorkerReply> {
  const api = consents(request.api);
  return api ? { type: 'consent-recorded', consent: await api.record(request.caseId, request.terms) } : LOCKED;
}

export async function amendConsent(request: Extract<KeyWorkerRequest, { type: 'consent-amend' }>): Promise<KeyWorkerReply> {
  const api = consents(request.api);
  return api ? { type: 'consent-recorded', consent: await api.amend(request.consentId, request.changes) } : LOCKED;
}

export async function revokeConsent(request: Extract<KeyWorkerRequest, { type: 'consent-revoke' }>): Promise<KeyWorkerReply> {
  const api = consents(request.api);
  return api ? { type: 'consent-revoked', result: await api.revoke(request.consentId, { channel: request.channel }) } : LOCKED;
}


export async function verifyConsents(request: Extract<KeyWorkerRequest, { type: 'consent-verify' }>): Promise<KeyWorkerReply> {
  const api = consents(request.api);
  if (!api) return LOCKED;
  const signedByUs: Record<string, boolean> = {};
  for (const consent of request.consents) {
    signedByUs[consent.id] = await api.verify(consent).then(
      () => true,
      () => false,
    );
  }
  return { type: 'consents-verified', signedByUs };
}
