import { open, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CcrUsageError } from '../sdk';
import { writeFileAtomically } from '../sdk/files/atomic-file';
import type { CliIo } from './cli-io';

export const STDIO = '-';

/** Reads a file, or stdin for "-". */
export async function readInput(io: CliIo, path: string): Promise<Buffer> {
  if (path !== STDIO) return readFile(resolve(io.cwd, path));
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

export async function readJsonInput(io: CliIo, path: string, what: string): Promise<unknown> {
  const bytes = await readInput(io, path);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new CcrUsageError(`${what} (${path}) is not JSON`);
  }
}

/** Writes a file readable by its owner only (plaintext or not, it is about a survivor), or stdout for "-". */
export async function writeOutput(io: CliIo, path: string, data: Uint8Array | string): Promise<void> {
  if (path === STDIO) {
    io.out(data);
    return;
  }
  const handle = await open(resolve(io.cwd, path), 'w', 0o600);
  try {
    // Narrow an existing file's mode before any byte is written to it.
    await handle.chmod(0o600);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

/** The file exists and the command was not told to replace it. */
export class FileExistsError extends Error {
  override readonly name = 'FileExistsError';

  constructor(readonly path: string) {
    super(`${path} exists already; pass --force to replace it`);
  }
}

/**
 * Writes a file whole or not at all, through the clients' one atomic writer: never replacing an
 * existing file unless `replace` (FileExistsError), 0644 unless told (e.g. a trust policy: public keys).
 */
export async function writeFileWhole(io: CliIo, path: string, data: string, options: { replace: boolean; mode?: number }): Promise<void> {
  try {
    await writeFileAtomically(resolve(io.cwd, path), data, { replace: options.replace, mode: options.mode ?? 0o644 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(path);
    throw error;
  }
}
