import { type Command, Option } from 'commander';
import type { RiskAction, RiskMeetingView } from '../../sdk';
import { ACTION_NOT_DONE_REASONS, type ActionNotDoneReason } from '../../risk/team/team.vocabulary';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { STDIO, writeOutput } from '../file-io';
import { collectUuid, instantArgument, readText, withApi } from './api-session';

interface SealedOptions {
  meeting: string;
  referral: string;
  case: string;
  in: string;
}

/** `ccrx meeting …` and `ccrx action …`: high-risk team meetings and the actions agencies take at them. */
export function registerMeetingCommands(program: Command, contextOf: ContextOf): void {
  const meeting = program.command('meeting').description('High-risk team meetings: agenda, attendees, sealed contributions and minutes');
  meeting
    .command('convene')
    .description('The chair convenes a meeting (sign in as a person of the chair agency)')
    .requiredOption('--team <id>', 'the team', uuidArgument)
    .requiredOption('--at <time>', 'when it is held', instantArgument)
    .requiredOption('--attendee <agencyId>', 'an attending member agency (repeatable)', collectUuid)
    .option('--referral <id>', 'an agenda item: an open referral of the team (repeatable, in order)', collectUuid, [])
    .action(action(contextOf, convene));
  meeting.command('list').description("The team's meetings").requiredOption('--team <id>', 'the team', uuidArgument).action(action(contextOf, list));
  meeting.command('show').description('A meeting: agenda, notes and actions your agency may see').requiredOption('--meeting <id>', 'the meeting', uuidArgument).action(action(contextOf, show));
  sealedCommand(meeting.command('contribute').description("Your agency's contribution on an agenda item, sealed for attending agencies a release covers"), contextOf, 'contribution');
  sealedCommand(meeting.command('minutes').description('The minutes of an agenda item (by the agency that referred the case, on that case)'), contextOf, 'minutes');
  meeting
    .command('read')
    .description('Open a meeting note (attending agencies with a basis only; a logged read)')
    .requiredOption('--meeting <id>', 'the meeting', uuidArgument)
    .requiredOption('--note <id>', 'the note', uuidArgument)
    .option('--out <file>', 'write the text to this file (mode 0600) instead of printing it')
    .action(action(contextOf, read));

  const actions = program.command('action').description('Action items agencies take at high-risk team meetings');
  actions
    .command('take')
    .description('Your agency takes an action on an agenda item: what (sealed, from a file or stdin) and when it is due')
    .requiredOption('--meeting <id>', 'the meeting', uuidArgument)
    .requiredOption('--referral <id>', 'the agenda item', uuidArgument)
    .requiredOption('--case <id>', "your agency's case the note is sealed on", uuidArgument)
    .requiredOption('--due <time>', 'when it is due', instantArgument)
    .requiredOption('--in <file>', 'what the action is ("-" for stdin)')
    .action(action(contextOf, take));
  actions.command('list').description('The actions your agency owns, soonest due first').action(action(contextOf, mine));
  actions.command('done').description('Mark your action done').requiredOption('--action <id>', 'the action', uuidArgument).action(action(contextOf, done));
  actions
    .command('not-done')
    .description('Mark your action not done, with a coded reason')
    .requiredOption('--action <id>', 'the action', uuidArgument)
    .addOption(new Option('--reason <code>', 'why').choices(ACTION_NOT_DONE_REASONS).makeOptionMandatory())
    .action(action(contextOf, notDone));
}

function sealedCommand(command: Command, contextOf: ContextOf, kind: 'contribution' | 'minutes'): void {
  command
    .requiredOption('--meeting <id>', 'the meeting', uuidArgument)
    .requiredOption('--referral <id>', 'the agenda item', uuidArgument)
    .requiredOption('--case <id>', "your agency's case the note is sealed on", uuidArgument)
    .requiredOption('--in <file>', 'the text ("-" for stdin)')
    .action(action(contextOf, (context, options: SealedOptions) => seal(context, options, kind)));
}

async function convene(context: CliContext, options: { team: string; at: string; attendee: string[]; referral: string[] }): Promise<CommandOutput> {
  const convened = await withApi(context, 'keystore-optional', (client) => client.meetings.convene(options.team, { heldAt: new Date(options.at), attendeeAgencyIds: options.attendee, referralIds: options.referral }));
  return { json: convened, text: `Convened meeting ${convened.id}.\n${meetingText(convened)}` };
}

async function list(context: CliContext, options: { team: string }): Promise<CommandOutput> {
  const found = await withApi(context, 'keystore-optional', (client) => client.meetings.list(options.team));
  return { json: found, text: found.length === 0 ? 'The team has no meetings yet.' : found.map((each) => `${each.id}  ${each.heldAt}  (${each.attendeeAgencyIds.length} agencies)`).join('\n') };
}

async function show(context: CliContext, options: { meeting: string }): Promise<CommandOutput> {
  const found = await withApi(context, 'keystore-optional', (client) => client.meetings.get(options.meeting));
  return { json: found, text: meetingText(found) };
}

async function seal(context: CliContext, options: SealedOptions, kind: 'contribution' | 'minutes'): Promise<CommandOutput> {
  const content = await readText(context, options.in, `the ${kind}`);
  const input = { referralId: options.referral, caseId: options.case, content };
  const written = await withApi(context, 'needs-keystore', (client) => (kind === 'minutes' ? client.meetings.minutes(options.meeting, input) : client.meetings.contribute(options.meeting, input)));
  return { json: written, text: `Sealed ${kind} ${written.id} for ${written.recipients.map((each) => each.agencyId).join(', ')}.` };
}

async function read(context: CliContext, options: { meeting: string; note: string; out?: string }): Promise<CommandOutput> {
  const opened = await withApi(context, 'needs-keystore', (client) => client.meetings.readNote(options.meeting, options.note));
  const facts = lines([
    ['note', opened.note.id],
    ['author', opened.note.authorAgencyId],
    ['case', opened.note.caseId],
  ]);
  if (options.out !== undefined && options.out !== STDIO) {
    await writeOutput(context.io, options.out, opened.text);
    return { json: { note: opened.note, record: opened.record, out: options.out }, text: `${facts}\nWrote the verified text to ${options.out}.` };
  }
  return { json: { note: opened.note, record: opened.record, text: opened.text }, text: `${facts}\n\n${opened.text}` };
}

async function take(context: CliContext, options: SealedOptions & { due: string }): Promise<CommandOutput> {
  const content = await readText(context, options.in, 'the action');
  const taken = await withApi(context, 'needs-keystore', (client) => client.meetings.takeAction(options.meeting, { referralId: options.referral, caseId: options.case, content, dueAt: new Date(options.due) }));
  return { json: taken, text: `Took action ${taken.id}, due ${taken.dueAt}.` };
}

async function mine(context: CliContext): Promise<CommandOutput> {
  const found = await withApi(context, 'keystore-optional', (client) => client.meetings.myActions());
  return { json: found, text: found.length === 0 ? 'Your agency owns no actions.' : found.map(actionRow).join('\n') };
}

async function done(context: CliContext, options: { action: string }): Promise<CommandOutput> {
  const updated = await withApi(context, 'keystore-optional', (client) => client.meetings.setActionStatus(options.action, 'done'));
  return { json: updated, text: actionRow(updated) };
}

async function notDone(context: CliContext, options: { action: string; reason: ActionNotDoneReason }): Promise<CommandOutput> {
  const updated = await withApi(context, 'keystore-optional', (client) => client.meetings.setActionStatus(options.action, 'not_done', options.reason));
  return { json: updated, text: actionRow(updated) };
}

function actionRow(each: RiskAction): string {
  const status = each.status === 'not_done' ? `not done (${each.notDoneReason ?? '-'})` : each.status;
  return `${each.id}  ${status}${each.overdue ? ' OVERDUE' : ''}  due ${each.dueAt}  owner ${each.ownerAgencyId}  referral ${each.referralId}`;
}

function meetingText(meeting: RiskMeetingView): string {
  return lines([
    ['meeting', meeting.id],
    ['team', meeting.teamId],
    ['held', meeting.heldAt],
    ['attending', meeting.attendeeAgencyIds.join(', ')],
    ['agenda', meeting.agenda.length === 0 ? 'none' : meeting.agenda.join(', ')],
    ['notes', meeting.notes.length === 0 ? 'none' : meeting.notes.map((each) => `${each.kind} ${each.noteId} by ${each.authorAgencyId}`).join('; ')],
    ['actions', meeting.actions.length === 0 ? 'none' : meeting.actions.map(actionRow).join('\n' + ' '.repeat(11))],
  ]);
}
