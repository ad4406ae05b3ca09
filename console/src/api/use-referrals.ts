import { useState } from 'react';
import { type Referral, type StatusReason } from '../../../src/sdk/browser';
import { useStore } from '../state/store';
import { agencyKeysStore, openReferralStore, sessionStore, unlockedStore } from '../state/stores';
import { passkeyTransport } from './passkey-transport';
import { canAnswer, dueBy, isOverdue, otherAgencyId } from './referral-rules';
import { referralsTransport } from './referrals-transport';
import { useAgencyNames } from './use-agencies';
import { useAsync } from './use-async';

/** A row of the inbox or outbox, as the table shows it: names, not ids; the rules already applied. */
export interface ReferralRow {
  referral: Referral;
  otherAgency: string;
  dueBy: string | null;
  overdue: boolean;
}

/** The inbox (`in`) or outbox (`out`), newest first, with the other agency's name and the deadline rule applied. */
export function useReferralBox(box: 'in' | 'out') {
  const names = useAgencyNames();
  const list = useAsync(() => referralsTransport.box(box), [box]);
  const rows: ReferralRow[] =
    list.status === 'ready'
      ? list.value.map((referral) => {
          const other = otherAgencyId(referral);
          return { referral, otherAgency: names.get(other) ?? '…', dueBy: dueBy(referral), overdue: isOverdue(referral) };
        })
      : [];
  return { list, rows };
}

/** Whether the agency's keys are open in the key worker, and unlocking them after a password sign-in. */
export function useAgencyKeys() {
  const epochs = useStore(agencyKeysStore);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const unlock = async () => {
    const session = sessionStore.get();
    if (session.status !== 'signed-in') return;
    setState('busy');
    try {
      if (!unlockedStore.get()) unlockedStore.set(await passkeyTransport.unlockWithPassword());
      agencyKeysStore.set(await referralsTransport.openAgencyKeys(session.principal.agencyId));
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return { unlocked: epochs !== null, busy: state === 'busy', failed: state === 'failed', unlock };
}

/** The referral open now (decrypted in the key worker), and the receiver's answers to it. */
export function useOpenReferral() {
  const referralId = useStore(openReferralStore);
  const names = useAgencyNames();
  const opened = useAsync(() => (referralId ? referralsTransport.open(referralId) : Promise.resolve(null)), [referralId]);
  const [answer, setAnswer] = useState<'idle' | 'busy' | 'failed' | 'accepted' | 'rejected'>('idle');
  const view = opened.status === 'ready' ? opened.value : null;
  const move = async (status: 'accepted' | 'rejected', reason?: StatusReason) => {
    if (!view) return;
    setAnswer('busy');
    try {
      await referralsTransport.setStatus(view.referral, status, reason);
      setAnswer(status);
      opened.reload();
    } catch {
      setAnswer('failed');
    }
  };
  return {
    referralId,
    opened,
    view,
    fromName: view ? (names.get(view.referral.fromAgencyId) ?? '…') : '',
    toName: view ? (names.get(view.referral.toAgencyId) ?? '…') : '',
    answerable: view !== null && canAnswer(view.referral),
    overdue: view !== null && isOverdue(view.referral),
    answer,
    accept: () => void move('accepted'),
    reject: (reason: StatusReason) => void move('rejected', reason),
    open: (id: string) => openReferralStore.set(id),
    close: () => openReferralStore.set(null),
  };
}
