import { readFile } from 'node:fs/promises';
import { CcrUsageError } from '../errors';

export const PASSPHRASE_ENV = 'CCRX_PASSPHRASE';
export const PASSPHRASE_FILE_ENV = 'CCRX_PASSPHRASE_FILE';

/**
 * The keystore passphrase from the environment: CCRX_PASSPHRASE, or the first line of the file
 * named by CCRX_PASSPHRASE_FILE (e.g. a systemd credential). Never from a command-line argument:
 * arguments land in shell history and in every user's `ps`.
 */
export async function passphraseFromEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): Promise<string | undefined> {
  const direct = env[PASSPHRASE_ENV];
  const file = env[PASSPHRASE_FILE_ENV];
  if (direct !== undefined && file !== undefined) {
    throw new CcrUsageError(`set ${PASSPHRASE_ENV} or ${PASSPHRASE_FILE_ENV}, not both`);
  }
  if (file !== undefined) return firstLine(await readPassphraseFile(file));
  return direct === '' ? undefined : direct;
}

async function readPassphraseFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new CcrUsageError(`cannot read the passphrase file named by ${PASSPHRASE_FILE_ENV}`);
  }
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0];
  if (line.length === 0) throw new CcrUsageError(`the passphrase file named by ${PASSPHRASE_FILE_ENV} is empty`);
  return line;
}
