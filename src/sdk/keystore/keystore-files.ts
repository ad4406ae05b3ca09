import { open, readFile, rm, stat } from 'node:fs/promises';
import { KeystoreFileError } from '../errors';
import { PRIVATE_FILE_MODE, writeFileAtomically } from '../files/atomic-file';
import type { KeystoreStorage } from './keystore-storage';

/** A keystore file (Node only): written atomically, saved under `<file>.lock`. */
export class FileKeystoreStorage implements KeystoreStorage {
  constructor(readonly location: string) {}

  read(): Promise<string | undefined> {
    return readTextIfExists(this.location);
  }

  write(text: string): Promise<void> {
    return writeFileAtomically(this.location, text);
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return withFileLock(this.location, work);
  }

  readableByOthers(): Promise<boolean> {
    return isReadableByOthers(this.location);
  }
}

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
      const handle = await open(lockPath, 'wx', PRIVATE_FILE_MODE);
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

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
