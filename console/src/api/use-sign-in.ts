import { useCallback, useState } from 'react';
import { opaqueTransport, SignInRefused, type SignInTransport } from './sign-in-transport';
import { refreshSession } from './use-session';

export type SignInStep = 'password' | 'second-factor';
/** What the screen says: refused (check and retry), or the service could not be reached or failed. */
export type SignInProblem = 'failed' | 'code-failed' | 'error' | null;

/** The sign-in screen's one way to the server (the transport); the screen knows nothing of OPAQUE. */
export function useSignIn(transport: SignInTransport = opaqueTransport) {
  const [step, setStep] = useState<SignInStep>('password');
  const [problem, setProblem] = useState<SignInProblem>(null);
  const [busy, setBusy] = useState(false);

  const attempt = useCallback(async (work: () => Promise<void>, onFailure: SignInProblem) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof SignInRefused ? onFailure : 'error');
    } finally {
      setBusy(false);
    }
  }, []);

  const submitPassword = (username: string, password: string) =>
    attempt(async () => {
      const next = await transport.password(username, password);
      if (next === 'second-factor') setStep('second-factor');
      else await refreshSession();
    }, 'failed');

  const submitCode = (code: string) =>
    attempt(async () => {
      await transport.secondFactor(code);
      await refreshSession();
    }, 'code-failed');

  return { step, problem, busy, submitPassword, submitCode };
}
