import { termsShapeProblems } from '../../consent/consent-rules';
import { CAPTURE_MODES, CONSENT_ACTIONS, INFORMED_CONSENT_ITEMS, INTERPRETER_AFFILIATIONS, PURPOSE_CODES, SHAREABLE_NOTE_CATEGORIES } from '../../consent/consent.vocabulary';
import { isUuid } from '../../crypto/identifiers';
import { INSTANT_FORMS, parseInstant } from '../instant';
import type { ReleaseTerms } from './consent-types';

/**
 * The rules of a release's terms as a person drafts them, field by field, before anything is
 * signed: ccrx's flags and questions and the console's guided form check the same way (moved
 * here from the CLI so the browser can use them). Each problem is named by the ccrx flag that
 * sets the field; fieldOfFlag turns it back into the field for a form.
 */

/** The terms a person gives, field by field, before they are checked: flags over a --terms file. */
export type TermField = keyof typeof TERM_FLAGS;
export type TermsDraft = Partial<Record<TermField, unknown>>;

/** The flag that sets each field of ReleaseTerms: problems are named by it. */
export const TERM_FLAGS = {
  recipientAgencyId: '--to',
  actions: '--actions',
  categories: '--categories',
  purpose: '--purpose',
  validFrom: '--from',
  validUntil: '--until',
  captureMode: '--capture',
  language: '--language',
  interpreter: '--interpreter',
  informedConsent: '--informed',
  denyAgencyIds: '--deny',
  releaseDocumentSha256: '--release-sha256',
} as const;

const SUB_FIELD_FLAGS: Record<string, string> = {
  'interpreter.qualified': '--interpreter-qualified',
  'interpreter.affiliation': '--interpreter-affiliation',
  'interpreter.notFamilyOrPersonCausingHarm': '--interpreter-not-family',
};

/** What a new release must state; `consent amend` carries the rest over from the current version. */
export const REQUIRED_TERMS: readonly TermField[] = ['recipientAgencyId', 'actions', 'purpose', 'validUntil', 'captureMode', 'language', 'interpreter', 'informedConsent'];

export interface TermsProblem {
  flag: string;
  message: string;
}

type Check = (value: unknown) => string | undefined;

/** A BCP 47 tag's shape (en, es-MX); the server checks it again. */
export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value);
}

const listOf =
  (allowed: readonly string[], what: string): Check =>
  (value) => {
    if (!Array.isArray(value)) return `expected a list of ${what}`;
    const unknown = value.filter((item) => !allowed.includes(item as string));
    return unknown.length === 0 ? undefined : `${unknown.map((item) => JSON.stringify(item)).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the ${what}: ${allowed.join(', ')}`;
  };

const oneOf =
  (allowed: readonly string[]): Check =>
  (value) =>
    allowed.includes(value as string) ? undefined : `${JSON.stringify(value)} is not one of: ${allowed.join(', ')}`;

const instant: Check = (value) => (typeof value === 'string' && parseInstant(value) !== undefined ? undefined : `${JSON.stringify(value)} is not a date or a time with a zone, such as ${INSTANT_FORMS}`);
const uuid: Check = (value) => (isUuid(value) ? undefined : `${JSON.stringify(value)} is not a lowercase UUID`);

const CHECKS: Record<TermField, Check> = {
  recipientAgencyId: uuid,
  actions: listOf(CONSENT_ACTIONS, 'actions'),
  categories: listOf(SHAREABLE_NOTE_CATEGORIES, 'shareable categories'),
  purpose: oneOf(PURPOSE_CODES),
  validFrom: instant,
  validUntil: instant,
  captureMode: oneOf(CAPTURE_MODES),
  language: (value) => (isLanguageTag(value) ? undefined : `${JSON.stringify(value)} is not a BCP 47 language tag such as en or es-MX`),
  interpreter: (value) => interpreterProblem(value),
  informedConsent: listOf(INFORMED_CONSENT_ITEMS, 'checklist items'),
  denyAgencyIds: (value) => (Array.isArray(value) ? value.map(uuid).find((problem) => problem !== undefined) : 'expected a list of agency ids'),
  releaseDocumentSha256: (value) => (typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? undefined : 'expected 64 lowercase hex digits (SHA-256)'),
};

function interpreterProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || typeof (value as { used?: unknown }).used !== 'boolean') return 'expected none or used (in a --terms file: {"used": false})';
  const affiliation = (value as { affiliation?: unknown }).affiliation;
  if (affiliation !== undefined && !INTERPRETER_AFFILIATIONS.includes(affiliation as never)) return `the affiliation ${JSON.stringify(affiliation)} is not one of: ${INTERPRETER_AFFILIATIONS.join(', ')}`;
  return undefined;
}

/**
 * Every problem of a draft: missing terms (when `required`), values outside the vocabulary or
 * in no time form, fields the terms do not have, and the rules the server applies to the terms
 * alone (categories only with receive_notes, the whole checklist, the interpreter attested).
 */
export function draftProblems(draft: TermsDraft, required: readonly TermField[], unknownFields: readonly string[] = []): TermsProblem[] {
  const problems: TermsProblem[] = unknownFields.map((field) => ({ flag: '--terms', message: `${JSON.stringify(field)} is not a field of the terms (${Object.keys(TERM_FLAGS).join(', ')})` }));
  for (const field of Object.keys(TERM_FLAGS) as TermField[]) {
    const value = draft[field];
    if (value === undefined) {
      if (required.includes(field)) problems.push({ flag: TERM_FLAGS[field], message: 'missing (required)' });
      continue;
    }
    const problem = CHECKS[field](value);
    if (problem !== undefined) problems.push({ flag: TERM_FLAGS[field], message: problem });
  }
  if (required.length === 0) return problems;
  // The rules across fields, on the fields that are themselves fine; a field already named keeps its first problem.
  const named = new Set(problems.map((problem) => problem.flag));
  const fine = Object.fromEntries(Object.entries(draft).filter(([field]) => !named.has(TERM_FLAGS[field as TermField]))) as Partial<ReleaseTerms>;
  const shape = shapeProblems(fine).filter((problem) => !named.has(problem.flag) && !(problem.flag === '--categories' && named.has('--actions')));
  return [...problems, ...shape];
}

function shapeProblems(terms: Partial<ReleaseTerms>): TermsProblem[] {
  const shape = { actions: terms.actions ?? [], categories: terms.categories ?? [], interpreter: terms.interpreter ?? { used: false }, informedConsent: terms.informedConsent ?? [] };
  return termsShapeProblems(shape).flatMap((problem) =>
    problem.messages.map((message) => ({ flag: SUB_FIELD_FLAGS[problem.field] ?? TERM_FLAGS[problem.field as TermField] ?? problem.field, message })),
  );
}

/** The field a problem's flag names (a sub-field such as interpreter.qualified names its field). */
export function fieldOfFlag(flag: string): TermField | 'interpreter' | undefined {
  const field = (Object.keys(TERM_FLAGS) as TermField[]).find((each) => TERM_FLAGS[each] === flag);
  return field ?? (Object.values(SUB_FIELD_FLAGS).includes(flag) ? 'interpreter' : undefined);
}
