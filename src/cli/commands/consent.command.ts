import { type Command, Option } from 'commander';
import { type CcrClient, type ConsentChange, type ConsentRecord, CcrUsageError, type ReleaseTerms, type RevocationResult } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { linePrompter, type Prompter } from '../line-prompt';
import { agencyNames, type NameOf } from './agency-names';
import { positiveInteger, readText, withApiNamed } from './api-session';
import { draftProblems, REQUIRED_TERMS, type TermsDraft, TermsInvalid } from './consent.draft';
import { addTermOptions, draftFromFlags, startOfThisMinute, type TermFlags } from './consent.options';
import { askForMissingTerms } from './consent.questions';

interface RecordOptions extends TermFlags {
  case: string;
  to?: string;
  words?: string;
  consentId?: string;
}

interface AmendOptions extends TermFlags {
  consent: string;
  words?: string;
  expectVersion?: number;
}

export function registerConsentCommands(program: Command, contextOf: ContextOf): void {
  const consent = program.command('consent').description("The survivor's releases: recorded, amended and revoked with this agency's signature");
  addTermOptions(
    consent
      .command('record')
      .description(
        'Record a release (version 1), signed with the agency key; terms from flags and/or --terms <file>. ' +
          'On a terminal, ccrx asks for each required term you left out; elsewhere every problem is listed at once (exit 2).',
      )
      .requiredOption('--case <id>', 'the case [required]', uuidArgument)
      .option('--to <agencyId>', 'the ONE agency the release lets receive [required]')
      .option('--words <file>', "the survivor's own words, from a file or stdin (\"-\"); sealed for this agency only")
      .option('--consent-id <id>', 'choose the consent id (default: a fresh one)', uuidArgument),
    REQUIRED_TERMS,
  ).action(action(contextOf, record));
  addTermOptions(
    consent
      .command('amend')
      .description('Sign version n+1: the current terms with the given flags (or --terms) changed')
      .requiredOption('--consent <id>', 'the consent', uuidArgument)
      .option('--words <file>', "new words of the survivor, from a file or stdin (\"-\")")
      .option('--expect-version <n>', 'refuse (exit 5) unless the release is still at this version', positiveInteger),
    [],
  ).action(action(contextOf, amend));
  consent
    .command('revoke')
    .description("Revoke at once on the survivor's word: cancels open referrals, deletes key wraps, lists what was already read")
    .requiredOption('--consent <id>', 'the consent', uuidArgument)
    .addOption(new Option('--channel <channel>', "how the survivor's revocation reached you").choices(['in_person', 'phone', 'written', 'electronic']).makeOptionMandatory())
    .option('--unsigned', 'do not sign the revocation with the agency key (it takes effect either way)')
    .option('--yes', 'revoke without asking for confirmation (required without a terminal)')
    .action(action(contextOf, revoke));
  consent.command('list').description('Every release of the case').requiredOption('--case <id>', 'the case', uuidArgument).action(action(contextOf, list));
  consent
    .command('show')
    .description("A release with its versions, each signature checked against this agency's own key")
    .requiredOption('--consent <id>', 'the consent', uuidArgument)
    .action(action(contextOf, show));
}

async function record(context: CliContext, options: RecordOptions): Promise<CommandOutput> {
  const { draft, unknownFields } = await draftFromFlags(context, options);
  const given = await completed(context, { ...draft, recipientAgencyId: options.to ?? draft.recipientAgencyId });
  const problems = draftProblems(given, REQUIRED_TERMS, unknownFields);
  if (problems.length > 0) throw new TermsInvalid(problems);
  const words = options.words === undefined ? undefined : await readText(context, options.words, "the survivor's words");
  const terms = { validFrom: startOfThisMinute(), ...given, survivorWords: words, consentId: options.consentId ?? (given as { consentId?: string }).consentId } as ReleaseTerms;
  const { result: change, nameOf } = await withApiNamed(context, 'needs-keystore', (client) => client.consents.record(options.case, terms));
  return changeOutput('Recorded', change, nameOf);
}

/** On a terminal (and not --json), asks for the required terms left out; elsewhere the draft as given. */
async function completed(context: CliContext, draft: TermsDraft): Promise<TermsDraft> {
  const terminal = context.io.terminal;
  if (terminal === undefined || context.options.json || REQUIRED_TERMS.every((field) => draft[field] !== undefined)) return draft;
  const prompter = linePrompter(terminal.input, terminal.output);
  try {
    return await askForMissingTerms(draft, REQUIRED_TERMS, prompter);
  } finally {
    prompter.close();
  }
}

async function amend(context: CliContext, options: AmendOptions): Promise<CommandOutput> {
  const { draft, unknownFields } = await draftFromFlags(context, options);
  const problems = draftProblems(draft, [], unknownFields);
  if (problems.length > 0) throw new TermsInvalid(problems);
  const changes = draft as Partial<ReleaseTerms>;
  const words = options.words === undefined ? undefined : await readText(context, options.words, "the survivor's words");
  const { result: change, nameOf } = await withApiNamed(context, 'needs-keystore', (client) => client.consents.amend(options.consent, { ...changes, survivorWords: words, expectedVersion: options.expectVersion }));
  return changeOutput('Amended', change, nameOf);
}

interface RevokeOptions {
  consent: string;
  channel: 'in_person' | 'phone' | 'written' | 'electronic';
  unsigned?: boolean;
  yes?: boolean;
}

async function revoke(context: CliContext, options: RevokeOptions): Promise<CommandOutput> {
  const terminal = context.io.terminal;
  if (!options.yes && terminal === undefined) {
    throw new CcrUsageError('not revoked: a revocation takes effect at once and cannot be undone, so ccrx asks first; without a terminal to ask on, pass --yes');
  }
  const { result, nameOf } = await withApiNamed(context, 'needs-keystore', async (client) => {
    if (!options.yes && terminal !== undefined) await confirmRevocation(client, options.consent, linePrompter(terminal.input, terminal.output));
    return client.consents.revoke(options.consent, { channel: options.channel, signed: !options.unsigned });
  });
  return { json: result, text: revocationText(result, nameOf) };
}

/** Shows what is about to be revoked, with the recipient's name, and goes on only on a yes. */
async function confirmRevocation(client: CcrClient, consentId: string, prompter: Prompter): Promise<void> {
  try {
    const consent = await client.consents.get(consentId);
    const nameOf = await agencyNames(client);
    prompter.say(`Release ${consent.id} (version ${consent.currentVersion}, ${consent.status}) of case ${consent.caseId} lets ${nameOf(consent.recipientAgencyId)} ${consent.current.actions.join(', ')}.`);
    prompter.say('Revoking it takes effect at once: its open referrals are cancelled and its key wraps deleted. What was already read is not recalled.');
    const answer = await prompter.ask('Revoke it? [y/N] ');
    if (!/^y(es)?$/i.test(answer)) throw new CcrUsageError('not revoked: you did not confirm');
  } finally {
    prompter.close();
  }
}

async function list(context: CliContext, options: { case: string }): Promise<CommandOutput> {
  const { result: consents, nameOf } = await withApiNamed(context, 'keystore-optional', (client) => client.consents.list(options.case));
  const text = consents.length === 0 ? 'No releases on this case.' : consents.map((consent) => row(consent, nameOf)).join('\n');
  return { json: consents, text };
}

async function show(context: CliContext, options: { consent: string }): Promise<CommandOutput> {
  const { result: consent, nameOf } = await withApiNamed(context, 'needs-keystore', async (client) => client.consents.verify(await client.consents.get(options.consent)));
  return { json: consent, text: `${consentLines(consent, nameOf)}\nsignatures:     every version verified with this agency's key` };
}

function changeOutput(verb: string, change: ConsentChange, nameOf: NameOf): CommandOutput {
  const withdrawn = change.wrapsWithdrawn.map((wrap) => `  record ${wrap.recordId}: agency ${nameOf(wrap.agencyId)} can no longer open it (${wrap.reason})`);
  const warnings = change.warnings.map((warning) => `warning: ${warning.message}`);
  const text = [`${verb} release ${change.id} version ${change.currentVersion}.`, consentLines(change, nameOf), ...warnings, ...(withdrawn.length > 0 ? ['Key wraps withdrawn by the new terms:', ...withdrawn] : [])].join('\n');
  return { json: change, text };
}

function revocationText(result: RevocationResult, nameOf: NameOf): string {
  const effects = result.effects.map((effect) => `  ${effect.kind}: ${effect.summary}`);
  const notRecalled = result.notRecalled.map((read) => `  ${read.deliveredAt}  agency ${nameOf(read.recipientAgencyId)} read ${read.categories.join(', ')} (records ${read.recordIds.join(', ')}; log entry ${read.logIndex})`);
  return [
    `Revoked release ${result.consent.id} (log entry ${result.logIndex}). It takes effect now.`,
    'What the revocation did:',
    ...(effects.length > 0 ? effects : ['  nothing else was open under it']),
    notRecalled.length > 0 ? 'Already read, and NOT recalled (tell the survivor; her accounting lists these):' : 'Nothing had been read under it.',
    ...notRecalled,
  ].join('\n');
}

function row(consent: ConsentRecord, nameOf: NameOf): string {
  const terms = consent.current;
  return `${consent.id}  v${consent.currentVersion}  ${consent.status.padEnd(7)}  to ${nameOf(consent.recipientAgencyId)}  ${terms.actions.join(',')}  ${terms.categories.join(',') || '-'}  until ${terms.validUntil}`;
}

function consentLines(consent: ConsentRecord, nameOf: NameOf): string {
  const terms = consent.current;
  return lines([
    ['consent', consent.id],
    ['case', consent.caseId],
    ['recipient', nameOf(consent.recipientAgencyId)],
    ['status', `${consent.status}${consent.releasesData ? '' : ' (releases nothing now)'}`],
    ['version', consent.currentVersion],
    ['actions', terms.actions.join(', ')],
    ['categories', terms.categories.join(', ') || '-'],
    ['purpose', terms.purpose],
    ['valid', `${terms.validFrom} to ${terms.validUntil}`],
    ['capture', `${terms.captureMode}, language ${terms.language}${terms.interpreter.used ? ', with interpreter' : ''}`],
    ['never to', terms.denyAgencyIds.map(nameOf).join(', ') || '-'],
    ['own words', terms.termsRecordId ? `sealed record ${terms.termsRecordId}` : '-'],
    ['revoked', consent.revocation ? `${consent.revocation.revokedAt} (${consent.revocation.channel})` : undefined],
  ]);
}
