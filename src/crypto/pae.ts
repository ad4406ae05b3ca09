import { concatBytes, utf8 } from './bytes';

export type PaePiece = string | Uint8Array;

const LE64_BYTES = 8;

/** Little-endian 64-bit length with the top bit clear, as PASETO specifies for portability. */
export function le64(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('PAE length must be a non-negative safe integer');
  const out = new Uint8Array(LE64_BYTES);
  let rest = BigInt(value);
  for (let i = 0; i < LE64_BYTES; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

function readLe64(bytes: Uint8Array, offset: number): number {
  let value = 0n;
  for (let i = LE64_BYTES - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[offset + i]);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('PAE length out of range');
  return Number(value);
}

/**
 * Pre-Authentication Encoding: LE64(n) || for each piece LE64(len) || piece. Every piece is
 * length-prefixed, so no two different piece lists share an encoding (unlike concatenation).
 */
export function pae(pieces: readonly PaePiece[]): Uint8Array {
  const parts: Uint8Array[] = [le64(pieces.length)];
  for (const piece of pieces) {
    const bytes = typeof piece === 'string' ? utf8(piece) : piece;
    parts.push(le64(bytes.length), bytes);
  }
  return concatBytes(parts);
}

/** Inverse of pae(); throws RangeError on any truncation, overrun or trailing byte. */
export function paeDecode(encoded: Uint8Array): Uint8Array[] {
  if (encoded.length < LE64_BYTES) throw new RangeError('PAE too short');
  const count = readLe64(encoded, 0);
  const pieces: Uint8Array[] = [];
  let offset = LE64_BYTES;
  for (let i = 0; i < count; i++) {
    if (offset + LE64_BYTES > encoded.length) throw new RangeError('PAE truncated');
    const length = readLe64(encoded, offset);
    offset += LE64_BYTES;
    if (length > encoded.length - offset) throw new RangeError('PAE piece overruns input');
    pieces.push(encoded.slice(offset, offset + length));
    offset += length;
  }
  if (offset !== encoded.length) throw new RangeError('PAE has trailing bytes');
  return pieces;
}

/** Encoded length of a PAE whose pieces have these byte lengths (for exact size checks). */
export function paeLength(pieceLengths: readonly number[]): number {
  return LE64_BYTES + pieceLengths.reduce((total, length) => total + LE64_BYTES + length, 0);
}
