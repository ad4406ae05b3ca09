/** What an agency system is told changed: ids only, never content. */
export const EVENT_TYPES = [
  'referral.received',
  'referral.status_changed',
  'referral.outcome_shared',
  'referral.due_soon',
  'referral.overdue',
  'referral.escalated',
  'note.shared',
  'record.shared',
  'consent.revoked',
  'risk_action.overdue',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface NewAgencyEvent {
  agencyId: string;
  type: EventType;
  referralId?: string;
  consentId?: string;
  recordId?: string;
  caseId?: string;
}
