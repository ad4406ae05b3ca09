import { HASH_SIZE } from '../merkle/hash';
import { decodeBase64, encodeBase64, parseDecimal } from './encoding';
import { AddCheckpointRequest, MAX_PROOF_LINES } from './witness';

/**
 * Wire format of a tlog-witness add-checkpoint request body:
 *   old <size>\n
 *   <base64 consistency proof hash>\n   (0..63 lines)
 *   \n
 *   <signed checkpoint note>
 */

export function formatAddCheckpointBody(request: AddCheckpointRequest): string {
  const proof = request.consistencyProof.map((hash) => `${encodeBase64(hash)}\n`).join('');
  return `old ${request.oldSize}\n${proof}\n${request.checkpointNote}`;
}

/** Parses a request body; `{ error }` describes why it is a 400 Bad Request. */
export function parseAddCheckpointBody(body: string): { request: AddCheckpointRequest } | { error: string } {
  const blank = body.indexOf('\n\n');
  if (blank < 0) return { error: 'no empty line after the proof' };
  const [oldLine, ...proofLines] = body.slice(0, blank).split('\n');
  const oldSize = oldLine.startsWith('old ') ? parseDecimal(oldLine.slice(4)) : null;
  if (oldSize === null) return { error: 'first line must be "old <size>"' };
  if (proofLines.length > MAX_PROOF_LINES) return { error: `more than ${MAX_PROOF_LINES} consistency proof lines` };
  const consistencyProof = proofLines.map(decodeBase64);
  if (consistencyProof.some((hash) => hash === null || hash.length !== HASH_SIZE)) {
    return { error: 'consistency proof lines must be base64 of 32-byte hashes' };
  }
  return { request: { oldSize, consistencyProof: consistencyProof as Buffer[], checkpointNote: body.slice(blank + 2) } };
}
