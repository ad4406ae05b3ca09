import type { Agreement, ConsentRecord, MyKeysAnswer, Note, NoteCategory, NoteRecipients, NoteWithRecipients, PasskeyAnswer, Referral, ReferralRequest, ReleaseChanges, ReleaseTerms, RevocationChannel, RevocationResult } from '../../../src/sdk/browser';
import type { ReferralTarget } from '../api/referral-targets';

/**
 * Case work the key worker does with the SDK's own areas on the agency keyring (decision 0134). It
 * calls the API itself: the page hands it the origin and the session's CSRF value (the cookie is
 * HttpOnly and goes with the worker's same-origin requests).
 */
interface DeskCall {
  origin: string;
  csrf: string | null;
}
export type CaseDeskRequest = DeskCall &
  (
    | { type: 'note-recipients'; caseId: string; category: NoteCategory }
    | { type: 'note-read'; noteId: string }
    /** The note's words go in; they are sealed here for exactly the recipients the SDK computes. */
    | { type: 'note-add'; caseId: string; category: NoteCategory; text: string }
    | { type: 'referral-targets'; caseId: string }
    /** A meeting contribution's words go in; the SDK's MeetingsApi seals them on this agency's case for the attending agencies a release covers. */
    | { type: 'meeting-contribute'; meetingId: string; referralId: string; caseId: string; text: string }
    /** The referral's words go in (content); sealed here for this agency and the receiver. */
    | { type: 'referral-send'; referral: ReferralRequest }
  );

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
  /** The PRF extension for a WebAuthn call (a BLAKE2b salt): libsodium stays in this worker, out of the page's script (decision 0159). */
  | { type: 'passkey-prf-extension' }
  /** Seals the unlocked person keys under a new passkey's PRF output: the envelope (ciphertext) comes out. */
  | { type: 'seal-passkey-envelope'; credentialId: string; prfOutput: Uint8Array; keyVersion: number }
  /** Opens the agency's keys from the person's membership wraps (their own keys must be open): GET /people/me/keys and GET /agencies/{id}/keys as served. */
  | { type: 'open-agency'; agencyId: string; myKeys: MyKeysAnswer; agencyListing: unknown }
  /** Opens a delivered record with the agency's keys; the author's key listing is verified and pinned (in this worker's memory) first. */
  | { type: 'open-record'; record: unknown; expect: { category: string; authorAgencyId: string }; authorListing: unknown; /** A note's body is text; a referral's JSON (the default). */ body?: 'json' | 'text' }
  /** A release signed with the agency's current key, the survivor's words sealed for the agency only, and sent from the worker (the SDK's ConsentsApi). */
  | { type: 'consent-record'; api: WorkerApi; caseId: string; terms: ReleaseTerms }
  | { type: 'consent-amend'; api: WorkerApi; consentId: string; changes: ReleaseChanges }
  | { type: 'consent-revoke'; api: WorkerApi; consentId: string; channel: RevocationChannel }
  /** Makes the person's first keys (after enrolment), sealed under this sign-in's export key; they stay open here. */
  | { type: 'make-person-keys'; personId: string }
  /** Adds a member (MembersApi.add): wraps every epoch held to the person, only if their listed keys have this fingerprint. */
  | { type: 'add-member'; personId: string; fingerprint: string; csrf: string }
  /** Rotates the agency's keys and re-wraps them to every remaining member (MembersApi.rotate). */
  | { type: 'rotate-members'; csrf: string }
  /** The agency's first keys (it has none yet): epoch 1 made here and wrapped to this person, the first member (makeFirstAgencyKeys; decision 0156). */
  | { type: 'make-agency-first-keys'; agencyId: string; csrf: string }
  /** A change of secret, step 1: the OPAQUE registration request for the new secret (kept here for the finish). */
  | { type: 'secret-change-start'; password: string }
  /** Step 2: finish the registration and re-seal the person's keys (myKeys null: the person has no keys yet). */
  | { type: 'secret-change-finish'; personId: string; registrationResponse: string; myKeys: MyKeysAnswer | null }
  /** The server took the new secret: its export key replaces the old one here. */
  | { type: 'secret-changed' }
  /** Checks every version of each release against the agency's own keys held here (the server cannot alter a release). */
  | { type: 'consent-verify'; api: WorkerApi; consents: ConsentRecord[] }
  /** Signs an agreement version with the agency's current key, after checking every signature it carries against the parties' verified listings (agency id → GET /agencies/{id}/keys). */
  | { type: 'sign-agreement'; agreement: Agreement; version: number; listings: Record<string, unknown> }
  | CaseDeskRequest;

/** Where and how the worker calls the API for the page: this origin, with the session's CSRF value (the cookie goes by itself). */
export interface WorkerApi {
  origin: string;
  csrf: string | null;
}

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
  | { type: 'passkey-prf-extension'; extension: { prf: { eval: { first: Uint8Array } } } }
  /** The agency's keys are open in the worker: which epochs (no key comes out). */
  | { type: 'agency-open'; agencyId: string; epochs: number[] }
  /** A record's body, opened and verified, as JSON (what the person reads); never a key. */
  | { type: 'record-opened'; content: unknown; recordId: string; signerEpoch: number }
  /** The release as the API answered it (metadata and signatures; the words stay sealed). */
  | { type: 'consent-recorded'; consent: ConsentRecord }
  | { type: 'consent-revoked'; result: RevocationResult }
  /** The person's new public keys and their envelope, for POST /people/me/keys (the private halves stay here). */
  | { type: 'person-keys-made'; signPublicKey: string; boxPublicKey: string; envelope: string; fingerprint: string }
  | { type: 'member-added'; epochs: number[]; fingerprint: string }
  | { type: 'members-rotated'; epoch: number; fingerprint: string; people: string[]; skipped: string[] }
  /** The agency's first epoch is registered with this person's wrap; its keys were wiped here (they open from the wrap). */
  | { type: 'agency-first-keys-made'; epoch: number; fingerprint: string }
  | { type: 'secret-change-started'; registrationRequest: string }
  /** The new registration record and the person's keys sealed under the new secret (absent when they have none). */
  | { type: 'secret-change-ready'; registrationRecord: string; serverStaticPublicKey: string; envelope: string | undefined }
  | { type: 'done' }
  | { type: 'note-recipients'; recipients: NoteRecipients }
  /** A note opened and verified here: its metadata and its text (what the person reads). */
  | { type: 'note-opened'; note: Note; text: string }
  | { type: 'note-written'; note: NoteWithRecipients & { excluded: NoteRecipients['excluded'] } }
  | { type: 'referral-targets'; targets: ReferralTarget[] }
  | { type: 'contribution-written'; note: NoteWithRecipients }
  | { type: 'referral-sent'; referral: Referral }
  /** Release id → whether every version carries this agency's signature over exactly the terms shown. */
  | { type: 'consents-verified'; signedByUs: Record<string, boolean> }
  /** The agency's signature over the version's terms, for POST /agreements/{id}/versions/{v}/signatures. */
  | { type: 'agreement-signed'; signerEpoch: number; signature: string }
  | { type: 'error'; message: string; code?: string };

export interface KeyWorkerEnvelope<T> {
  id: number;
  message: T;
}
