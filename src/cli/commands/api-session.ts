import { InvalidArgumentError } from 'commander';
import { type CcrClient, CcrUsageError, type JsonObject } from '../../sdk';
import { INSTANT_FORMS, parseInstant } from '../../sdk/instant';
import type { CliContext } from '../cli-context';
import { uuidArgument } from '../command-kit';
import { agencyNames, type NameOf } from './agency-names';
import { readInput, readJsonInput } from '../file-io';

/**
 * Runs work with an authenticated client. Commands that seal, sign or open need the agency's keys:
 * the keystore file, or — for a person signed in with their own secret — their membership wraps;
 * listings need neither.
 */
export async function withApi<T>(context: CliContext, keys: 'needs-keystore' | 'keystore-optional', work: (client: CcrClient) => Promise<T>): Promise<T> {
  // A person signed in with their own secret opens the agency's keys from their membership wraps: no keystore file.
  if (context.options.user && (keys === 'keystore-optional' || context.personSignIn)) {
    const client = await context.connect(undefined, { keys: keys === 'needs-keystore' });
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

/**
 * withApi, and the agencies' names for the text a person reads (one directory read in the same
 * session). With --json the ids stay alone: scripts read the ids, and the extra call is saved.
 */
export async function withApiNamed<T>(context: CliContext, keys: 'needs-keystore' | 'keystore-optional', work: (client: CcrClient) => Promise<T>): Promise<{ result: T; nameOf: NameOf }> {
  return withApi(context, keys, async (client) => {
    const result = await work(client);
    return { result, nameOf: context.options.json ? (id: string) => id : await agencyNames(client) };
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

/** A time a person types, in the forms --terms files and the SDK accept too (sdk/instant.ts), as the ISO form the API signs. */
export function instantArgument(value: string): string {
  const instant = parseInstant(value);
  if (instant === undefined) throw new InvalidArgumentError(`expected a date or a time with a zone, such as ${INSTANT_FORMS}.`);
  return instant;
}

export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return number;
}
