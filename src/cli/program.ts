import { Command, Option } from 'commander';
import { CliContext, DEFAULT_KEYSTORE, type GlobalOptions, USER_ENV } from './cli-context';
import type { CliIo } from './cli-io';
import type { ContextOf } from './command-kit';
import { registerAgenciesCommands } from './commands/agencies.command';
import { registerAgencyCommands } from './commands/agency.command';
import { registerAgreementCommands } from './commands/agreement.command';
import { registerCaseCommands } from './commands/case.command';
import { registerConsentCommands } from './commands/consent.command';
import { registerEventsCommand } from './commands/events.command';
import { registerKeysCommands } from './commands/keys.command';
import { registerLedgerCommands } from './commands/ledger.command';
import { registerMandateCommands } from './commands/mandate.command';
import { registerMeetingCommands } from './commands/meeting.command';
import { registerMonitoringCommands } from './commands/monitoring.command';
import { registerNoteCommands } from './commands/note.command';
import { registerPersonCommands } from './commands/person.command';
import { registerRecordCommands } from './commands/records.command';
import { registerReferralCommands } from './commands/referral.command';
import { registerScreenCommands } from './commands/screen.command';
import { registerTeamCommands } from './commands/team.command';
import { registerWebhookCommands } from './commands/webhook.command';
import { registerWhoamiCommand } from './commands/whoami.command';
import { registerWitnessCommands } from './commands/witness.command';
import { EXIT } from './exit-codes';

const EXIT_CODES_HELP = `
Passphrase: CCRX_PASSPHRASE or CCRX_PASSPHRASE_FILE, else asked on the terminal (never an argument).
Exit codes: 0 ok, 1 failure, 2 usage, 3 authentication (server or passphrase), 4 not found,
            5 refused or conflict, 6 verification failed (keys, records), 7 API unreachable.`;

/**
 * The ccrx program. Each command group lives in its own file under commands/ and registers
 * itself here; later groups (referral, note, consent, ledger, witness) plug in the same way.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('ccrx')
    .description('CCR Exchange client: agency keys, end-to-end encrypted records, and the API')
    .addOption(new Option('--api <url>', 'API base URL').env('CCRX_API'))
    .addOption(new Option('--keystore <file>', 'agency keystore file').env('CCRX_KEYSTORE').default(DEFAULT_KEYSTORE))
    .addOption(new Option('--user <username>', 'sign in as a person with your own secret (CCRX_SECRET or asked) and authenticator code (CCRX_TOTP or asked), using your membership keys instead of the keystore; with CCRX_PASSWORD set, the old password grant').env(USER_ENV))
    .option('--strict-pins', "refuse partner agencies' keys that are not pinned yet, instead of pinning them on first use (the keystore can make this its rule: ccrx keys strict-pins on)")
    .option('--json', 'machine-readable output on stdout')
    .option('--debug', 'print stack traces of failures')
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .exitOverride();
  const contextOf: ContextOf = (command) => new CliContext(command.optsWithGlobals<GlobalOptions>(), io);
  registerKeysCommands(program, contextOf);
  registerWhoamiCommand(program, contextOf);
  registerAgenciesCommands(program, contextOf);
  registerRecordCommands(program, contextOf);
  registerCaseCommands(program, contextOf);
  registerConsentCommands(program, contextOf);
  registerMandateCommands(program, contextOf);
  registerReferralCommands(program, contextOf);
  registerNoteCommands(program, contextOf);
  registerScreenCommands(program, contextOf);
  registerTeamCommands(program, contextOf);
  registerMeetingCommands(program, contextOf);
  registerAgreementCommands(program, contextOf);
  registerEventsCommand(program, contextOf);
  registerWebhookCommands(program, contextOf);
  registerLedgerCommands(program, contextOf);
  registerMonitoringCommands(program, contextOf);
  registerWitnessCommands(program, contextOf);
  registerPersonCommands(program, contextOf);
  registerAgencyCommands(program, contextOf);
  // Subcommands inherit exit override and output so errors anywhere come back to main.
  for (const command of allCommands(program)) {
    command.exitOverride().configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
  }
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}

export { EXIT };
