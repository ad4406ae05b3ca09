import type { Agreement, MyKeysAnswer, PasskeyAnswer } from '../../../src/sdk/browser';

/** Messages between the page and the key worker. Secrets go in (a password, later keys), never out. */
export type KeyWorkerRequest =
  | { type: 'status' }
  /** OPAQUE KE1 from the password; the worker keeps the client state for the finish. */
  | { type: 'login-start'; password: string }
  /** OPAQUE KE3 from the server's KE2; the export key (the person's unlock root) stays in the worker. */
  | { type: 'login-finish'; loginResponse: string }
  /** Enrolment: OPAQUE registration request from the chosen password (kept in the worker for the finish). */
  | { type: 'register-start'; password: string }
  | { type: 'register-finish'; registrationResponse: string }
  /** Opens the person's keys from the password envelope, with the export key of this sign-in (kept in the worker). */
  | { type: 'unlock-password'; personId: string; myKeys: MyKeysAnswer }
  /** Opens the person's keys from a passkey envelope with the PRF output of the passkey that just signed in (decision 0112). */
  | { type: 'unlock-passkey'; personId: string; myKeys: MyKeysAnswer; passkey: PasskeyAnswer; prfOutput: Uint8Array }
  /** Seals the unlocked person keys under a new passkey's PRF output: the envelope (ciphertext) comes out. */
  | { type: 'seal-passkey-envelope'; credentialId: string; prfOutput: Uint8Array; keyVersion: number }
  /** Opens the agency's keys from the person's membership wraps (their own keys must be open): GET /people/me/keys and GET /agencies/{id}/keys as served. */
  | { type: 'open-agency'; agencyId: string; myKeys: MyKeysAnswer; agencyListing: unknown }
  /** Opens a delivered record with the agency's keys; the author's key listing is verified and pinned (in this worker's memory) first. */
  /** Signs an agreement version with the agency's current key, after checking every signature it carries against the parties' verified listings (agency id → GET /agencies/{id}/keys). */
  | { type: 'sign-agreement'; agreement: Agreement; version: number; listings: Record<string, unknown> }
  | { type: 'open-record'; record: unknown; expect: { category: string; authorAgencyId: string }; authorListing: unknown; /** A note's body is text; a referral's JSON (the default). */ body?: 'json' | 'text' };

export type KeyWorkerReply =
  | { type: 'status'; sodium: 'ready'; keysHeld: number }
  | { type: 'login-started'; startLoginRequest: string }
  | { type: 'login-finished'; finishLoginRequest: string }
  /** The client found the password wrong (or the server's answer false); the server cannot tell which. */
  | { type: 'login-refused' }
  | { type: 'register-started'; registrationRequest: string }
  /** The record for the server, and the server key the registration was made with (checked by the page). */
  | { type: 'register-finished'; registrationRecord: string; serverStaticPublicKey: string }
  /** The person's keys are open in the worker; only their fingerprint comes out. */
  | { type: 'unlocked'; fingerprint: string }
  | { type: 'passkey-envelope'; envelope: string }
  /** The agency's keys are open in the worker: which epochs (no key comes out). */
  | { type: 'agency-open'; agencyId: string; epochs: number[] }
  /** A record's body, opened and verified, as JSON (what the person reads); never a key. */
  | { type: 'record-opened'; content: unknown; recordId: string; signerEpoch: number }
  /** The agency's signature over the version's terms, for POST /agreements/{id}/versions/{v}/signatures. */
  | { type: 'agreement-signed'; signerEpoch: number; signature: string }
  | { type: 'error'; message: string };

export interface KeyWorkerEnvelope<T> {
  id: number;
  message: T;
}
