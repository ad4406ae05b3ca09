import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Client files hold keys or what a witness cosigned: owner-only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Writes the whole file or nothing (Node only): a temporary file in the same folder (0600,
 * synced), renamed over the target, then the folder synced. A crash leaves the old file or the
 * new one, never half of one. The one atomic writer of the clients: the SDK keystore (losing a
 * registered epoch's secret key locks the agency out of its records) and the witness state (a
 * witness that forgot what it cosigned could be made to cosign a fork).
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE); // the umask may only have narrowed it; make it exact
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
