import { CommanderError } from 'commander';
import type { CliIo } from './cli-io';
import type { GlobalOptions } from './cli-context';
import { type Caller, reportError } from './error-report';
import { EXIT, type ExitCode } from './exit-codes';
import { createProgram } from './program';

/** Runs ccrx with the given arguments (without node and script) and returns the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<ExitCode> {
  const program = createProgram(io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError && isInformational(error)) return EXIT.ok;
    // Commander already printed its own usage message.
    if (error instanceof CommanderError) return EXIT.usage;
    const user = program.opts<GlobalOptions>().user;
    return fail(error, io, args, user ? { kind: 'person', username: user, byPassword: Boolean(io.env.CCRX_PASSWORD) } : { kind: 'service' });
  }
}

function fail(error: unknown, io: CliIo, args: string[], caller: Caller): ExitCode {
  const report = reportError(error, caller);
  if (args.includes('--json')) {
    io.err(`${JSON.stringify({ error: { exitCode: report.exitCode, message: report.message, hint: report.hint, ...report.details } })}\n`);
  } else {
    io.err(`ccrx: ${report.message}\n`);
    if (report.hint) io.err(`  ${report.hint}\n`);
  }
  if (args.includes('--debug') && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return report.exitCode;
}

/** --help and --version end with exit code 0; a bare group name (help shown as an error) does not. */
function isInformational(error: CommanderError): boolean {
  return error.exitCode === 0;
}
