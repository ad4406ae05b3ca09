import { IANAZone } from 'luxon';
import { type FieldProblem } from '../platform/errors/problem-details';
import { type AgreementTermsV1, type HandoffSide, type HandoffTerms } from './agreement-terms';
import { AGREEMENT_STEPS, CALENDAR_DATE } from './agreement.vocabulary';

/** What the rules need to know about the party agencies: each one's kind (absent: no such agency). */
export type PartyKinds = ReadonlyMap<string, string>;

/**
 * Every problem with a version's terms, beyond the shape the DTO checks: parties exist and are
 * distinct, the proposer is one of them, every handoff names party agencies (or a kind some party
 * has), steps come in order with non-decreasing allowances, and the calendar is a real one.
 * Pure: the service supplies the parties' kinds.
 */
export function agreementTermsProblems(terms: AgreementTermsV1, kinds: PartyKinds, proposerAgencyId: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, messages: [message] });
  if (new Set(terms.parties).size !== terms.parties.length) add('terms.parties', 'each party agency is named once');
  if (terms.parties.length < 2) add('terms.parties', 'an agreement has at least two party agencies');
  terms.parties.filter((id) => !kinds.has(id)).forEach((id) => add('terms.parties', `no agency ${id}`));
  if (!terms.parties.includes(proposerAgencyId)) add('terms.parties', 'your agency must be one of the parties');
  calendarProblems(terms, add);
  const seen = new Set<string>();
  terms.handoffs.forEach((handoff, index) => {
    const key = JSON.stringify([handoff.from, handoff.to, handoff.purpose, handoff.priority]);
    if (seen.has(key)) add(`terms.handoffs.${index}`, 'another handoff has the same from, to, purpose and priority');
    seen.add(key);
    handoffProblems(handoff, terms.parties, kinds, (field, message) => add(`terms.handoffs.${index}.${field}`, message));
  });
  return problems;
}

type Add = (field: string, message: string) => void;

function calendarProblems(terms: AgreementTermsV1, add: Add): void {
  const { calendar } = terms;
  if (!IANAZone.isValidZone(calendar.timeZone)) add('terms.calendar.timeZone', 'must be an IANA time zone, e.g. America/Chicago');
  if (new Set(calendar.days).size !== calendar.days.length) add('terms.calendar.days', 'each weekday is named once');
  if (calendar.opens >= calendar.closes) add('terms.calendar.closes', 'business hours close after they open, on the same day');
  if (new Set(calendar.holidays).size !== calendar.holidays.length) add('terms.calendar.holidays', 'each holiday is named once');
  calendar.holidays.filter((day) => !isRealDate(day)).forEach((day) => add('terms.calendar.holidays', `${day} is not a date`));
}

function handoffProblems(handoff: HandoffTerms, parties: readonly string[], kinds: PartyKinds, add: Add): void {
  sideProblems(handoff.from, parties, kinds, 'from', add);
  sideProblems(handoff.to, parties, kinds, 'to', add);
  if (handoff.from.agencyId !== null && handoff.from.agencyId === handoff.to.agencyId) add('to', 'a handoff goes to another agency');
  if (!parties.includes(handoff.escalateTo.agencyId)) add('escalateTo.agencyId', 'escalation goes to a party agency');
  const order = handoff.steps.map((step) => AGREEMENT_STEPS.indexOf(step.step));
  if (handoff.steps.length === 0) add('steps', 'a handoff times at least one step');
  if (order.some((position, index) => index > 0 && position <= order[index - 1])) add('steps', `steps come once each, in the order ${AGREEMENT_STEPS.join(', ')}`);
  if (handoff.steps.some((step, index) => index > 0 && step.withinMinutes < handoff.steps[index - 1].withinMinutes)) {
    add('steps', 'a later step is allowed at least as long as an earlier one (both are counted from the referral)');
  }
}

function sideProblems(side: HandoffSide, parties: readonly string[], kinds: PartyKinds, field: string, add: Add): void {
  if ((side.agencyId === null) === (side.agencyKind === null)) {
    add(field, 'name exactly one of agencyId or agencyKind');
    return;
  }
  if (side.agencyId !== null && !parties.includes(side.agencyId)) add(`${field}.agencyId`, 'must be a party agency');
  if (side.agencyKind !== null && !parties.some((id) => kinds.get(id) === side.agencyKind)) add(`${field}.agencyKind`, 'no party agency is of this kind');
}

function isRealDate(day: string): boolean {
  if (!CALENDAR_DATE.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/** Does this side of a handoff cover the agency? */
export function sideCovers(side: HandoffSide, agencyId: string, kind: string): boolean {
  return side.agencyId !== null ? side.agencyId === agencyId : side.agencyKind === kind;
}
