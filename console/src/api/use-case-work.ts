import { useEffect, useState } from 'react';
import { type NoteCategory, type NoteRecipients, type Referral, type ReferralPriority } from '../../../src/sdk/browser';
import { useStore } from '../state/store';
import { agencyKeysStore } from '../state/stores';
import { readersOf } from './case-timeline';
import { CaseWorkRefused, casesTransport } from './cases-transport';
import { type ReferralTarget } from './referral-targets';
import { useAsync } from './use-async';

export type WorkState<T> = { status: 'idle' } | { status: 'busy' } | { status: 'done'; value: T } | { status: 'refused'; code: string | null };

function refusal(error: unknown): WorkState<never> {
  return { status: 'refused', code: error instanceof CaseWorkRefused ? (error.code ?? null) : null };
}

/**
 * Adding a note: who will read it, as the SDK computes it from the case's releases for the chosen
 * category (asked again whenever the category changes), and the write itself (the SDK computes the
 * recipients once more then, and says who it left out).
 */
export function useAddNote(caseId: string, onWritten: () => void) {
  const keysOpen = useStore(agencyKeysStore) !== null;
  const [category, setCategory] = useState<NoteCategory>('coordination');
  const recipients = useAsync<NoteRecipients | null>(() => (keysOpen ? casesTransport.noteRecipients(caseId, category) : Promise.resolve(null)), [caseId, category, keysOpen]);
  const [state, setState] = useState<WorkState<{ readers: string[] }>>({ status: 'idle' });
  const write = async (text: string) => {
    setState({ status: 'busy' });
    try {
      const note = await casesTransport.addNote(caseId, category, text);
      setState({ status: 'done', value: { readers: readersOf(note) } });
      onWritten();
    } catch (error) {
      setState(refusal(error));
    }
  };
  return { keysOpen, category, setCategory, recipients, state, write };
}

/** Sending a referral: the agencies the case's releases let it go to now (SDK policy), and the send (sealed in the key worker). */
export function useSendReferral(caseId: string, onSent: () => void) {
  const keysOpen = useStore(agencyKeysStore) !== null;
  const targets = useAsync<ReferralTarget[] | null>(() => (keysOpen ? casesTransport.referralTargets(caseId) : Promise.resolve(null)), [caseId, keysOpen]);
  const [state, setState] = useState<WorkState<Referral>>({ status: 'idle' });
  useEffect(() => setState({ status: 'idle' }), [caseId]);
  const send = async (target: ReferralTarget, priority: ReferralPriority, message: string) => {
    setState({ status: 'busy' });
    try {
      const referral = await casesTransport.sendReferral({ fromCaseId: caseId, toAgencyId: target.agencyId, consentId: target.consentId, purpose: target.purpose, priority, content: { message } });
      setState({ status: 'done', value: referral });
      onSent();
    } catch (error) {
      setState(refusal(error));
    }
  };
  return { keysOpen, targets, state, send };
}
