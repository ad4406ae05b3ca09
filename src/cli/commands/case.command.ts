import type { Command } from 'commander';
import type { CaseHandle, CcrClient } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { STDIO, writeOutput } from '../file-io';
import type { NameOf } from './agency-names';
import { positiveInteger, readJsonObject, withApi, withApiNamed } from './api-session';

export function registerCaseCommands(program: Command, contextOf: ContextOf): void {
  const cases = program.command('case').description("This agency's cases and the survivor profile (sealed for this agency only)");
  cases
    .command('open')
    .description('Open a case, optionally with the survivor profile (JSON from a file or stdin, sealed here)')
    .option('--profile <file>', 'the profile as a JSON object ("-" for stdin)')
    .action(action(contextOf, openCase));
  cases.command('show').description('Show a case handle (ids and times only)').requiredOption('--case <id>', 'the case id', uuidArgument).action(action(contextOf, showCase));
  cases
    .command('list')
    .description("List this agency's cases, newest first")
    .option('--limit <n>', 'stop after n cases', positiveInteger)
    .option('--labels', "open each case's sealed profile here and show its label (needs the keystore; each opening is an access the survivor's accounting lists)")
    .action(action(contextOf, listCases));
  cases
    .command('profile')
    .description('Open and print the survivor profile (a logged access), or replace it with --replace')
    .requiredOption('--case <id>', 'the case id', uuidArgument)
    .option('--out <file>', 'write the profile JSON to this file (mode 0600) instead of stdout')
    .option('--replace <file>', 'seal this JSON object ("-" for stdin) as the new profile version')
    .action(action(contextOf, profile));
}

async function openCase(context: CliContext, options: { profile?: string }): Promise<CommandOutput> {
  const profile = options.profile === undefined ? undefined : await readJsonObject(context, options.profile, 'the profile');
  const handle = await withApi(context, 'needs-keystore', (client) => client.cases.open({ profile }));
  return { json: handle, text: `Opened case ${handle.id}${handle.profileRecordId ? ' with a sealed profile' : ''}.\n${caseLines(handle, (id) => id)}` };
}

async function showCase(context: CliContext, options: { case: string }): Promise<CommandOutput> {
  const { result: handle, nameOf } = await withApiNamed(context, 'keystore-optional', (client) => client.cases.get(options.case));
  return { json: handle, text: caseLines(handle, nameOf) };
}

type LabelledCase = CaseHandle & { label?: string | null };

async function listCases(context: CliContext, options: { limit?: number; labels?: boolean }): Promise<CommandOutput> {
  const handles = await withApi(context, options.labels ? 'needs-keystore' : 'keystore-optional', async (client) => {
    const found: LabelledCase[] = [];
    for await (const handle of client.cases.list()) {
      found.push(options.labels ? { ...handle, label: await caseLabel(client, handle) } : handle);
      if (found.length === options.limit) break;
    }
    return found;
  });
  const text = handles.length === 0 ? 'No cases.' : handles.map((h) => `${h.id}  ${h.createdAt}  ${labelText(h)}${h.linkedFromCaseId ? `  from referral (case ${h.linkedFromCaseId})` : ''}`).join('\n');
  return { json: handles, text };
}

/**
 * The case's label, from its sealed profile opened here (decision 0063): the profile's "label",
 * else the first of its "names". The plaintext never leaves this process.
 */
async function caseLabel(client: CcrClient, handle: CaseHandle): Promise<string | null> {
  if (handle.profileRecordId === null) return null;
  const profile = (await client.cases.readProfile(handle.id)) as { label?: unknown; names?: unknown };
  if (typeof profile.label === 'string') return profile.label;
  return Array.isArray(profile.names) && typeof profile.names[0] === 'string' ? profile.names[0] : null;
}

function labelText(handle: LabelledCase): string {
  if (handle.label !== undefined) return handle.label === null ? '(no label)' : JSON.stringify(handle.label);
  return handle.profileRecordId ? 'profile' : '-';
}

async function profile(context: CliContext, options: { case: string; out?: string; replace?: string }): Promise<CommandOutput> {
  if (options.replace !== undefined) {
    const replacement = await readJsonObject(context, options.replace, 'the profile');
    const handle = await withApi(context, 'needs-keystore', (client) => client.cases.replaceProfile(options.case, replacement));
    return { json: handle, text: `Sealed a new profile version ${handle.profileRecordId} for case ${handle.id}.` };
  }
  const opened = await withApi(context, 'needs-keystore', (client) => client.cases.readProfile(options.case));
  const pretty = `${JSON.stringify(opened, null, 2)}\n`;
  if (options.out !== undefined && options.out !== STDIO) {
    await writeOutput(context.io, options.out, pretty);
    return { json: { caseId: options.case, out: options.out }, text: `Wrote the verified profile of case ${options.case} to ${options.out}.` };
  }
  return { json: { caseId: options.case, profile: opened }, text: pretty };
}

function caseLines(handle: CaseHandle, nameOf: NameOf): string {
  return lines([
    ['case', handle.id],
    ['custodian', nameOf(handle.custodianAgencyId)],
    ['created', handle.createdAt],
    ['profile record', handle.profileRecordId],
    ['opened from case', handle.linkedFromCaseId],
  ]);
}
