import { type LedgerEntryV1 } from '../../ledger/entry-format';
import { type AgreementStepCode } from './catalogue';

/** What the log says about one referral, gathered from its `referral_sent` and status changes. */
export interface TrackedReferral {
  id: string;
  sentAt: string;
  fromAgency: string;
  toAgency: string;
  agreement: string | null;
  agreementVersion: number | null;
  deadlines: { step: AgreementStepCode; respondBy: string }[];
  status: string;
  /** First arrival at each step; a reopening (on hold, then in progress again) keeps the first. */
  receivedAt: string | null;
  acceptedAt: string | null;
  answeredAt: string | null;
  firstContactAt: string | null;
  endedAt: string | null;
  /** Whether it was accepted before it ended, and the reason it ended with. */
  endReason: string | null;
  enteredInError: boolean;
}

const TERMINAL = new Set(['rejected', 'completed', 'failed', 'cancelled', 'entered_in_error']);

export function isOpen(referral: TrackedReferral): boolean {
  return !TERMINAL.has(referral.status);
}

export function startReferral(entry: LedgerEntryV1): TrackedReferral | null {
  const detail = entry.detail ?? {};
  const id = text(detail.referral);
  if (id === null || entry.actor === undefined || entry.recipient === undefined) return null;
  const steps = strings(detail.deadlineSteps);
  const times = strings(detail.deadlineTimes);
  return {
    id,
    sentAt: entry.time,
    fromAgency: entry.actor.agency,
    toAgency: entry.recipient,
    agreement: text(detail.agreement),
    agreementVersion: typeof detail.agreementVersion === 'number' ? detail.agreementVersion : null,
    deadlines: steps.length === times.length ? steps.map((step, index) => ({ step: step as AgreementStepCode, respondBy: times[index] })) : [],
    status: 'requested',
    receivedAt: null,
    acceptedAt: null,
    answeredAt: null,
    firstContactAt: null,
    endedAt: null,
    endReason: null,
    enteredInError: false,
  };
}

/** Applies one `referral_status_changed` entry (decision 0068's steps, met by the first arrival). */
export function applyStatusChange(referral: TrackedReferral, entry: LedgerEntryV1): void {
  const detail = entry.detail ?? {};
  const to = text(detail.to);
  if (to === null) return;
  const time = entry.time;
  if (detail.side === 'receiver') referral.receivedAt ??= time;
  if (to === 'accepted') referral.acceptedAt ??= time;
  if (to === 'accepted' || to === 'rejected') referral.answeredAt ??= time;
  if (to === 'in_progress') referral.firstContactAt ??= time;
  if (to === 'entered_in_error') referral.enteredInError = true;
  if (TERMINAL.has(to) && to !== 'entered_in_error') {
    referral.endedAt = time;
    referral.endReason = text(detail.reason);
  }
  referral.status = to;
}

/** When a step of an agreement was met (decision 0070), or null. */
export function stepMetAt(referral: TrackedReferral, step: AgreementStepCode): string | null {
  switch (step) {
    case 'received':
      return referral.receivedAt;
    case 'answered':
      return referral.answeredAt;
    case 'first_contact':
      return referral.firstContactAt;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) && value.every((each) => typeof each === 'string') ? (value) : [];
}
