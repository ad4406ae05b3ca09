import { type Command, InvalidArgumentError } from 'commander';
import { isUuid } from '../crypto/identifiers';
import type { CliContext, CommandOutput } from './cli-context';

/** Builds the context of the command being run (global options merged with its own). */
export type ContextOf = (command: Command) => CliContext;

/**
 * Wraps a command's work: build its context, run, print. Errors propagate to main, which maps
 * them to exit codes in one place.
 */
export function action<O>(contextOf: ContextOf, work: (context: CliContext, options: O) => Promise<CommandOutput>) {
  return async (options: O, command: Command): Promise<void> => {
    const context = contextOf(command);
    try {
      context.print(await work(context, options));
    } finally {
      await context.end();
    }
  };
}

/** Commander argument parser for ids: lowercase UUIDs only, as the API and envelope require. */
export function uuidArgument(value: string): string {
  if (!isUuid(value)) throw new InvalidArgumentError('expected a lowercase UUID.');
  return value;
}

/** Text block helper: "label: value" lines, aligned. */
export function lines(rows: [string, string | number | null | undefined][]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows
    .filter(([, value]) => value !== undefined)
    .map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value ?? '-'}`)
    .join('\n');
}
