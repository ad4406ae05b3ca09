import { useState } from 'react';
import { useStore } from '../state/store';
import { sessionStore, unlockedStore } from '../state/stores';
import { coordTransport } from './coord-transport';
import { passkeyTransport } from './passkey-transport';
import { useAsync } from './use-async';

/**
 * The person's own keys (issue 19): made in this browser after enrolment, and their fingerprint —
 * what they read to the member who adds them, who compares it with the one on their screen.
 */
export function useMyKeys() {
  const registered = useAsync(() => coordTransport.myKeys(), []);
  const fingerprint = useStore(unlockedStore);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');

  const act = async (work: () => Promise<string>) => {
    setState('busy');
    try {
      unlockedStore.set(await work());
      setState('idle');
      registered.reload();
    } catch {
      setState('failed');
    }
  };

  const make = () => {
    const session = sessionStore.get();
    if (session.status === 'signed-in') void act(() => coordTransport.makeKeys(session.principal.id));
  };

  return {
    registered,
    hasKeys: registered.status === 'ready' && registered.value !== null,
    isMember: registered.status === 'ready' && registered.value !== null && registered.value.wraps.length > 0,
    fingerprint,
    make,
    unlock: () => void act(() => passkeyTransport.unlockWithPassword()),
    busy: state === 'busy',
    failed: state === 'failed',
  };
}
