import { open, readFile, stat } from 'node:fs/promises';
import { writeFileAtomically } from '../../sdk/files/atomic-file';
import { createCosigner, type Cosigner, generateSeed, parseVerifierKey, SignatureType } from '../checkpoint';
import { decodeBase64 } from '../checkpoint/encoding';
import { emptyRoot } from '../merkle';

/**
 * A witness's two files. The key file holds its Ed25519 seed (keep it like any private key); the
 * state file holds what it last cosigned and the log key it trusts. Both are written owner-only,
 * the state atomically (temporary file, fsync, rename, fsync of the folder): a witness that
 * forgot what it cosigned could be made to cosign a fork.
 */

export interface WitnessKeyFile {
  v: 1;
  name: string;
  /** base64 32-byte Ed25519 seed. */
  seed: string;
}

export interface WitnessState {
  v: 1;
  /** The log's verifier key, pinned when the witness was set up (never taken from the server later). */
  logKey: string;
  treeSize: number;
  /** base64 root of the latest checkpoint this witness cosigned (the empty tree's at first). */
  rootHash: string;
  /** The cosignature line it made for treeSize, re-posted if the server lacks it. */
  lastCosignature: string | null;
}

export class WitnessFileError extends Error {
  override readonly name = 'WitnessFileError';
}

/** Creates a key file (refusing to overwrite one) and returns the witness's cosigner. */
export async function createWitnessKeyFile(path: string, name: string): Promise<Cosigner> {
  const seed = generateSeed();
  const cosigner = await createCosigner(name, seed);
  const file: WitnessKeyFile = { v: 1, name, seed: seed.toString('base64') };
  await writeNew(path, `${JSON.stringify(file, null, 2)}\n`);
  return cosigner;
}

export async function loadWitnessKey(path: string): Promise<{ cosigner: Cosigner; readableByOthers: boolean }> {
  const file = parseJson(await readFile(path, 'utf8'), 'witness key file') as Partial<WitnessKeyFile>;
  const seed = typeof file.seed === 'string' ? decodeBase64(file.seed) : null;
  if (file.v !== 1 || typeof file.name !== 'string' || !seed || seed.length !== 32) throw new WitnessFileError(`${path} is not a witness key file`);
  const mode = (await stat(path)).mode;
  return { cosigner: await createCosigner(file.name, seed), readableByOthers: (mode & 0o077) !== 0 };
}

/** A fresh state: trusts `logKey`, has cosigned nothing (size 0, the empty tree). */
export async function createWitnessState(path: string, logKey: string): Promise<WitnessState> {
  const info = parseVerifierKey(logKey);
  if (info.type !== SignatureType.Ed25519) throw new WitnessFileError('the log key must be an Ed25519 (type 0x01) verifier key');
  const state: WitnessState = { v: 1, logKey, treeSize: 0, rootHash: emptyRoot().toString('base64'), lastCosignature: null };
  await writeNew(path, serialize(state));
  return state;
}

export async function loadWitnessState(path: string): Promise<WitnessState> {
  const state = parseJson(await readFile(path, 'utf8'), 'witness state file') as Partial<WitnessState>;
  const valid =
    state.v === 1 &&
    typeof state.logKey === 'string' &&
    Number.isSafeInteger(state.treeSize) &&
    (state.treeSize as number) >= 0 &&
    typeof state.rootHash === 'string' &&
    decodeBase64(state.rootHash)?.length === 32 &&
    (state.lastCosignature === null || typeof state.lastCosignature === 'string');
  if (!valid) throw new WitnessFileError(`${path} is not a witness state file`);
  return state as WitnessState;
}

/** Replaces the state atomically: a crash leaves the old state or the new one, never half of either. */
export async function saveWitnessState(path: string, state: WitnessState): Promise<void> {
  await writeFileAtomically(path, serialize(state));
}

async function writeNew(path: string, text: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') throw new WitnessFileError(`${path} already exists; refusing to overwrite it`);
    throw error;
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function serialize(state: WitnessState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WitnessFileError(`the ${what} is not JSON`);
  }
}
