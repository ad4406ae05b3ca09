import type { AgreementStep } from '../../agreements/agreement.vocabulary';
import type { PurposeCode } from '../../consent/consent.vocabulary';
import type { ReferralOutcome, ReferralPriority, ReferralStatus, StatusReason } from '../../referrals/referral.vocabulary';
import type { OpenedFacts } from './opened-record';
import type { JsonObject, TextContent } from './plaintext';

export interface Referral {
  id: string;
  /** Which side of the referral this agency is. */
  yourSide: 'sender' | 'receiver';
  fromAgencyId: string;
  toAgencyId: string;
  /** This agency's own case handle (the receiver gets a linked case of its own). */
  caseId: string;
  consentId: string;
  purpose: PurposeCode;
  priority: ReferralPriority;
  status: ReferralStatus;
  /** Shown to the sender only where the release grants share_status_back. */
  statusReason: StatusReason | null;
  outcome: ReferralOutcome | null;
  outcomeAvailable: boolean;
  statusDetailsShared: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Per timed step, from the agreement in force when the referral was created ([] when none applied). */
  deadlines: { step: AgreementStep; respondBy: string }[];
  /** The agreement version the deadlines come from, or null. */
  agreement: { id: string; version: number } | null;
}

export interface ReferralStatusChange {
  version: number;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  reason: StatusReason | null;
  outcome: ReferralOutcome | null;
  side: 'sender' | 'receiver' | 'system';
  changedAt: string;
}

export interface ReferralRequest {
  fromCaseId: string;
  toAgencyId: string;
  /** The survivor's release to the receiver this referral rests on. */
  consentId: string;
  purpose: PurposeCode;
  priority: ReferralPriority;
  /** The referral packet: sealed as category `referral` for exactly this agency and the receiver. */
  content: JsonObject;
  /**
   * One key per logical send (default: a fresh one, reused by every retry of this call). Pass
   * your own, stored before sending, to make a send repeatable across restarts of your system.
   */
  idempotencyKey?: string;
}

export interface SentReferral extends Referral {
  idempotencyKey: string;
  /** True when the API (or the SDK, for a key you supplied) recognised a repeat of an earlier send. */
  replayed: boolean;
}

/** A referral with its history and the opened, verified packet. */
export interface OpenedReferral extends Referral {
  history: ReferralStatusChange[];
  content: unknown;
  record: OpenedFacts;
}

export interface StatusMove {
  status: ReferralStatus;
  /** Required for rejected, cancelled, on_hold, failed, entered_in_error. */
  reason?: StatusReason;
  outcome?: ReferralOutcome;
  /** The version you read; default: read it first (a logged read). */
  version?: number;
}

export interface ReferralListOptions {
  box: 'in' | 'out';
  status?: ReferralStatus;
  /** Only referrals created at or after this time. */
  since?: Date | string;
  limit?: number;
}

export interface OutcomeNote {
  text: string;
  record: OpenedFacts;
}

export type OutcomeContent = TextContent;
