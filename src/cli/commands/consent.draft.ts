import { CcrUsageError } from '../../sdk';
import { type TermsProblem } from '../../sdk/api/consent-draft';

/** The draft rules live in the SDK (the console's release form checks the same way). */
export { draftProblems, isLanguageTag, REQUIRED_TERMS, TERM_FLAGS, type TermField, type TermsDraft, type TermsProblem } from '../../sdk/api/consent-draft';

/** Every problem of the terms at once, each named by the flag that sets the field. Nothing was signed or sent. */
export class TermsInvalid extends CcrUsageError {
  constructor(readonly problems: TermsProblem[]) {
    super(`the release terms have ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was signed or sent:\n${problems.map((p) => `  ${p.flag}: ${p.message}`).join('\n')}`);
  }
}
