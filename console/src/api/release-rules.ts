import type { CaptureMode, ConsentAction, ConsentRecord, InformedConsentItem, InterpreterAffiliation, NoteCategory, PurposeCode, ReleaseChanges, ReleaseTerms, TermField, TermsDraft } from '../../../src/sdk/browser';
import { draftProblems, fieldOfFlag, REQUIRED_TERMS } from '../../../src/sdk/browser-plain';

/**
 * The release form's rules, in one plain module (no React): what the form holds, the draft the
 * SDK's rules check (the same draftProblems `ccrx consent record` asks with), and the terms or
 * changes the key worker signs. Names, not ids, are the form's business; ids are chosen in it.
 */
export interface ReleaseForm {
  recipientAgencyId: string;
  actions: ConsentAction[];
  categories: NoteCategory[];
  purpose: PurposeCode | '';
  /** yyyy-mm-dd, as a date input gives it: the start of that day, UTC. */
  validFrom: string;
  validUntil: string;
  captureMode: CaptureMode | '';
  language: string;
  interpreterUsed: boolean | null;
  interpreterQualified: boolean;
  interpreterAffiliation: InterpreterAffiliation | '';
  interpreterNotFamily: boolean;
  informedConsent: InformedConsentItem[];
  denyAgencyIds: string[];
  /** The survivor's own words: sealed in the key worker for the custodian only; never in a store. */
  survivorWords: string;
}

export type FormField = TermField | 'interpreter';

export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

export function emptyForm(now: Date, language: string): ReleaseForm {
  return {
    recipientAgencyId: '',
    actions: [],
    categories: [],
    purpose: '',
    validFrom: dayOf(now.toISOString()),
    validUntil: '',
    captureMode: '',
    language,
    interpreterUsed: null,
    interpreterQualified: false,
    interpreterAffiliation: '',
    interpreterNotFamily: false,
    informedConsent: [],
    denyAgencyIds: [],
    survivorWords: '',
  };
}

/** The current version of a release as the amendment form starts from it (the words stay sealed). */
export function formOfRelease(consent: ConsentRecord): ReleaseForm {
  const current = consent.current;
  const interpreter = current.interpreter;
  return {
    recipientAgencyId: consent.recipientAgencyId,
    actions: [...current.actions],
    categories: [...current.categories],
    purpose: current.purpose,
    validFrom: dayOf(current.validFrom),
    validUntil: dayOf(current.validUntil),
    captureMode: current.captureMode,
    language: current.language,
    interpreterUsed: interpreter.used,
    interpreterQualified: interpreter.qualified ?? false,
    interpreterAffiliation: interpreter.affiliation ?? '',
    interpreterNotFamily: interpreter.notFamilyOrPersonCausingHarm ?? false,
    informedConsent: [...current.informedConsent],
    denyAgencyIds: [...current.denyAgencyIds],
    survivorWords: '',
  };
}

function interpreterOf(form: ReleaseForm): ReleaseTerms['interpreter'] | undefined {
  if (form.interpreterUsed === null) return undefined;
  if (!form.interpreterUsed) return { used: false };
  return {
    used: true,
    qualified: form.interpreterQualified,
    ...(form.interpreterAffiliation === '' ? {} : { affiliation: form.interpreterAffiliation }),
    notFamilyOrPersonCausingHarm: form.interpreterNotFamily,
  };
}

const given = <T>(value: T | ''): T | undefined => (value === '' ? undefined : value);

/** The form as the SDK's draft: unanswered questions are missing, not empty. */
export function draftOf(form: ReleaseForm): TermsDraft {
  return {
    recipientAgencyId: given(form.recipientAgencyId),
    actions: form.actions.length === 0 ? undefined : form.actions,
    categories: form.categories,
    purpose: given(form.purpose),
    validFrom: given(form.validFrom),
    validUntil: given(form.validUntil),
    captureMode: given(form.captureMode),
    language: given(form.language.trim()),
    interpreter: interpreterOf(form),
    informedConsent: form.informedConsent,
    denyAgencyIds: form.denyAgencyIds,
  };
}

/** The fields with a problem, in the order of the form (each once): nothing is signed while there is one. */
export function formProblems(form: ReleaseForm): FormField[] {
  const fields = draftProblems(draftOf(form), REQUIRED_TERMS).map((problem) => fieldOfFlag(problem.flag));
  const own: FormField[] = [];
  if (form.validFrom !== '' && form.validUntil !== '' && form.validUntil <= form.validFrom) own.push('validUntil');
  if (form.denyAgencyIds.includes(form.recipientAgencyId)) own.push('denyAgencyIds');
  const all = [...fields.filter((field): field is FormField => field !== undefined), ...own];
  return FORM_ORDER.filter((field) => all.includes(field));
}

const FORM_ORDER: FormField[] = ['recipientAgencyId', 'actions', 'categories', 'purpose', 'validFrom', 'validUntil', 'captureMode', 'language', 'interpreter', 'informedConsent', 'denyAgencyIds'];

function words(form: ReleaseForm): { survivorWords?: string } {
  return form.survivorWords.trim() === '' ? {} : { survivorWords: form.survivorWords };
}

/** The terms of a new release (call only when formProblems is empty). */
export function termsOf(form: ReleaseForm): ReleaseTerms {
  return {
    recipientAgencyId: form.recipientAgencyId,
    actions: form.actions,
    categories: form.actions.includes('receive_notes') ? form.categories : [],
    purpose: form.purpose as PurposeCode,
    validFrom: form.validFrom,
    validUntil: form.validUntil,
    captureMode: form.captureMode as CaptureMode,
    language: form.language.trim(),
    interpreter: interpreterOf(form) ?? { used: false },
    informedConsent: form.informedConsent,
    denyAgencyIds: form.denyAgencyIds,
    ...words(form),
  };
}

/**
 * An amendment: every term as the form now holds it, at the version it was read (409 if another
 * amendment came first). A day left as it was keeps the exact time signed before.
 */
export function changesOf(form: ReleaseForm, consent: ConsentRecord): ReleaseChanges {
  const { recipientAgencyId: _recipient, ...terms } = termsOf(form);
  const current = consent.current;
  return {
    ...terms,
    validFrom: form.validFrom === dayOf(current.validFrom) ? current.validFrom : form.validFrom,
    validUntil: form.validUntil === dayOf(current.validUntil) ? current.validUntil : form.validUntil,
    expectedVersion: consent.currentVersion,
  };
}

/** Toggles a value in a list (checkbox groups). */
export function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? [...list] : [...list, value]) : list.filter((each) => each !== value);
}
