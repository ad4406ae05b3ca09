import { ACTION_MEANINGS, CAPTURE_MODE_MEANINGS, CATEGORY_MEANINGS, INFORMED_CONSENT_MEANINGS, PURPOSE_MEANINGS } from '../../consent/consent.meanings';
import { CAPTURE_MODES, CONSENT_ACTIONS, INFORMED_CONSENT_ITEMS, INTERPRETER_AFFILIATIONS, PURPOSE_CODES, SHAREABLE_NOTE_CATEGORIES } from '../../consent/consent.vocabulary';
import { isUuid } from '../../crypto/identifiers';
import { parseInstant } from '../../sdk/instant';
import type { Prompter } from '../line-prompt';
import type { TermField, TermsDraft } from './consent.draft';

/**
 * Asks a person at a terminal for each required term the flags and the --terms file left out,
 * showing the choices with their plain meaning, and asks again after an answer that is not one.
 * Returns the draft completed; draftProblems still checks it as a whole afterwards.
 */
export async function askForMissingTerms(draft: TermsDraft, required: readonly TermField[], prompter: Prompter): Promise<TermsDraft> {
  const missing = (field: TermField) => required.includes(field) && draft[field] === undefined;
  const asked: TermsDraft = { ...draft };
  prompter.say('Some terms of the release are missing; answer each question (Ctrl-D cancels, nothing is sent).');
  if (missing('recipientAgencyId')) asked.recipientAgencyId = await until(prompter, 'Agency the release lets receive (its id; ccrx agencies list shows them): ', (answer) => (isUuid(answer) ? answer : undefined));
  if (missing('actions')) asked.actions = await chooseMany(prompter, 'What may that agency do?', CONSENT_ACTIONS, ACTION_MEANINGS);
  if (asked.categories === undefined && (asked.actions as string[] | undefined)?.includes('receive_notes')) {
    asked.categories = await chooseMany(prompter, 'Which notes may it read?', SHAREABLE_NOTE_CATEGORIES, CATEGORY_MEANINGS);
  }
  if (missing('purpose')) asked.purpose = await chooseOne(prompter, 'For what purpose?', PURPOSE_CODES, PURPOSE_MEANINGS);
  if (missing('validUntil')) asked.validUntil = await until(prompter, 'Valid until (a day such as 2027-02-28, or a time with a zone): ', (answer) => (parseInstant(answer) === undefined ? undefined : answer));
  if (missing('captureMode')) asked.captureMode = await chooseOne(prompter, 'How did she give her consent?', CAPTURE_MODES, CAPTURE_MODE_MEANINGS);
  if (missing('language')) asked.language = await until(prompter, 'Language of the conversation and the form (e.g. en, es-MX): ', (answer) => (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(answer) ? answer : undefined));
  if (missing('interpreter')) asked.interpreter = await askInterpreter(prompter);
  if (required.includes('informedConsent')) asked.informedConsent = await askChecklist(prompter, Array.isArray(asked.informedConsent) ? (asked.informedConsent as string[]) : []);
  return asked;
}

async function until<T>(prompter: Prompter, question: string, accept: (answer: string) => T | undefined): Promise<T> {
  for (;;) {
    const answer = accept(await prompter.ask(question));
    if (answer !== undefined) return answer;
    prompter.say('  That is not one of the answers this question takes; try again.');
  }
}

function listChoices(prompter: Prompter, title: string, codes: readonly string[], meanings: Record<string, string>): void {
  prompter.say(title);
  codes.forEach((code, index) => prompter.say(`  ${String(index + 1).padStart(2)}. ${code}: ${meanings[code]}`));
}

/** An answer by number or by name. */
function pick(codes: readonly string[], answer: string): string | undefined {
  const number = Number(answer);
  if (Number.isInteger(number) && number >= 1 && number <= codes.length) return codes[number - 1];
  return codes.includes(answer) ? answer : undefined;
}

function chooseOne(prompter: Prompter, title: string, codes: readonly string[], meanings: Record<string, string>): Promise<string> {
  listChoices(prompter, title, codes, meanings);
  return until(prompter, 'Number or name: ', (answer) => pick(codes, answer));
}

function chooseMany(prompter: Prompter, title: string, codes: readonly string[], meanings: Record<string, string>): Promise<string[]> {
  listChoices(prompter, title, codes, meanings);
  return until(prompter, 'Numbers or names, comma-separated: ', (answer) => {
    const picked = answer.split(',').map((part) => pick(codes, part.trim()));
    return picked.length > 0 && picked.every((code) => code !== undefined) ? [...new Set(picked)] : undefined;
  });
}

const yesNo = (answer: string): boolean | undefined => ({ y: true, yes: true, n: false, no: false })[answer.toLowerCase()];

async function askInterpreter(prompter: Prompter): Promise<TermsDraft['interpreter']> {
  if (!(await until(prompter, 'Did an interpreter take part? [y/n] ', yesNo))) return { used: false };
  const qualified = await until(prompter, 'Was the interpreter qualified? [y/n] ', yesNo);
  const affiliation = await chooseOne(prompter, 'Who was the interpreter?', INTERPRETER_AFFILIATIONS, Object.fromEntries(INTERPRETER_AFFILIATIONS.map((code) => [code, code.replace(/_/g, ' ')])));
  const notFamily = await until(prompter, 'Do you attest the interpreter was not family, a child or the person causing harm? [y/n] ', yesNo);
  return { used: true, qualified, affiliation, notFamilyOrPersonCausingHarm: notFamily };
}

/** Each checklist item not given yet, one question each: there is no "all". */
async function askChecklist(prompter: Prompter, given: string[]): Promise<string[]> {
  const discussed = [...given];
  const open = INFORMED_CONSENT_ITEMS.filter((item) => !given.includes(item));
  if (open.length > 0) prompter.say('Informed consent: was each of these discussed with her?');
  for (const item of open) {
    if (await until(prompter, `  ${INFORMED_CONSENT_MEANINGS[item]} (${item}) [y/n] `, yesNo)) discussed.push(item);
  }
  return discussed;
}
