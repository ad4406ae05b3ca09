import { type Command, Option } from 'commander';
import { NOTE_CATEGORIES, type NoteCategory } from '../../consent/consent.vocabulary';
import { CcrUsageError, type Note, type NoteWithRecipients, type WrittenNote } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { STDIO, writeOutput } from '../file-io';
import type { NameOf } from './agency-names';
import { collectUuid, readText, withApi, withApiNamed } from './api-session';

interface AddOptions {
  case: string;
  category: NoteCategory;
  in: string;
  to?: string[];
  noteId?: string;
}

export function registerNoteCommands(program: Command, contextOf: ContextOf): void {
  const note = program.command('note').description("Case notes, sealed for exactly the agencies the survivor's releases allow");
  note
    .command('add')
    .description('Write a note (text from a file or stdin); it goes to this agency and every agency a release covers for the category')
    .requiredOption('--case <id>', 'the case', uuidArgument)
    .addOption(new Option('--category <category>', 'privileged_counseling never leaves this agency').choices(NOTE_CATEGORIES).makeOptionMandatory())
    .requiredOption('--in <file>', 'the note text ("-" for stdin)')
    .option('--to <agencyId>', 'an agency the note is meant for: refuse unless a release lets it receive the note (repeatable)', collectUuid)
    .option('--note-id <id>', 'choose the note id (default: a fresh one)', uuidArgument)
    .action(action(contextOf, add));
  note
    .command('list')
    .description("This agency's notes of a case with who can read each (--case), or notes other agencies shared with you (--shared)")
    .option('--case <id>', 'the case', uuidArgument)
    .option('--shared', 'notes shared with this agency')
    .action(action(contextOf, list));
  note
    .command('show')
    .description('Open a note: the verified current version (a logged read)')
    .requiredOption('--note <id>', 'the note', uuidArgument)
    .option('--out <file>', 'write the text to this file (mode 0600) instead of printing it')
    .action(action(contextOf, show));
  note
    .command('amend')
    .description('Write a new version (fresh key; recipients computed again from the releases now)')
    .requiredOption('--note <id>', 'the note', uuidArgument)
    .requiredOption('--in <file>', 'the new text ("-" for stdin)')
    .action(action(contextOf, amend));
  note
    .command('share')
    .description('Give an agency that consented later the current version (re-wraps its key here)')
    .requiredOption('--note <id>', 'the note', uuidArgument)
    .requiredOption('--agency <id>', 'the newly consented agency', uuidArgument)
    .option('--consent <id>', 'the release to rest on (default: the one the policy prefers)', uuidArgument)
    .action(action(contextOf, share));
}

async function add(context: CliContext, options: AddOptions): Promise<CommandOutput> {
  const content = await readText(context, options.in, 'the note');
  const { result: written, nameOf } = await withApiNamed(context, 'needs-keystore', (client) => client.notes.add(options.case, { category: options.category, content, noteId: options.noteId, intendedFor: options.to }));
  return writtenOutput('Wrote note', written, nameOf);
}

async function amend(context: CliContext, options: { note: string; in: string }): Promise<CommandOutput> {
  const content = await readText(context, options.in, 'the note');
  const { result: written, nameOf } = await withApiNamed(context, 'needs-keystore', (client) => client.notes.amend(options.note, content));
  return writtenOutput('Amended note', written, nameOf);
}

async function list(context: CliContext, options: { case?: string; shared?: boolean }): Promise<CommandOutput> {
  if ((options.case === undefined) === (options.shared !== true)) throw new CcrUsageError('pass either --case <id> or --shared');
  if (options.case !== undefined) {
    const caseId = options.case;
    const { result: notes, nameOf } = await withApiNamed(context, 'keystore-optional', (client) => client.notes.list(caseId));
    const text = notes.length === 0 ? 'No notes on this case.' : notes.map((n) => `${noteRow(n)}  readers: ${readers(n, nameOf)}`).join('\n');
    return { json: notes, text };
  }
  const { result: shared, nameOf } = await withApiNamed(context, 'keystore-optional', async (client) => {
    const notes: Note[] = [];
    for await (const each of client.notes.sharedWithMe()) notes.push(each);
    return notes;
  });
  return { json: shared, text: shared.length === 0 ? 'No notes are shared with this agency.' : shared.map((n) => `${noteRow(n)}  by ${nameOf(n.authorAgencyId)}`).join('\n') };
}

async function show(context: CliContext, options: { note: string; out?: string }): Promise<CommandOutput> {
  const { result: read, nameOf } = await withApiNamed(context, 'needs-keystore', (client) => client.notes.read(options.note));
  const facts = lines([
    ['note', read.note.id],
    ['case', read.note.caseId],
    ['category', read.note.category],
    ['version', read.note.version],
    ['author', `${nameOf(read.note.authorAgencyId)} (verified, epoch ${read.record.signerEpoch})`],
    ['written', read.record.createdAt],
    ['shared by', read.record.sharedBy ? `${nameOf(read.record.sharedBy.agencyId)} under release ${read.record.sharedBy.consentId}` : undefined],
  ]);
  if (options.out !== undefined && options.out !== STDIO) {
    await writeOutput(context.io, options.out, read.text);
    return { json: { note: read.note, record: read.record, out: options.out }, text: `${facts}\nWrote the verified text to ${options.out}.` };
  }
  return { json: read, text: `${facts}\n\n${read.text}` };
}

async function share(context: CliContext, options: { note: string; agency: string; consent?: string }): Promise<CommandOutput> {
  const shared = await withApi(context, 'needs-keystore', (client) => client.notes.shareWithNewlyConsented(options.note, options.agency, options.consent));
  return { json: shared, text: `Agency ${shared.agencyId} can now open record ${shared.recordId} (release ${shared.basisId}).` };
}

function writtenOutput(verb: string, written: WrittenNote, nameOf: NameOf): CommandOutput {
  const left = written.excluded.map((each) => `  not to ${nameOf(each.agencyId)}: ${each.reason}`);
  const text = [`${verb} ${written.id} (version ${written.version}, record ${written.currentRecordId}).`, `readers: ${readers(written, nameOf)}`, ...(left.length > 0 ? ['left out by the releases:', ...left] : [])].join('\n');
  return { json: written, text };
}

function noteRow(note: Note): string {
  return `${note.id}  ${note.category.padEnd(21)} v${note.version}  ${note.updatedAt}`;
}

function readers(note: NoteWithRecipients, nameOf: NameOf): string {
  return note.recipients.map((r) => `${nameOf(r.agencyId)}${r.basisKind === 'custodian' ? ' (you)' : ''}${r.canRead ? '' : ' (withdrawn)'}`).join(', ');
}
