import { useCallback, useState } from 'react';
import { unlockedStore } from '../state/stores';
import { passkeysSupported, passkeyTransport } from './passkey-transport';
import { SignInRefused } from './sign-in-transport';
import { refreshSession } from './use-session';

export type PasskeyProblem = 'refused' | 'cancelled' | 'error' | null;

/**
 * Signing in with a passkey: alone (and unlocking with the same touch when it has PRF), or as the
 * second factor after the password. The screen knows nothing of WebAuthn.
 */
export function usePasskeySignIn() {
  const [problem, setProblem] = useState<PasskeyProblem>(null);
  const [busy, setBusy] = useState(false);

  const attempt = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      await refreshSession();
    } catch (error) {
      // The person closed the browser's passkey dialog, or it timed out: not a failure of theirs.
      const cancelled = error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
      setProblem(error instanceof SignInRefused ? 'refused' : cancelled ? 'cancelled' : 'error');
    } finally {
      setBusy(false);
    }
  }, []);

  const signInWithPasskey = () => attempt(async () => unlockedStore.set(await passkeyTransport.signIn()));
  const passkeyAsSecondFactor = () => attempt(() => passkeyTransport.secondFactor());

  return { supported: passkeysSupported(), problem, busy, signInWithPasskey, passkeyAsSecondFactor };
}
