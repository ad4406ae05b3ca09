import type { Command } from 'commander';
import type { Agency } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf } from '../command-kit';

export function registerAgenciesCommands(program: Command, contextOf: ContextOf): void {
  const agencies = program.command('agencies').description('The CCR directory of member agencies');
  agencies.command('list').description('List member agencies (id, kind, status, name)').action(action(contextOf, listAgencies));
}

async function listAgencies(context: CliContext): Promise<CommandOutput> {
  const list = context.options.user
    ? await (await context.connect()).agencies.list()
    : await context.withKeystore(async (keystore) => (await context.connect(keystore)).agencies.list());
  return { json: list, text: list.map(row).join('\n') };
}

function row(agency: Agency): string {
  return `${agency.id}  ${agency.kind.padEnd(21)} ${agency.status.padEnd(9)} ${agency.name}`;
}
