import { useState } from 'react';
import { type CaseHandle } from '../../../src/sdk/browser';
import { useStore } from '../state/store';
import { openCaseStore, openReferralStore, screenStore } from '../state/stores';
import { caseTimeline, type TimelineEvent } from './case-timeline';
import { casesTransport } from './cases-transport';
import { referralsTransport } from './referrals-transport';
import { useAgencyNames } from './use-agencies';
import { useAsync } from './use-async';

/** A case of the list: the agency that referred it (by name) when it came by referral. */
export interface CaseRow {
  handle: CaseHandle;
  referredBy: string | null;
}

/** This agency's cases, newest first, each named by the referral it came from (no survivor detail: the profile stays sealed). */
export function useCaseList() {
  const names = useAgencyNames();
  const list = useAsync(async () => {
    const [cases, inbox] = await Promise.all([casesTransport.list(), referralsTransport.box('in')]);
    return { cases, inbox };
  }, []);
  const rows: CaseRow[] =
    list.status === 'ready'
      ? list.value.cases.map((handle) => {
          const from = list.value.inbox.find((referral) => referral.caseId === handle.id);
          return { handle, referredBy: from ? (names.get(from.fromAgencyId) ?? '…') : null };
        })
      : [];
  return { list, rows, open: (caseId: string) => openCaseStore.set(caseId) };
}

/** The open case's timeline, oldest first, with the other agencies by name. */
export function useCaseTimeline() {
  const caseId = useStore(openCaseStore);
  const names = useAgencyNames();
  const history = useAsync(() => (caseId ? casesTransport.history(caseId) : Promise.resolve(null)), [caseId]);
  const events: TimelineEvent[] = history.status === 'ready' && history.value ? caseTimeline(history.value) : [];
  return {
    caseId,
    history,
    events,
    nameOf: (agencyId: string | null) => (agencyId ? (names.get(agencyId) ?? '…') : ''),
    reload: () => history.reload(),
    close: () => openCaseStore.set(null),
    /** A referral opens where it lives, in the inbox or outbox (state, not a URL). */
    openReferral: (referralId: string, direction: 'in' | 'out') => {
      screenStore.set(direction === 'in' ? 'inbox' : 'outbox');
      openReferralStore.set(referralId);
    },
  };
}

/** The note open on the timeline: decrypted and verified in the key worker; its words live in this hook's state only. */
export function useOpenNote() {
  const [noteId, setNoteId] = useState<string | null>(null);
  const opened = useAsync(() => (noteId ? casesTransport.readNote(noteId) : Promise.resolve(null)), [noteId]);
  return { noteId, opened, open: setNoteId, close: () => setNoteId(null) };
}
