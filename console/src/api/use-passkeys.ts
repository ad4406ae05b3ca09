import { useState } from 'react';
import { type PasskeyAnswer } from '../../../src/sdk/browser';
import { useStore } from '../state/store';
import { unlockedStore } from '../state/stores';
import { passkeysSupported, passkeyTransport } from './passkey-transport';
import { useAsync } from './use-async';

export type PasskeyNotice = 'added-unlocks' | 'added' | 'removed' | 'unlocked' | 'failed' | null;

/** The person's passkeys: list, add (with its unlock envelope when possible), remove; and whether their keys are open. */
export function usePasskeys() {
  const list = useAsync(() => passkeyTransport.list().then((answer) => answer.passkeys), []);
  const unlocked = useStore(unlockedStore);
  const [notice, setNotice] = useState<PasskeyNotice>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<PasskeyNotice>) => {
    setBusy(true);
    setNotice(null);
    try {
      setNotice(await work());
      list.reload();
    } catch {
      setNotice('failed');
    } finally {
      setBusy(false);
    }
  };

  const add = () => run(async () => ((await passkeyTransport.register()).unlocks ? 'added-unlocks' : 'added'));
  const remove = (passkey: PasskeyAnswer) => run(async () => (await passkeyTransport.remove(passkey.id), 'removed'));
  const unlock = () => run(async () => (unlockedStore.set(await passkeyTransport.unlockWithPassword()), 'unlocked'));

  return { supported: passkeysSupported(), list, unlocked, notice, busy, add, remove, unlock };
}
