import { CcrApiError } from '../../../src/sdk/browser-plain';
import { csrfStore } from '../state/stores';
import { askKeyWorker } from '../workers/key-worker';
import { http } from './http';

/**
 * Sign-in as the server offers it (DESIGN-19, decisions 0080–0083): OPAQUE in the key worker (the
 * password never leaves the browser, the export key never leaves the worker), a pending session
 * cookie, then a TOTP code for the full session. Each step hands back the session's CSRF value,
 * which lives in page memory only.
 */
export interface SignInTransport {
  /** OPAQUE login; resolves to whether a second factor is due. */
  password(username: string, password: string): Promise<'second-factor' | 'signed-in'>;
  secondFactor(code: string): Promise<void>;
  signOut(): Promise<void>;
}

/** The password (or name) was not accepted: the client could not finish OPAQUE, or the server refused KE3. */
export class SignInRefused extends Error {
  override readonly name = 'SignInRefused';
}

interface SessionAnswer {
  stage: 'second_factor' | 'full';
  csrfToken: string;
}

async function post<T>(path: string, json: unknown): Promise<T> {
  try {
    return (await http.request<T>({ method: 'POST', path, json })).body;
  } catch (error) {
    if (error instanceof CcrApiError && (error.status === 401 || error.status === 403)) throw new SignInRefused(error.message);
    throw error;
  }
}

export const opaqueTransport: SignInTransport = {
  async password(username, password) {
    const started = await askKeyWorker({ type: 'login-start', password });
    if (started.type !== 'login-started') throw new Error(started.type === 'error' ? started.message : 'sign-in could not start');
    const answer = await post<{ loginId: string; loginResponse: string }>('/people/session/start', { username, startLoginRequest: started.startLoginRequest });
    const finished = await askKeyWorker({ type: 'login-finish', loginResponse: answer.loginResponse });
    if (finished.type === 'login-refused') throw new SignInRefused('the password was not accepted');
    if (finished.type !== 'login-finished') throw new Error(finished.type === 'error' ? finished.message : 'sign-in could not finish');
    const session = await post<SessionAnswer>('/people/session/finish', { loginId: answer.loginId, finishLoginRequest: finished.finishLoginRequest });
    csrfStore.set(session.csrfToken);
    return session.stage === 'full' ? 'signed-in' : 'second-factor';
  },
  async secondFactor(code) {
    const session = await post<SessionAnswer>('/people/session/second-factor', { totpCode: code });
    csrfStore.set(session.csrfToken);
  },
  /**
   * Ends the server session. The CSRF value is read now, before lock or exit empty the stores, and
   * keepalive lets the request finish while the page navigates away.
   */
  signOut() {
    const csrf = csrfStore.get();
    if (csrf === null) return Promise.resolve();
    const request = { method: 'DELETE', headers: { 'X-CCR-CSRF': csrf }, credentials: 'same-origin', cache: 'no-store', keepalive: true } as const;
    return fetch('/people/session', request).then(
      () => undefined,
      () => undefined,
    );
  },
};
