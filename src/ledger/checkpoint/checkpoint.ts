import { HASH_SIZE } from '../merkle/hash';
import { decodeBase64, encodeBase64, isValidNoteText, parseDecimal } from './encoding';

/**
 * C2SP tlog-checkpoint note text:
 *   <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n ...]
 */
export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** Opaque extension lines, kept verbatim (they are signed, so they must round-trip). */
  readonly extensions: readonly string[];
}

export class CheckpointFormatError extends Error {
  override readonly name = 'CheckpointFormatError';
}

/** The note text (body) of a checkpoint, ready to be signed. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash, extensions } = checkpoint;
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new CheckpointFormatError('tree size must be a non-negative safe integer');
  if (rootHash.length !== HASH_SIZE) throw new CheckpointFormatError('root hash must be 32 bytes');
  const lines = [origin, String(treeSize), encodeBase64(rootHash), ...extensions];
  if (lines.some((line) => line.length === 0 || line.includes('\n'))) {
    throw new CheckpointFormatError('origin and extension lines must be non-empty single lines');
  }
  const body = `${lines.join('\n')}\n`;
  if (!isValidNoteText(body)) throw new CheckpointFormatError('checkpoint contains control characters');
  return body;
}

/** Parses checkpoint note text (as returned by openNote), strictly. */
export function parseCheckpoint(body: string): Checkpoint {
  if (!body.endsWith('\n') || !isValidNoteText(body)) throw new CheckpointFormatError('checkpoint must be valid text ending in a newline');
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointFormatError('checkpoint needs origin, tree size and root hash lines');
  if (lines.some((line) => line.length === 0)) throw new CheckpointFormatError('checkpoint lines must be non-empty');
  const [origin, sizeText, rootText, ...extensions] = lines;
  const treeSize = parseDecimal(sizeText);
  if (treeSize === null) throw new CheckpointFormatError(`tree size ${JSON.stringify(sizeText)} is not a canonical decimal`);
  const rootHash = decodeBase64(rootText);
  if (rootHash === null || rootHash.length !== HASH_SIZE) throw new CheckpointFormatError('root hash must be base64 of 32 bytes');
  return { origin, treeSize, rootHash, extensions };
}
