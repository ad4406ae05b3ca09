/** Messages between the page and the key worker. Secrets go in (a password, later keys), never out. */
export type KeyWorkerRequest =
  | { type: 'status' }
  /** OPAQUE KE1 from the password; the worker keeps the client state for the finish. */
  | { type: 'login-start'; password: string }
  /** OPAQUE KE3 from the server's KE2; the export key (the person's unlock root) stays in the worker. */
  | { type: 'login-finish'; loginResponse: string };

export type KeyWorkerReply =
  | { type: 'status'; sodium: 'ready'; keysHeld: number }
  | { type: 'login-started'; startLoginRequest: string }
  | { type: 'login-finished'; finishLoginRequest: string }
  /** The client found the password wrong (or the server's answer false); the server cannot tell which. */
  | { type: 'login-refused' }
  | { type: 'error'; message: string };

export interface KeyWorkerEnvelope<T> {
  id: number;
  message: T;
}
