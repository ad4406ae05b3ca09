import { randomBytes } from 'node:crypto';
import { link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Client files hold keys or what a witness cosigned: owner-only. */
export const PRIVATE_FILE_MODE = 0o600;

export interface AtomicWriteOptions {
  /** The new file's mode (default PRIVATE_FILE_MODE); e.g. 0o644 for a trust policy, which holds only public keys. */
  mode?: number;
  /**
   * False: never replace an existing file. The temporary file is then hard-linked into place, which
   * fails with EEXIST if the target exists (checked and created in one step, unlike a stat first).
   */
  replace?: boolean;
}

/**
 * Writes the whole file or nothing (Node only): a temporary file in the same folder (0600 unless
 * told, synced), renamed over the target (or linked, when it must not replace one), then the folder
 * synced. A crash leaves the old file or the new one, never half of one. The one atomic writer of
 * the clients: the SDK keystore (losing a registered epoch's secret key locks the agency out of its
 * records), the witness state (a witness that forgot what it cosigned could be made to cosign a
 * fork) and ccrx's trust policy.
 */
export async function writeFileAtomically(path: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  const folder = dirname(path);
  const mode = options.mode ?? PRIVATE_FILE_MODE;
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);
  try {
    await handle.chmod(mode); // the umask may only have narrowed it; make it exact
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (options.replace === false) await link(temporary, path);
    else await rename(temporary, path);
  } finally {
    // After a rename there is nothing left to remove; after a link (or a failure) the temporary name goes.
    await rm(temporary, { force: true });
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
