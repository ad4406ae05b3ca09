import type { CaseHandle, ConsentRecord, ReleaseChanges, ReleaseTerms, RevocationChannel, RevocationResult } from '../../../src/sdk/browser';
import { apiPath } from '../../../src/sdk/browser-plain';
import { csrfStore } from '../state/stores';
import { askKeyWorker } from '../workers/key-worker';
import { type KeyWorkerReply, type WorkerApi } from '../workers/key-protocol';
import { getBody, getPages } from './http';

function workerApi(): WorkerApi {
  return { origin: self.location.origin, csrf: csrfStore.get() };
}

function consentOf(reply: KeyWorkerReply): ConsentRecord {
  if (reply.type !== 'consent-recorded') throw new Error(reply.type === 'error' ? reply.message : 'the release was not recorded');
  return reply.consent;
}

/**
 * Releases as the console handles them: lists read in the page (metadata only), every change
 * signed and sent by the key worker with the SDK's ConsentsApi (the words sealed there).
 */
export const releasesTransport = {
  /** The agency's cases, newest first (ids and times only: the profile stays sealed). */
  async cases(): Promise<CaseHandle[]> {
    return (await getPages<CaseHandle>('/cases', {}, 500)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  },

  list(caseId: string): Promise<ConsentRecord[]> {
    return getBody<ConsentRecord[]>(apiPath`/cases/${caseId}/consents`);
  },

  async record(caseId: string, terms: ReleaseTerms): Promise<ConsentRecord> {
    return consentOf(await askKeyWorker({ type: 'consent-record', api: workerApi(), caseId, terms }));
  },

  async amend(consentId: string, changes: ReleaseChanges): Promise<ConsentRecord> {
    return consentOf(await askKeyWorker({ type: 'consent-amend', api: workerApi(), consentId, changes }));
  },

  /** Whether each release carries this agency's own signature on every version (checked in the key worker). */
  async verify(consents: ConsentRecord[]): Promise<Record<string, boolean>> {
    const reply = await askKeyWorker({ type: 'consent-verify', api: workerApi(), consents });
    if (reply.type !== 'consents-verified') throw new Error(reply.type === 'error' ? reply.message : 'the releases could not be checked');
    return reply.signedByUs;
  },

  async revoke(consentId: string, channel: RevocationChannel): Promise<RevocationResult> {
    const reply = await askKeyWorker({ type: 'consent-revoke', api: workerApi(), consentId, channel });
    if (reply.type !== 'consent-revoked') throw new Error(reply.type === 'error' ? reply.message : 'the release was not revoked');
    return reply.result;
  },
};
