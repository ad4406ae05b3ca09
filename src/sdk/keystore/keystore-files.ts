import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KeystoreFileError } from '../errors';

export const KEYSTORE_FILE_MODE = 0o600;

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw new KeystoreFileError('unreadable', path, `cannot read the keystore ${path} (${errno(error) ?? 'I/O error'})`);
  }
}

/** True when group or others may read the file: a keystore should be 0600. */
export async function isReadableByOthers(path: string): Promise<boolean> {
  const { mode } = await stat(path);
  return (mode & 0o077) !== 0;
}

/**
 * Writes the whole file or nothing: a temporary file in the same folder (0600, synced), renamed
 * over the target, then the folder synced. A crash leaves the old keystore or the new one, never
 * half of one — losing a registered epoch's secret key would lock the agency out of its records.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', KEYSTORE_FILE_MODE);
  try {
    await handle.chmod(KEYSTORE_FILE_MODE); // the umask may only have narrowed it; make it exact
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

export interface LockOptions {
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * Runs `work` while holding `<path>.lock` (created exclusively), so two processes never
 * interleave a read-merge-write of the same keystore. A lock left by a crash is not stolen
 * silently: the error names the file for a person to remove.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', KEYSTORE_FILE_MODE);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw new KeystoreFileError('unreadable', path, `cannot lock the keystore ${path} (${errno(error) ?? 'I/O error'})`);
      if (Date.now() >= deadline) {
        throw new KeystoreFileError('locked', path, `the keystore is locked by another process; if none is running, remove ${lockPath}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms cannot fsync a folder; the rename itself is still atomic there.
  }
}

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
