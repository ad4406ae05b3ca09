import { InvalidArgumentError } from 'commander';
import { type CcrClient, CcrUsageError, type JsonObject } from '../../sdk';
import type { CliContext } from '../cli-context';
import { uuidArgument } from '../command-kit';
import { readInput, readJsonInput } from '../file-io';

/**
 * Runs work with an authenticated client. Commands that seal, sign or open need the agency
 * keystore even when a person signs in with --user; listings do not.
 */
export async function withApi<T>(context: CliContext, keys: 'needs-keystore' | 'keystore-optional', work: (client: CcrClient) => Promise<T>): Promise<T> {
  if (context.options.user && keys === 'keystore-optional') {
    const client = await context.connect();
    try {
      return await work(client);
    } finally {
      client.close();
    }
  }
  return context.withKeystore(async (keystore) => {
    const client = await context.connect(keystore);
    try {
      return await work(client);
    } finally {
      client.close();
    }
  });
}

/** Survivor text from a file or stdin ("-"), never from an argument (shell history, ps). */
export async function readText(context: CliContext, path: string, what: string): Promise<Buffer> {
  const bytes = await readInput(context.io, path);
  if (bytes.length === 0) throw new CcrUsageError(`${what} (${path}) is empty`);
  return bytes;
}

export async function readJsonObject(context: CliContext, path: string, what: string): Promise<JsonObject> {
  const value = await readJsonInput(context.io, path, what);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CcrUsageError(`${what} (${path}) must be a JSON object`);
  return value as JsonObject;
}

/** "a,b,c" → ["a","b","c"]; the SDK checks each against its vocabulary. */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Repeatable lowercase-UUID option. */
export function collectUuid(value: string, previous: string[] = []): string[] {
  return [...previous, uuidArgument(value)];
}

/** A time a person types (2026-07-31, 2026-07-31T18:00:00Z) as the ISO form the API signs. */
export function instantArgument(value: string): string {
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) throw new InvalidArgumentError('expected a date or time such as 2026-07-31 or 2026-07-31T18:00:00Z.');
  return time.toISOString();
}

export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return number;
}
