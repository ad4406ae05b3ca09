import type { CaseHandle, ConsentRecord, NoteCategory, NoteWithRecipients, Referral, ReferralRequest } from '../../../src/sdk/browser';
import { apiPath } from '../../../src/sdk/browser-plain';
import { csrfStore } from '../state/stores';
import { askKeyWorker } from '../workers/key-worker';
import { type CaseDeskRequest, type KeyWorkerReply } from '../workers/key-protocol';
import { type AccountingEntry, type CaseHistory } from './case-timeline';
import { getBody, getPages } from './http';
import { referralsTransport } from './referrals-transport';

/** A refusal of the key worker, with the policy code when the SDK refused a release (the screen words it). */
export class CaseWorkRefused extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

type DeskReply<T extends KeyWorkerReply['type']> = Extract<KeyWorkerReply, { type: T }>;

/** One case-work call to the key worker, which runs the SDK's notes or referrals area (decision 0134). */
async function askDesk<T extends KeyWorkerReply['type']>(request: DistributiveOmit<CaseDeskRequest, 'origin' | 'csrf'>, expected: T): Promise<DeskReply<T>> {
  const reply = await askKeyWorker({ ...request, origin: self.location.origin, csrf: csrfStore.get() });
  if (reply.type === 'error') throw new CaseWorkRefused(reply.message, reply.code);
  if (reply.type !== expected) throw new Error('the key worker answered something else');
  return reply as DeskReply<T>;
}
type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

/**
 * The advocate's cases as the console calls them: lists, releases and the accounting in the page
 * (metadata only, no key), notes and referrals through the key worker (sealed and opened there).
 */
export const casesTransport = {
  /** This agency's cases, newest first (the first 200: a desk's working set). */
  async list(): Promise<CaseHandle[]> {
    return getPages<CaseHandle>('/cases', {}, 200);
  },

  /** Everything the timeline shows, fetched side by side; the accounting (a logged read) may be refused to some roles. */
  async history(caseId: string): Promise<CaseHistory & { handle: CaseHandle }> {
    const [handle, inbox, outbox, notes, consents, accounting] = await Promise.all([
      getBody<CaseHandle>(apiPath`/cases/${caseId}`),
      referralsTransport.box('in'),
      referralsTransport.box('out'),
      getBody<NoteWithRecipients[]>(apiPath`/cases/${caseId}/notes`),
      getBody<ConsentRecord[]>(apiPath`/cases/${caseId}/consents`),
      getBody<{ entries: AccountingEntry[] }>(apiPath`/cases/${caseId}/accounting`).then(
        (answer) => answer.entries,
        () => null,
      ),
    ]);
    return { handle, caseId, referrals: [...inbox, ...outbox], notes, consents, accounting };
  },

  async noteRecipients(caseId: string, category: NoteCategory) {
    return (await askDesk({ type: 'note-recipients', caseId, category }, 'note-recipients')).recipients;
  },

  async readNote(noteId: string) {
    return askDesk({ type: 'note-read', noteId }, 'note-opened');
  },

  async addNote(caseId: string, category: NoteCategory, text: string) {
    return (await askDesk({ type: 'note-add', caseId, category, text }, 'note-written')).note;
  },

  /** A meeting contribution sealed in the key worker by the SDK's MeetingsApi (recipients: attending agencies a release of the case covers). */
  async contribute(meetingId: string, referralId: string, caseId: string, text: string) {
    return (await askDesk({ type: 'meeting-contribute', meetingId, referralId, caseId, text }, 'contribution-written')).note;
  },

  async referralTargets(caseId: string) {
    return (await askDesk({ type: 'referral-targets', caseId }, 'referral-targets')).targets;
  },

  async sendReferral(referral: ReferralRequest): Promise<Referral> {
    return (await askDesk({ type: 'referral-send', referral }, 'referral-sent')).referral;
  },
};
