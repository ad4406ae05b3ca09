import { useState } from 'react';
import { CcrApiError } from '../../../src/sdk/browser-plain';
import { enrolledStore, enrolmentStore } from '../state/stores';
import { askKeyWorker } from '../workers/key-worker';
import { http } from './http';

/** A chosen secret shorter than this is refused by the screen (OPAQUE lets the client decide). */
export const MIN_SECRET_LENGTH = 12;

interface Started {
  username: string;
  registrationResponse: string;
  serverPublicKey: string;
  totpSecret: string;
  totpUri: string;
}

export type EnrolStep =
  | { step: 'secret' }
  | { step: 'authenticator'; username: string; totpSecret: string; totpUri: string; registrationRecord: string };

export type EnrolProblem = 'code-refused' | 'totp-refused' | 'server-key-changed' | 'error' | null;

/**
 * Enrolment from the link (DESIGN-19): OPAQUE registration in the key worker with the code, then the
 * authenticator app confirmed by a code. The server never sees the secret; the code is spent at finish.
 */
export function useEnrolment(code: string) {
  const [state, setState] = useState<EnrolStep>({ step: 'secret' });
  const [problem, setProblem] = useState<EnrolProblem>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>, refused: EnrolProblem) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof CcrApiError && error.status < 500 ? refused : error instanceof ServerKeyChanged ? 'server-key-changed' : 'error');
    } finally {
      setBusy(false);
    }
  };

  const chooseSecret = (secret: string) =>
    run(async () => {
      const started = await askKeyWorker({ type: 'register-start', password: secret });
      if (started.type !== 'register-started') throw new Error('enrolment could not start');
      const answer = (await http.request<Started>({ method: 'POST', path: '/people/enrolment/start', json: { code, registrationRequest: started.registrationRequest } })).body;
      const finished = await askKeyWorker({ type: 'register-finish', registrationResponse: answer.registrationResponse });
      if (finished.type !== 'register-finished') throw new Error('enrolment could not finish');
      if (finished.serverStaticPublicKey !== answer.serverPublicKey) throw new ServerKeyChanged();
      setState({ step: 'authenticator', username: answer.username, totpSecret: answer.totpSecret, totpUri: answer.totpUri, registrationRecord: finished.registrationRecord });
    }, 'code-refused');

  const confirmAuthenticator = (totpCode: string) =>
    run(async () => {
      if (state.step !== 'authenticator') return;
      await http.request({ method: 'POST', path: '/people/enrolment/finish', json: { code, registrationRecord: state.registrationRecord, totpCode } });
      enrolledStore.set(state.username);
      enrolmentStore.set(null);
    }, 'totp-refused');

  return { state, problem, busy, chooseSecret, confirmAuthenticator };
}

class ServerKeyChanged extends Error {
  override readonly name = 'ServerKeyChanged';
}
