import { CATEGORY_MEANINGS, PURPOSE_MEANINGS } from '../../consent/consent.meanings';
import { DENY_REASON_DESCRIPTIONS, PERMIT_REASON_DESCRIPTIONS } from '../../consent/policy/reason-descriptions';
import { type LedgerEntryV1 } from '../entry-format';

/**
 * Words for the survivor's accounting: written to be read aloud by an advocate, no jargon, no
 * names of people, nothing of any record's content. Codes the vocabulary gains later fall back
 * to the code with spaces, never to an error.
 */

const NOTIFICATION_DELAY_LABELS: Record<string, string> = {
  court_ordered_delay: 'a court ordered a delay',
  risk_of_serious_harm: 'telling the survivor could put someone at risk of serious harm',
  law_enforcement_request: 'law enforcement asked for a delay',
  survivor_unreachable: 'the survivor could not be reached safely',
};

const OTHER_REASONS: Record<string, string> = {
  wrap_basis_not_in_force: 'Not shared: the release or order that had allowed it had ended or been withdrawn by then.',
};

export function categoryLabel(code: string): string {
  return (CATEGORY_MEANINGS as Record<string, string>)[code] ?? spaced(code);
}

export function purposeLabel(code: string): string {
  return (PURPOSE_MEANINGS as Record<string, string>)[code] ?? spaced(code);
}

export function notificationLabel(status: string, notifiedAt: Date | null, reason: string | null): string {
  const why = reason ? ` because ${NOTIFICATION_DELAY_LABELS[reason] ?? spaced(reason)}` : '';
  switch (status) {
    case 'notified':
      return notifiedAt ? `The survivor was told on ${day(notifiedAt)}.` : 'The survivor was told.';
    case 'pending':
      return 'The survivor has not been told yet.';
    case 'delayed':
      return `Telling the survivor was delayed${why}.`;
    case 'withheld':
      return `The survivor was not told${why}.`;
    default:
      return `Notification status: ${spaced(status)}.`;
  }
}

/** Why something was or was not shared, in words; null when the entry is not a decision. */
export function reasonText(entry: LedgerEntryV1, mandateBasis: string | undefined): string | null {
  if (entry.reason !== undefined) return describeReason(entry.reason);
  if (entry.outcome !== 'permitted' || entry.basis === undefined) return null;
  if (entry.basis.kind === 'custodian') return PERMIT_REASON_DESCRIPTIONS.internal_access;
  if (entry.basis.kind === 'consent') return PERMIT_REASON_DESCRIPTIONS.survivor_consent;
  return mandateBasis === 'statute' ? PERMIT_REASON_DESCRIPTIONS.statutory_mandate : PERMIT_REASON_DESCRIPTIONS.court_order;
}

function describeReason(code: string): string {
  const known: Record<string, string> = { ...PERMIT_REASON_DESCRIPTIONS, ...DENY_REASON_DESCRIPTIONS, ...OTHER_REASONS };
  return known[code] ?? `Reason recorded: ${spaced(code)}.`;
}

/** One version's fate, in words (the date is a day, UTC). */
export function fateText(code: string, at: string | null, byVersion: number | null): string {
  const on = at ? ` on ${at.slice(0, 10)}` : '';
  switch (code) {
    case 'amended':
      return `Replaced${on} by version ${byVersion ?? '?'}, which changed what is shared.`;
    case 'narrowed':
      return `Ended${on} by version ${byVersion ?? '?'}, which shares less.`;
    case 'revoked':
      return `Withdrawn by the survivor${on}. Nothing more is shared under it.`;
    case 'expired':
      return `Ended${on}: its end date passed.`;
    case 'not_yet_in_force':
      return `Not in force yet: it starts${on}.`;
    case 'in_force':
      return `In force${at ? ` until ${at.slice(0, 10)}` : ''}.`;
    default:
      return spaced(code);
  }
}

/** A deny instruction, in words. */
export function denyText(agencyName: string | null, inForce: boolean): string {
  const agency = agencyName ?? 'an agency no longer in the directory';
  return inForce
    ? `Never share anything about this case with ${agency}. This holds whatever any release or order says, even after the release that states it has ended.`
    : `The survivor had said never to share with ${agency}; a later version of that release dropped the instruction.`;
}

export interface Parties {
  actor: string;
  recipient: string;
  discloser: string;
}

/** One sentence saying what happened, with agency names filled in. */
export function describeEntry(entry: LedgerEntryV1, parties: Parties): string {
  const what = entry.categories && entry.categories.length > 0 ? entry.categories.map(categoryLabel).join(', ') : 'information';
  const forPurpose = entry.purpose ? ` for ${purposeLabel(entry.purpose)}` : '';
  switch (entry.kind) {
    case 'disclosure':
      return `${parties.recipient} received ${what} held by ${parties.discloser}${forPurpose}.`;
    case 'access':
      return `Staff of ${parties.actor} opened ${what} held by their own agency. It did not leave that agency.`;
    case 'denied':
      return `${parties.actor} asked for ${what}${forPurpose} and was refused.`;
    case 'case_opened':
      return `${parties.actor} opened this case.`;
    case 'record_stored':
      return `${parties.actor} added ${what} to the case, sealed so that only the agencies allowed to can read it.`;
    case 'wraps_added':
      return `${parties.actor} let another agency open ${what}, under a release.`;
    case 'wraps_deleted':
      return 'Access to records was taken away from an agency (a release ended, was withdrawn or was narrowed).';
    case 'consent_recorded':
      return `A release allowing sharing with ${parties.recipient} was recorded.`;
    case 'consent_amended':
      return `The release for ${parties.recipient} was changed.`;
    case 'consent_revoked':
      return `The release for ${parties.recipient} was withdrawn. Nothing more is shared under it.`;
    case 'mandate_registered':
      return `A court order or legal duty requiring sharing with ${parties.recipient} was recorded.`;
    case 'mandate_updated':
      return 'The record of a court order or legal duty was updated.';
    case 'referral_sent':
      return `${parties.actor} sent a referral to ${parties.recipient}${forPurpose}.`;
    case 'referral_status_changed':
      return 'The status of a referral changed.';
    case 'accounting_provided':
      return `An accounting like this one was given out by ${parties.actor}.`;
    case 'high_risk_flag_set':
      return `${parties.actor} marked this case as high risk, for the high-risk team. The screen behind it stays sealed.`;
    case 'high_risk_flag_cleared':
      return `${parties.actor} removed the high-risk mark from this case.`;
    case 'team_case_referred':
      return `${parties.actor} referred this case to the high-risk team; ${parties.recipient} received it, under a release.`;
    case 'team_shared_without_consent':
      return `${parties.actor} referred this case to the high-risk team; ${parties.recipient} received it WITHOUT the survivor's consent, under a court order or legal duty.`;
    case 'team_decision_recorded':
      return 'The high-risk team voted on this case (to take it on or to close it); each agency’s vote was recorded.';
    case 'team_action_taken':
      return `${parties.actor} took an action for this case at the high-risk team, with a due date. What the action is stays sealed.`;
    case 'team_action_updated':
      return `${parties.actor} updated an action it took for this case at the high-risk team.`;
    case 'team_action_overdue':
      return 'An action an agency took for this case at the high-risk team was not done by its due date.';
    default:
      return `Other activity was recorded (${spaced(entry.kind)}).`;
  }
}

function spaced(code: string): string {
  return code.replace(/_/g, ' ');
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
