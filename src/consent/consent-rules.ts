import { type AgencyStatus, type ConfidentialityRegime } from '../agencies/agency.vocabulary';
import { isShareBack, WRITTEN_CONSENT_REGIMES } from './policy';
import { type CaptureMode, type ConsentAction, INFORMED_CONSENT_ITEMS, type InformedConsentItem } from './consent.vocabulary';
import { type InterpreterTerms } from './consent-terms';

/**
 * A field and what is wrong with it: the shape of a problem's `errors` (platform/errors/problem-details.ts),
 * declared here because the SDK ships these rules and may ship no server file (decision 0137).
 */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/** What the rules need to know of an agency named in a release. */
export interface PartyView {
  id: string;
  regime: ConfidentialityRegime;
  status: AgencyStatus;
  coordinatingBody: boolean;
}

export interface TermsUnderReview {
  custodianAgencyId: string;
  recipientAgencyId: string;
  categories: readonly string[];
  actions: readonly ConsentAction[];
  validFrom: Date;
  validUntil: Date;
  captureMode: CaptureMode;
  interpreter: InterpreterTerms;
  informedConsent: readonly InformedConsentItem[];
  denyAgencyIds: readonly string[];
}

export interface ReviewContext {
  now: Date;
  maxDurationDays: number;
  agencies: ReadonlyMap<string, PartyView>;
  /** A new release needs an active recipient; an amendment (which may only protect) does not. */
  requireActiveRecipient: boolean;
}

export interface ConsentWarning {
  code: 'verbal_consent_releases_nothing' | 'recipient_excluded_by_survivor';
  message: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function problem(field: string, message: string): FieldProblem {
  return { field, messages: [message] };
}

function isMember(agency: PartyView | undefined): agency is PartyView {
  return agency !== undefined && !agency.coordinatingBody;
}

function windowProblems(terms: TermsUnderReview, context: ReviewContext): FieldProblem[] {
  const { validFrom, validUntil } = terms;
  if (!(validFrom.getTime() < validUntil.getTime())) return [problem('validUntil', 'validUntil must be later than validFrom')];
  if (!(context.now.getTime() < validUntil.getTime())) return [problem('validUntil', 'validUntil must be in the future: a release that has already ended cannot be recorded')];
  if (validUntil.getTime() - validFrom.getTime() > context.maxDurationDays * DAY_MS) {
    return [problem('validUntil', `validUntil must be at most ${context.maxDurationDays} days after validFrom (the CCR's policy maximum)`)];
  }
  return [];
}

function recipientProblems(terms: TermsUnderReview, context: ReviewContext): FieldProblem[] {
  const recipient = context.agencies.get(terms.recipientAgencyId);
  if (terms.recipientAgencyId === terms.custodianAgencyId) return [problem('recipientAgencyId', 'the recipient cannot be your own agency')];
  if (!isMember(recipient)) return [problem('recipientAgencyId', 'the recipient is not a member agency of the CCR')];
  if (context.requireActiveRecipient && recipient.status !== 'active') return [problem('recipientAgencyId', 'the recipient agency is suspended')];
  return [];
}

/** Categories scope the notes a release lets the recipient receive, and nothing else. */
function scopeProblems(terms: Pick<TermsUnderReview, 'actions' | 'categories'>): FieldProblem[] {
  const notes = terms.actions.includes('receive_notes');
  if (notes && terms.categories.length === 0) return [problem('categories', 'name at least one note category when receive_notes is allowed')];
  if (!notes && terms.categories.length > 0) return [problem('categories', 'categories apply only to receive_notes, which this release does not allow')];
  return [];
}

function interpreterProblems(interpreter: InterpreterTerms): FieldProblem[] {
  if (!interpreter.used) {
    const described = interpreter.qualified !== undefined || interpreter.affiliation !== undefined || interpreter.notFamilyOrPersonCausingHarm !== undefined;
    return described ? [problem('interpreter', 'describe the interpreter only when one was used')] : [];
  }
  const problems: FieldProblem[] = [];
  if (interpreter.qualified === undefined) problems.push(problem('interpreter.qualified', 'state whether the interpreter was qualified'));
  if (interpreter.affiliation === undefined) problems.push(problem('interpreter.affiliation', "state the interpreter's affiliation"));
  if (interpreter.notFamilyOrPersonCausingHarm !== true) {
    problems.push(problem('interpreter.notFamilyOrPersonCausingHarm', 'the interpreter must not be family, a child or the person causing harm, and this must be attested'));
  }
  return problems;
}

function checklistProblems(items: readonly InformedConsentItem[]): FieldProblem[] {
  const missing = INFORMED_CONSENT_ITEMS.filter((item) => !items.includes(item));
  return missing.length === 0 ? [] : [problem('informedConsent', `informed consent requires every checklist item; missing: ${missing.join(', ')}`)];
}

function denyProblems(terms: TermsUnderReview, context: ReviewContext): FieldProblem[] {
  const messages: string[] = [];
  if (terms.denyAgencyIds.some((id) => !isMember(context.agencies.get(id)))) messages.push('every excluded agency must be a member agency of the CCR');
  if (terms.denyAgencyIds.includes(terms.recipientAgencyId)) messages.push('the recipient of this release cannot also be excluded by it');
  if (terms.denyAgencyIds.includes(terms.custodianAgencyId)) messages.push('your own agency cannot be excluded');
  return messages.length === 0 ? [] : [{ field: 'denyAgencyIds', messages }];
}

/**
 * Every rule a release's terms must meet before they are recorded (issue 5, C-4, C-5, C-8,
 * C-10), each failure naming its field. Pure: the caller passes the clock and the agencies.
 */
export function consentTermsProblems(terms: TermsUnderReview, context: ReviewContext): FieldProblem[] {
  return [...recipientProblems(terms, context), ...windowProblems(terms, context), ...termsShapeProblems(terms), ...denyProblems(terms, context)];
}

/**
 * The rules that need nothing but the terms themselves: ccrx checks them before signing (so a
 * person sees every problem at once, named by flag), the server again on arrival.
 */
export function termsShapeProblems(terms: Pick<TermsUnderReview, 'actions' | 'categories' | 'interpreter' | 'informedConsent'>): FieldProblem[] {
  return [...scopeProblems(terms), ...interpreterProblems(terms.interpreter), ...checklistProblems(terms.informedConsent)];
}

export interface ReleaseAssessment {
  /** False when decide() would deny every action of the release whatever is asked. */
  releasesData: boolean;
  warnings: ConsentWarning[];
}

function isWritten(captureMode: CaptureMode): boolean {
  return captureMode === 'written_signature' || captureMode === 'electronic_written';
}

/**
 * What a release can actually do, told plainly to whoever records it. A verbal release of an
 * agency bound to written releases, or a release to an agency the survivor excluded elsewhere in
 * the case, is kept as a record (it documents what the survivor said) but decide() denies every
 * disclosure under it. The discloser's regime decides: the custodian's for forward actions, the
 * recipient's for share-back.
 */
export function assessRelease(input: {
  captureMode: CaptureMode;
  actions: readonly ConsentAction[];
  custodianRegime: ConfidentialityRegime;
  recipientRegime: ConfidentialityRegime;
  excludedBySurvivor: boolean;
}): ReleaseAssessment {
  const needsWritten = (action: ConsentAction) => WRITTEN_CONSENT_REGIMES.includes(isShareBack(action) ? input.recipientRegime : input.custodianRegime);
  const blocked = isWritten(input.captureMode) ? [] : input.actions.filter(needsWritten);
  const warnings: ConsentWarning[] = [];
  if (blocked.length > 0) {
    warnings.push({
      code: 'verbal_consent_releases_nothing',
      message: `Recorded, but a spoken release cannot allow ${blocked.join(', ')}: the disclosing agency may share only with a written release.`,
    });
  }
  if (input.excludedBySurvivor) {
    warnings.push({
      code: 'recipient_excluded_by_survivor',
      message: 'Recorded, but it releases nothing: a release of this case says never to share with this recipient, and that instruction stands.',
    });
  }
  return { releasesData: !input.excludedBySurvivor && blocked.length < input.actions.length, warnings };
}
