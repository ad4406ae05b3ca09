import { useCallback, useState } from 'react';
import { refreshSession } from './use-session';

/**
 * Sign-in as DESIGN-19 specifies it: OPAQUE (the password never leaves the browser), then a second
 * factor, then an HttpOnly session cookie plus a CSRF value kept in memory. The console talks to
 * it only through this hook; the transport is the single piece that changes when sign-in lands
 * on the server (issue 19). Until then the server offers no personal sign-in, and the screen
 * says so instead of pretending.
 */
export interface SignInTransport {
  /** OPAQUE login; resolves to whether a second factor is due. */
  password(username: string, password: string): Promise<'second-factor' | 'signed-in'>;
  secondFactor(code: string): Promise<void>;
}

export class SignInUnavailable extends Error {
  override readonly name = 'SignInUnavailable';
}

export const pendingTransport: SignInTransport = {
  password: () => Promise.reject(new SignInUnavailable('personal sign-in is not on this server yet')),
  secondFactor: () => Promise.reject(new SignInUnavailable('personal sign-in is not on this server yet')),
};

export type SignInStep = 'password' | 'second-factor';
export type SignInProblem = 'unavailable' | 'failed' | 'code-failed' | null;

export function useSignIn(transport: SignInTransport = pendingTransport) {
  const [step, setStep] = useState<SignInStep>('password');
  const [problem, setProblem] = useState<SignInProblem>(null);
  const [busy, setBusy] = useState(false);

  const attempt = useCallback(async (work: () => Promise<void>, onFailure: SignInProblem) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof SignInUnavailable ? 'unavailable' : onFailure);
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
