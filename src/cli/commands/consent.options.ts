import { type Command, Option } from 'commander';
import { CcrUsageError, type ReleaseTerms } from '../../sdk';
import type { CliContext } from '../cli-context';
import { collectUuid, commaList, instantArgument, readJsonObject } from './api-session';

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

export function addTermOptions(command: Command): Command {
  return command
    .option('--terms <file>', 'the terms as a JSON object (the fields of ReleaseTerms, docs/sdk.md); flags override it')
    .option('--categories <list>', 'note categories, comma-separated (with receive_notes only)', commaList)
    .option('--actions <list>', 'receive_referral, receive_notes, share_status_back, share_content_back (comma-separated)', commaList)
    .option('--purpose <code>', 'the coded purpose, e.g. advocacy_services')
    .option('--from <time>', 'valid from (default: now, to the minute)', instantArgument)
    .option('--until <time>', 'valid until (required: every release ends)', instantArgument)
    .addOption(new Option('--capture <mode>', 'how the consent was captured').choices(['written_signature', 'electronic_written', 'verbal']))
    .option('--language <tag>', 'BCP 47 tag of the conversation and form, e.g. en, es-MX')
    .addOption(new Option('--interpreter <used>', 'whether an interpreter took part').choices(['none', 'used']))
    .option('--interpreter-qualified', 'the interpreter was qualified')
    .addOption(new Option('--interpreter-affiliation <who>', 'who the interpreter was').choices(['professional', 'agency_staff', 'volunteer', 'other']))
    .option('--interpreter-not-family', 'attest: the interpreter was not family, a child or the person causing harm')
    .option('--informed <items>', 'informed-consent checklist items discussed, comma-separated (every one is required)', commaList)
    .option('--deny <agencyId>', "the survivor's \"never to this agency\" (repeatable)", collectUuid)
    .option('--release-sha256 <hex>', 'SHA-256 of the signed release form your agency keeps');
}

/** The terms file (if any) with the given flags applied over it. */
export async function termsFromFlags(context: CliContext, flags: TermFlags): Promise<Partial<ReleaseTerms>> {
  const file = flags.terms === undefined ? {} : ((await readJsonObject(context, flags.terms, 'the terms')) as Partial<ReleaseTerms>);
  if ('survivorWords' in file) throw new CcrUsageError("the survivor's own words go in --words <file>, never in the terms file");
  const given: Partial<ReleaseTerms> = {
    categories: flags.categories as ReleaseTerms['categories'],
    actions: flags.actions as ReleaseTerms['actions'],
    purpose: flags.purpose as ReleaseTerms['purpose'],
    validFrom: flags.from,
    validUntil: flags.until,
    captureMode: flags.capture as ReleaseTerms['captureMode'],
    language: flags.language,
    interpreter: interpreterFromFlags(flags),
    informedConsent: flags.informed as ReleaseTerms['informedConsent'],
    denyAgencyIds: flags.deny,
    releaseDocumentSha256: flags.releaseSha256,
  };
  return { ...file, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
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
