import { type Referral, type ReferralStatus } from '../../../src/sdk/browser';

/** Statuses still waiting on someone: a passed deadline matters only while the referral is open. */
const OPEN: readonly ReferralStatus[] = ['requested', 'received', 'accepted', 'in_progress', 'on_hold'];

/** What the receiving agency may answer from here (the API's transitions for the receiver: requested/received → accepted | rejected). */
const ANSWERABLE: readonly ReferralStatus[] = ['requested', 'received'];

/** The earliest per-step deadline the agreement gave this referral, or null when none applied. */
export function dueBy(referral: Referral): string | null {
  const times = referral.deadlines.map((deadline) => deadline.respondBy).sort();
  return times[0] ?? null;
}

/** Overdue: open, and a deadline of its agreement has passed. */
export function isOverdue(referral: Referral, now: Date = new Date()): boolean {
  if (!OPEN.includes(referral.status)) return false;
  return referral.deadlines.some((deadline) => Date.parse(deadline.respondBy) < now.getTime());
}

export function canAnswer(referral: Referral): boolean {
  return referral.yourSide === 'receiver' && ANSWERABLE.includes(referral.status);
}

/** The other agency of a referral, from this agency's side. */
export function otherAgencyId(referral: Referral): string {
  return referral.yourSide === 'receiver' ? referral.fromAgencyId : referral.toAgencyId;
}
