import {
  type ReferralSide,
  type ReferralStatus,
  STATUS_REASONS,
  type StatusReason,
  SYSTEM_ONLY_REASONS,
  TERMINAL_STATUSES,
} from './referral.vocabulary';

interface Transition {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  by: readonly ReferralSide[];
}

const OPEN: readonly ReferralStatus[] = ['requested', 'received', 'accepted', 'in_progress', 'on_hold'];

/**
 * The referral state machine (SDOH Task + `received`). Only the receiver moves a referral forward;
 * either side (and the system) may cancel an open one; the sender marks its own entry in error.
 */
const TRANSITIONS: readonly Transition[] = [
  { from: ['requested'], to: 'received', by: ['receiver'] },
  { from: ['requested', 'received'], to: 'accepted', by: ['receiver'] },
  { from: ['requested', 'received'], to: 'rejected', by: ['receiver'] },
  { from: ['accepted', 'on_hold'], to: 'in_progress', by: ['receiver'] },
  { from: ['accepted', 'in_progress'], to: 'on_hold', by: ['receiver'] },
  { from: ['accepted', 'in_progress', 'on_hold'], to: 'completed', by: ['receiver'] },
  { from: ['accepted', 'in_progress', 'on_hold'], to: 'failed', by: ['receiver'] },
  { from: OPEN, to: 'cancelled', by: ['sender', 'receiver', 'system'] },
  { from: [...OPEN, 'rejected', 'completed', 'failed', 'cancelled'], to: 'entered_in_error', by: ['sender'] },
];

export type TransitionVerdict =
  | { allowed: true }
  | { allowed: false; problem: 'illegal_transition' | 'wrong_side' | 'reason_required' | 'reason_not_allowed' };

export function isTerminal(status: ReferralStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Reasons accepted for moving to `to` ([] when the status takes none). */
export function reasonsFor(to: ReferralStatus): readonly StatusReason[] {
  return (STATUS_REASONS as Partial<Record<ReferralStatus, readonly StatusReason[]>>)[to] ?? [];
}

/**
 * May `side` move a referral from `from` to `to` with this reason? Distinguishes a move nobody may
 * make (409) from one only the other side may make (403), and checks the reason rules.
 */
export function checkTransition(from: ReferralStatus, to: ReferralStatus, side: ReferralSide, reason: StatusReason | null): TransitionVerdict {
  const transition = TRANSITIONS.find((candidate) => candidate.to === to && candidate.from.includes(from));
  if (!transition) return { allowed: false, problem: 'illegal_transition' };
  if (!transition.by.includes(side)) return { allowed: false, problem: 'wrong_side' };
  const accepted = reasonsFor(to);
  if (accepted.length === 0) return reason === null ? { allowed: true } : { allowed: false, problem: 'reason_not_allowed' };
  if (reason === null) return { allowed: false, problem: 'reason_required' };
  if (!accepted.includes(reason)) return { allowed: false, problem: 'reason_not_allowed' };
  if (side !== 'system' && SYSTEM_ONLY_REASONS.includes(reason)) return { allowed: false, problem: 'reason_not_allowed' };
  if (side === 'system' && !SYSTEM_ONLY_REASONS.includes(reason)) return { allowed: false, problem: 'reason_not_allowed' };
  return { allowed: true };
}

/** Every (from, to) pair some side may make: for documentation and exhaustive tests. */
export function allowedMoves(): { from: ReferralStatus; to: ReferralStatus; by: readonly ReferralSide[] }[] {
  return TRANSITIONS.flatMap((transition) => transition.from.map((from) => ({ from, to: transition.to, by: transition.by })));
}
