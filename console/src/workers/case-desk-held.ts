import { AgenciesApi, ConsentsApi, KeyDirectory, KeysApi, MeetingsApi, NotesApi, RecordCrypto, ReferralsApi } from '../../../src/sdk/browser';
import { consoleHttp } from '../api/http';
import { csrfStore } from '../state/stores';
import { heldKeyring } from './agency-keys-held';
import { type CaseDeskRequest, type KeyWorkerReply } from './key-protocol';
import { referralTargets } from '../api/referral-targets';

/**
 * The SDK's own notes, referrals and meetings areas, run in the key worker on the agency keyring held here
 * (decision 0134): the recipients of a note and the release a referral rests on are computed by
 * the SDK exactly as for any other client (each release verified against this agency's key, then
 * decide()), and the survivor's words are sealed and opened here. The worker calls the API with
 * the session cookie and the CSRF value the page hands it; only metadata and the opened text go out.
 */
function desk(origin: string, csrf: string | null) {
  const keyring = heldKeyring();
  if (!keyring) throw new Error('open your agency keys first');
  csrfStore.set(csrf);
  const http = consoleHttp(origin);
  const agencies = new AgenciesApi(http);
  const records = new RecordCrypto(keyring, new KeyDirectory(keyring, { source: new KeysApi(http) }));
  const context = { http, agencyId: keyring.agencyId, agencies, keystore: () => keyring, records: () => records };
  const consents = new ConsentsApi(context);
  const notes = new NotesApi(context, consents);
  return { consents, agencies, agencyId: keyring.agencyId, notes, referrals: new ReferralsApi(context, consents), meetings: new MeetingsApi(context, notes) };
}

export async function caseDesk(request: CaseDeskRequest): Promise<KeyWorkerReply> {
  const sdk = desk(request.origin, request.csrf);
  switch (request.type) {
    case 'note-recipients':
      return { type: 'note-recipients', recipients: await sdk.notes.recipientsFor(request.caseId, request.category) };
    case 'note-read': {
      const read = await sdk.notes.read(request.noteId);
      return { type: 'note-opened', note: read.note, text: read.text };
    }
    case 'note-add': {
      const written = await sdk.notes.add(request.caseId, { category: request.category, content: request.text });
      return { type: 'note-written', note: written };
    }
    case 'referral-targets': {
      const [consents, agencies] = await Promise.all([sdk.consents.list(request.caseId), sdk.agencies.list()]);
      for (const consent of consents) await sdk.consents.verify(consent);
      return { type: 'referral-targets', targets: referralTargets({ caseId: request.caseId, ownAgencyId: sdk.agencyId, consents, agencies, now: new Date() }) };
    }
    case 'meeting-contribute': {
      const note = await sdk.meetings.contribute(request.meetingId, { referralId: request.referralId, caseId: request.caseId, content: request.text });
      return { type: 'contribution-written', note };
    }
    case 'referral-send': {
      const { idempotencyKey: _key, replayed: _replayed, ...sent } = await sdk.referrals.send(request.referral);
      return { type: 'referral-sent', referral: sent };
    }
  }
}
