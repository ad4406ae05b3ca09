import { type Command, Option } from 'commander';
import { ACTION_MEANINGS, CAPTURE_MODE_MEANINGS, CATEGORY_MEANINGS, INFORMED_CONSENT_MEANINGS, PURPOSE_MEANINGS } from '../../consent/consent.meanings';
import { CAPTURE_MODES, CONSENT_ACTIONS, INFORMED_CONSENT_ITEMS, INTERPRETER_AFFILIATIONS, PURPOSE_CODES, SHAREABLE_NOTE_CATEGORIES } from '../../consent/consent.vocabulary';
import { CcrUsageError, type ReleaseTerms } from '../../sdk';
import { INSTANT_FORMS } from '../../sdk/instant';
import type { CliContext } from '../cli-context';
import { commaList, readJsonObject } from './api-session';
import { TERM_FLAGS, type TermField, type TermsDraft } from './consent.draft';

/** The term flags `consent record` and `consent amend` share; each overrides the --terms file. */
export interface TermFlags {
  terms?: string;
  categories?: string[];
  actions?: string[];
  purpose?: string;
  from?: string;
  until?: string;
  capture?: string;
  language?: string;
  interpreter?: 'none' | 'used';
  interpreterQualified?: boolean;
  interpreterAffiliation?: string;
  interpreterNotFamily?: boolean;
  informed?: string[];
  deny?: string[];
  releaseSha256?: string;
}

/**
 * Adds the term flags, marking those in `required`. Values are checked together afterwards
 * (consent.draft.ts), so that every problem is reported at once, whether it came from a flag or
 * from the --terms file.
 */
export function addTermOptions(command: Command, required: readonly TermField[]): Command {
  const mark = (field: TermField, text: string) => (required.includes(field) ? `${text} [required]` : text);
  return command
    .option('--terms <file>', 'the terms as a JSON object (the fields of ReleaseTerms, docs/sdk.md); flags override it')
    .option('--actions <list>', mark('actions', `what the recipient may do, comma-separated: ${CONSENT_ACTIONS.join(', ')}`), commaList)
    .option('--categories <list>', 'note categories the recipient may read, comma-separated (with receive_notes only)', commaList)
    .option('--purpose <code>', mark('purpose', 'the coded purpose, e.g. advocacy_services'))
    .option('--from <time>', `valid from (default: now, to the minute): ${INSTANT_FORMS}`)
    .option('--until <time>', mark('validUntil', 'valid until: every release ends (a day means its start, UTC)'))
    .option('--capture <mode>', mark('captureMode', `how the consent was captured: ${CAPTURE_MODES.join(', ')}`))
    .option('--language <tag>', mark('language', 'BCP 47 tag of the conversation and form, e.g. en, es-MX'))
    .addOption(new Option('--interpreter <used>', mark('interpreter', 'whether an interpreter took part')).choices(['none', 'used']))
    .option('--interpreter-qualified', 'the interpreter was qualified')
    .option('--interpreter-affiliation <who>', `who the interpreter was (with --interpreter used): ${INTERPRETER_AFFILIATIONS.join(', ')}`)
    .option('--interpreter-not-family', 'attest: the interpreter was not family, a child or the person causing harm (with --interpreter used)')
    .option('--informed <items>', mark('informedConsent', 'every informed-consent checklist item discussed, by name, comma-separated (there is no "all")'), commaList)
    .option('--deny <agencyId>', "the survivor's \"never to this agency\" (repeatable)", (value: string, previous: string[] = []) => [...previous, value])
    .option('--release-sha256 <hex>', 'SHA-256 of the signed release form your agency keeps')
    .addHelpText('after', vocabularyHelp());
}

/** The vocabularies with their plain meaning, from the code's own lists (consent.vocabulary, consent.meanings). */
function vocabularyHelp(): string {
  const table = (title: string, codes: readonly string[], meaning: (code: string) => string) => {
    const width = Math.max(...codes.map((code) => code.length));
    return [`${title}:`, ...codes.map((code) => `  ${code.padEnd(width)}  ${meaning(code)}`)].join('\n');
  };
  return [
    '',
    table('Actions (--actions)', CONSENT_ACTIONS, (code) => ACTION_MEANINGS[code as keyof typeof ACTION_MEANINGS]),
    table('Note categories (--categories; privileged counselling notes never leave your agency)', SHAREABLE_NOTE_CATEGORIES, (code) => CATEGORY_MEANINGS[code as keyof typeof CATEGORY_MEANINGS]),
    table('Purposes (--purpose)', PURPOSE_CODES, (code) => PURPOSE_MEANINGS[code as keyof typeof PURPOSE_MEANINGS]),
    table('Capture (--capture)', CAPTURE_MODES, (code) => CAPTURE_MODE_MEANINGS[code as keyof typeof CAPTURE_MODE_MEANINGS]),
    table('Informed-consent checklist (--informed: every item, each discussed with her)', INFORMED_CONSENT_ITEMS, (code) => INFORMED_CONSENT_MEANINGS[code as keyof typeof INFORMED_CONSENT_MEANINGS]),
    `Times: ${INSTANT_FORMS}.`,
  ].join('\n\n');
}

export interface FlagsDraft {
  draft: TermsDraft;
  /** Fields of the --terms file that are not terms (a typo would otherwise be ignored). */
  unknownFields: string[];
}

/** The terms file (if any) with the given flags applied over it, unchecked. */
export async function draftFromFlags(context: CliContext, flags: TermFlags): Promise<FlagsDraft> {
  const file = flags.terms === undefined ? {} : await readJsonObject(context, flags.terms, 'the terms');
  if ('survivorWords' in file) throw new CcrUsageError("the survivor's own words go in --words <file>, never in the terms file");
  const given: TermsDraft = {
    categories: flags.categories,
    actions: flags.actions,
    purpose: flags.purpose,
    validFrom: flags.from,
    validUntil: flags.until,
    captureMode: flags.capture,
    language: flags.language,
    interpreter: interpreterFromFlags(flags),
    informedConsent: flags.informed,
    denyAgencyIds: flags.deny,
    releaseDocumentSha256: flags.releaseSha256,
  };
  const known = new Set<string>([...Object.keys(TERM_FLAGS), 'consentId']);
  return {
    draft: { ...file, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) },
    unknownFields: Object.keys(file).filter((field) => !known.has(field)),
  };
}

function interpreterFromFlags(flags: TermFlags): ReleaseTerms['interpreter'] | undefined {
  if (flags.interpreter === undefined) return undefined;
  if (flags.interpreter === 'none') return { used: false };
  return {
    used: true,
    qualified: flags.interpreterQualified === true,
    affiliation: flags.interpreterAffiliation as NonNullable<ReleaseTerms['interpreter']['affiliation']>,
    notFamilyOrPersonCausingHarm: flags.interpreterNotFamily === true,
  };
}

/** A release starts when the survivor agreed; recorded now, it starts at the current minute. */
export function startOfThisMinute(): string {
  const now = new Date();
  now.setUTCSeconds(0, 0);
  return now.toISOString();
}
