import { useState } from 'react';
import { useStore } from '../state/store';
import { agencyKeysStore, sessionStore, unlockedStore } from '../state/stores';
import { coordTransport } from './coord-transport';
import { agencyKeysOffer } from './onboard-rules';
import { passkeyTransport } from './passkey-transport';
import { referralsTransport } from './referrals-transport';
import { useAsync } from './use-async';

/**
 * The person's own keys (issue 19): made in this browser after enrolment, and their fingerprint —
 * what they read to the member who adds them, who compares it with the one on their screen. In an
 * agency with no keys yet, its first person makes them here and becomes its first member (decision 0156).
 */
export function useMyKeys() {
  const session = sessionStore.get();
  const agencyId = session.status === 'signed-in' ? session.principal.agencyId : '';
  const registered = useAsync(() => coordTransport.myKeys(), []);
  const agencyEpoch = useAsync(() => coordTransport.agencyEpoch(agencyId), [agencyId]);
  const fingerprint = useStore(unlockedStore);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [agencyFingerprint, setAgencyFingerprint] = useState<string | null>(null);

  const act = async (work: () => Promise<void>) => {
    setState('busy');
    try {
      await work();
      setState('idle');
    } catch {
      setState('failed');
    } finally {
      registered.reload();
      agencyEpoch.reload();
    }
  };

  const make = () => {
    if (session.status === 'signed-in') void act(async () => unlockedStore.set(await coordTransport.makeKeys(session.principal.id)));
  };

  /** Epoch 1 made and wrapped to this person in the key worker, then opened from that wrap like any member's keys. */
  const makeAgencyKeys = () =>
    void act(async () => {
      const made = await coordTransport.makeAgencyFirstKeys(agencyId);
      setAgencyFingerprint(made.fingerprint);
      agencyKeysStore.set(await referralsTransport.openAgencyKeys(agencyId));
    });

  const hasKeys = registered.status === 'ready' && registered.value !== null;
  const isMember = hasKeys && registered.status === 'ready' && (registered.value?.wraps.length ?? 0) > 0;
  return {
    registered,
    hasKeys,
    isMember,
    offer: agencyKeysOffer({ hasKeys, keysOpen: fingerprint !== null, isMember, agencyEpoch: agencyEpoch.status === 'ready' ? agencyEpoch.value : undefined }),
    agencyFingerprint,
    fingerprint,
    make,
    makeAgencyKeys,
    unlock: () => void act(async () => unlockedStore.set(await passkeyTransport.unlockWithPassword())),
    busy: state === 'busy',
    failed: state === 'failed',
  };
}
