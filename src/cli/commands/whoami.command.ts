import type { Command } from 'commander';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines } from '../command-kit';

export function registerWhoamiCommand(program: Command, contextOf: ContextOf): void {
  program
    .command('whoami')
    .description('Authenticate and show the principal the server sees (service account from the keystore, or --user)')
    .action(action(contextOf, whoami));
}

async function whoami(context: CliContext): Promise<CommandOutput> {
  const principal = context.options.user
    ? await context.connect().then((client) => client.principal)
    : await context.withKeystore(async (keystore) => (await context.connect(keystore)).principal);
  return {
    json: principal,
    text: lines([
      ['principal', principal.id],
      ['username', principal.username],
      ['kind', principal.kind],
      ['agency', principal.agencyId],
      ['roles', principal.roles.join(', ')],
    ]),
  };
}
