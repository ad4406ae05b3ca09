import { type Command, Option } from 'commander';
import {
  type CaseHandle,
  CcrUsageError,
  currentInstrument,
  findInstrument,
  HIGH_RISK_REASONS,
  type HighRiskReason,
  INSTRUMENT_IDS,
  type InstrumentId,
  type NewScreen,
  type ScreenResult,
  scoreScreen,
} from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { collectUuid, positiveInteger, readJsonObject, withApi } from './api-session';

export function registerScreenCommands(program: Command, contextOf: ContextOf): void {
  const screen = program.command('screen').description('Risk screens (LAP, DASH, Danger Assessment): scored here, sealed as risk notes; the high-risk flag');
  screen
    .command('questions')
    .description("An instrument's questions, in the registered wording (no sign-in needed)")
    .addOption(new Option('--instrument <id>').choices(INSTRUMENT_IDS).makeOptionMandatory())
    .option('--instrument-version <n>', 'a registered version (default: the current one)', positiveInteger)
    .action(action(contextOf, questions));
  screen
    .command('score')
    .description('Score a screen from a file or stdin without recording it (no sign-in needed)')
    .requiredOption('--in <file>', 'the screen as JSON ("-" for stdin): {"instrument", "answers": ["yes"|"no"|"unknown", …], …}')
    .action(action(contextOf, score));
  screen
    .command('record')
    .description("Score a screen and seal it on the case as a risk note, for the agencies the survivor's releases allow")
    .requiredOption('--case <id>', 'the case', uuidArgument)
    .requiredOption('--in <file>', 'the screen as JSON ("-" for stdin); answers are survivor data, never arguments')
    .option('--to <agencyId>', 'an agency the screen is meant for: refuse unless a release lets it receive risk notes (repeatable)', collectUuid)
    .action(action(contextOf, record));
  screen
    .command('show')
    .description('Open a screen (a logged read): verified author, and its result checked against its answers')
    .requiredOption('--note <id>', 'the screen (a risk note)', uuidArgument)
    .action(action(contextOf, show));
  screen
    .command('flag')
    .description('Flag the case high risk for routing to the high-risk team (custodian only; logged)')
    .requiredOption('--case <id>', 'the case', uuidArgument)
    .addOption(new Option('--reason <reason>').choices(HIGH_RISK_REASONS).makeOptionMandatory())
    .action(action(contextOf, flag));
  screen
    .command('unflag')
    .description("Clear the case's high-risk flag (custodian only; logged)")
    .requiredOption('--case <id>', 'the case', uuidArgument)
    .action(action(contextOf, unflag));
}

function questions(_context: CliContext, options: { instrument: InstrumentId; instrumentVersion?: number }): Promise<CommandOutput> {
  const definition = options.instrumentVersion === undefined ? currentInstrument(options.instrument) : findInstrument(options.instrument, options.instrumentVersion);
  if (!definition) throw new CcrUsageError(`no version ${options.instrumentVersion} of instrument ${options.instrument}`);
  const header = `${definition.title} (version ${definition.version}, ${definition.wording === 'verbatim' ? 'the form\'s own words' : 'item topics: ask in the words of the licensed form'})\n${definition.source}`;
  return Promise.resolve({ json: definition, text: [header, '', ...definition.questions.map((q) => `${String(q.number).padStart(2)}. ${q.text}`)].join('\n') });
}

async function score(context: CliContext, options: { in: string }): Promise<CommandOutput> {
  const result = scoreScreen(await screenInput(context, options.in));
  return { json: result, text: resultText(result) };
}

async function record(context: CliContext, options: { case: string; in: string; to?: string[] }): Promise<CommandOutput> {
  const input = await screenInput(context, options.in);
  const recorded = await withApi(context, 'needs-keystore', (client) => client.screens.record(options.case, { ...input, intendedFor: options.to }));
  const readers = recorded.note.recipients.map((r) => `${r.agencyId}${r.basisKind === 'custodian' ? ' (you)' : ''}`).join(', ');
  const hint = recorded.result.highRisk ? `\nThe screen counts as high risk; to route the case to the team: ccrx screen flag --case ${options.case} --reason screened_high_risk` : '';
  return { json: recorded, text: `Recorded screen ${recorded.note.id} (risk note, record ${recorded.note.currentRecordId}).\n${resultText(recorded.result)}\nreaders: ${readers}${hint}` };
}

async function show(context: CliContext, options: { note: string }): Promise<CommandOutput> {
  const read = await withApi(context, 'needs-keystore', (client) => client.screens.read(options.note));
  const facts = lines([
    ['screen', read.note.id],
    ['case', read.note.caseId],
    ['author', `${read.note.authorAgencyId} (verified, epoch ${read.record.signerEpoch})`],
    ['screened at', read.screen.screenedAt],
    ['spoke with hotline', read.screen.spokeWithHotline === undefined ? undefined : read.screen.spokeWithHotline ? 'yes' : 'no'],
  ]);
  const definition = findInstrument(read.screen.instrument, read.screen.instrumentVersion);
  const answers = (definition?.questions ?? []).map((q, index) => `${String(q.number).padStart(2)}. ${read.screen.answers[index] ?? '?'}  ${q.text}`);
  return { json: read, text: [facts, resultText(read.screen.result), '', ...answers].join('\n') };
}

async function flag(context: CliContext, options: { case: string; reason: HighRiskReason }): Promise<CommandOutput> {
  const handle = await withApi(context, 'keystore-optional', (client) => client.cases.setHighRisk(options.case, options.reason));
  return { json: handle, text: flagText(handle) };
}

async function unflag(context: CliContext, options: { case: string }): Promise<CommandOutput> {
  const handle = await withApi(context, 'keystore-optional', (client) => client.cases.clearHighRisk(options.case));
  return { json: handle, text: flagText(handle) };
}

async function screenInput(context: CliContext, path: string): Promise<NewScreen> {
  const value = await readJsonObject(context, path, 'the screen');
  if (typeof value.screenedAt === 'string') return { ...(value as unknown as NewScreen), screenedAt: new Date(value.screenedAt) };
  return value as unknown as NewScreen;
}

function resultText(result: ScreenResult): string {
  return lines([
    ['instrument', `${result.instrument} version ${result.version}`],
    ['band', result.band],
    ['yes answers', result.yesCount],
    ['weighted score', result.weightedScore === undefined ? undefined : `${result.weightedScore} (table ${result.weightTable?.id} v${result.weightTable?.version})`],
    ['high risk', result.highRisk ? `yes (${result.reasons.join(', ')})` : 'no'],
  ]);
}

function flagText(handle: CaseHandle): string {
  return handle.highRisk === null ? `Case ${handle.id} is not flagged high risk.` : `Case ${handle.id} is flagged high risk (${handle.highRisk.reason}) since ${handle.highRisk.setAt}.`;
}
