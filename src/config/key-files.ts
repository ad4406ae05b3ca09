import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The signing keys of a development or test deployment, kept in the data folder (decision 0041):
 * DATA_DIR/keys/ (0700), one file per key (0600). Production takes its keys from the environment.
 * Nothing here ever logs or returns a key in an error message.
 */
export const KEY_FILES = {
  /** Base64 Ed25519 seed that signs checkpoints (LEDGER_SIGNING_KEY). */
  ledger: 'ledger-signing.key',
  /** The seed a rotation hands the log over to (LEDGER_NEXT_SIGNING_KEY); exists only during one. */
  ledgerNext: 'ledger-signing.next.key',
  /** JSON array of private P-256 JWKs (JWT_SIGNING_KEYS). */
  tokens: 'token-signing-keys.json',
  /** The OPAQUE server setup (OPAQUE_SERVER_SETUP): people's login records are bound to it. */
  opaqueSetup: 'opaque-server-setup.key',
} as const;

export function keyFolderOf(dataDir: string): string {
  return join(dataDir, 'keys');
}

/**
 * The content of a key file, made first if there is none. A new file is written in full under a
 * temporary name and then hard-linked into place, which fails if the name exists: of two processes
 * starting at once on one data folder, one creates the key and both read that one.
 */
export function readOrCreateKeyFile(folder: string, name: string, generate: () => string): string {
  ensureKeyFolder(folder);
  const path = join(folder, name);
  const existing = readKeyFile(path);
  if (existing !== undefined) return existing;
  createKeyFile(folder, name, generate());
  const created = readKeyFile(path);
  if (created === undefined) throw new Error(`${path} vanished just after it was created`);
  return created;
}

/** A key file's content, or undefined if there is none. A file readable by others is narrowed to 0600 first. */
export function readKeyFile(path: string): string | undefined {
  let mode;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if ((mode & 0o077) !== 0) chmodSync(path, 0o600);
  return readFileSync(path, 'utf8');
}

/**
 * Writes a key file that must not exist yet (false if another process made it first). Not the
 * clients' writeFileAtomically (src/sdk/files/atomic-file.ts): the configuration is read
 * synchronously, before anything async can run, and that writer is async; and the server does not
 * import client (SDK) file code.
 */
export function createKeyFile(folder: string, name: string, content: string): boolean {
  ensureKeyFolder(folder);
  const temporary = join(folder, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  writeSynced(temporary, content);
  try {
    linkSync(temporary, join(folder, name));
    syncFolder(folder);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/** Renames one key file over another, atomically (a rotation's last step: the next key becomes the key). */
export function replaceKeyFile(folder: string, from: string, to: string): void {
  renameSync(join(folder, from), join(folder, to));
  syncFolder(folder);
}

function ensureKeyFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if ((statSync(folder).mode & 0o077) !== 0) chmodSync(folder, 0o700);
}

function writeSynced(path: string, content: string): void {
  const descriptor = openSync(path, 'wx', 0o600);
  try {
    writeFileSync(descriptor, content);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function syncFolder(folder: string): void {
  const descriptor = openSync(folder, 'r');
  try {
    fsyncSync(descriptor);
  } catch {
    // Some file systems cannot fsync a folder; the link or rename itself is still atomic.
  } finally {
    closeSync(descriptor);
  }
}
