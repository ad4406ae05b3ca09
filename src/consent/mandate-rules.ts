import { type FieldProblem } from '../platform/errors/problem-details';
import { type MandateBasis, type NotificationDelayReason, type RecordCategory, type SurvivorNotificationStatus } from './consent.vocabulary';
import { type PartyView } from './consent-rules';
import { COURT_ORDER_ONLY_REGIMES, isCustodianOnly } from './policy';
import { type PersonView } from './parties.repository';

export interface MandateUnderReview {
  basis: MandateBasis;
  custodianAgencyId: string;
  recipientAgencyId: string;
  categories: readonly RecordCategory[];
  validFrom: Date;
  validUntil: Date | null;
  reviewedAt: Date;
}

export interface NotificationUnderReview {
  survivorNotification: SurvivorNotificationStatus;
  survivorNotifiedAt: Date | null;
  notificationReason: NotificationDelayReason | null;
}

export interface MandateContext {
  now: Date;
  agencies: ReadonlyMap<string, PartyView>;
  /** The reviewer named in the request (null: the caller reviews). */
  reviewer: { requested: boolean; person: PersonView | null };
}

function problem(field: string, message: string): FieldProblem {
  return { field, messages: [message] };
}

function recipientProblems(mandate: MandateUnderReview, agencies: ReadonlyMap<string, PartyView>): FieldProblem[] {
  const recipient = agencies.get(mandate.recipientAgencyId);
  if (mandate.recipientAgencyId === mandate.custodianAgencyId) return [problem('recipientAgencyId', 'the recipient cannot be your own agency')];
  if (!recipient || recipient.coordinatingBody) return [problem('recipientAgencyId', 'the recipient is not a member agency of the CCR')];
  if (recipient.status !== 'active') return [problem('recipientAgencyId', 'the recipient agency is suspended')];
  return [];
}

/**
 * A statute never compels data held under vawa_fvpsa_voca or part2 (only a court order does), so
 * such a registration would be a door that can never open: it is refused rather than recorded.
 */
function basisProblems(mandate: MandateUnderReview, agencies: ReadonlyMap<string, PartyView>): FieldProblem[] {
  const regime = agencies.get(mandate.custodianAgencyId)?.regime;
  if (mandate.basis === 'statute' && regime !== undefined && COURT_ORDER_ONLY_REGIMES.includes(regime)) {
    return [problem('basis', `a statute cannot compel disclosure of data your agency holds under ${regime}: only a court order can; mandated reports are made outside the platform`)];
  }
  return [];
}

function scopeProblems(mandate: MandateUnderReview): FieldProblem[] {
  const kept = mandate.categories.filter((category) => isCustodianOnly(category));
  return kept.length === 0 ? [] : [problem('categories', `${kept.join(', ')} never leave your agency inside the platform; no mandate can compel them here`)];
}

function timeProblems(mandate: MandateUnderReview, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (mandate.validUntil !== null && !(mandate.validFrom.getTime() < mandate.validUntil.getTime())) problems.push(problem('validUntil', 'validUntil must be later than validFrom'));
  if (mandate.reviewedAt.getTime() > now.getTime()) problems.push(problem('reviewedAt', 'reviewedAt cannot be in the future: register a mandate once it has been reviewed'));
  return problems;
}

function reviewerProblems(custodianAgencyId: string, reviewer: MandateContext['reviewer']): FieldProblem[] {
  if (!reviewer.requested) return [];
  const person = reviewer.person;
  const fits = person !== null && person.agencyId === custodianAgencyId && person.kind === 'person' && person.status === 'active';
  return fits ? [] : [problem('reviewedByPrincipalId', 'the reviewer must be an active person of your agency')];
}

/** whether and when the survivor was told, or why not (a reason is required when not yet). */
export function notificationProblems(notification: NotificationUnderReview, now: Date): FieldProblem[] {
  const { survivorNotification: status, survivorNotifiedAt: at, notificationReason: reason } = notification;
  const problems: FieldProblem[] = [];
  if (status === 'notified' && at === null) problems.push(problem('survivorNotifiedAt', 'say when the survivor was notified'));
  if (status === 'notified' && at !== null && at.getTime() > now.getTime()) problems.push(problem('survivorNotifiedAt', 'survivorNotifiedAt cannot be in the future'));
  if (status !== 'notified' && at !== null) problems.push(problem('survivorNotifiedAt', 'survivorNotifiedAt goes only with survivorNotification notified'));
  const delayed = status === 'delayed' || status === 'withheld';
  if (delayed && reason === null) problems.push(problem('notificationReason', 'say why the survivor was not notified'));
  if (!delayed && reason !== null) problems.push(problem('notificationReason', 'notificationReason goes only with survivorNotification delayed or withheld'));
  return problems;
}

/** Every rule a registration must meet, each naming its field. Pure. */
export function mandateProblems(mandate: MandateUnderReview, notification: NotificationUnderReview, context: MandateContext): FieldProblem[] {
  return [
    ...basisProblems(mandate, context.agencies),
    ...recipientProblems(mandate, context.agencies),
    ...scopeProblems(mandate),
    ...timeProblems(mandate, context.now),
    ...reviewerProblems(mandate.custodianAgencyId, context.reviewer),
    ...notificationProblems(notification, context.now),
  ];
}
