/**
 * Strict standard base64 (RFC 4648 §4, padded) for PUBLIC wire data: ciphertexts, wraps,
 * signatures, public keys. libsodium's codec costs ~10 µs per call in fixed overhead, which
 * dominated server-side verification; this one is pure TypeScript. Secret material (keystore
 * keys) still goes through libsodium's constant-time codec.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    parts.push(ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63]);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    parts.push(ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + '==');
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    parts.push(ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + '=');
  }
  return parts.join('');
}

/**
 * Decodes canonical padded base64 or returns undefined: no whitespace, no URL-safe alphabet, no
 * missing padding, no non-zero bits after the last byte. One byte string has exactly one
 * accepted text, so stored and signed values cannot drift apart through re-encoding.
 */
export function fromBase64Strict(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = last && padding === 2 ? 0 : sextet(text, i + 2);
    const d = last && padding >= 1 ? 0 : sextet(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
    if (last && padding > 0 && (padding === 2 ? n & 0xffff : n & 0xff) !== 0) return undefined;
  }
  return out;
}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? DECODE[code] : -1;
}

/** Decodes canonical base64 of exactly `length` bytes, or returns undefined. */
export function decodeBase64Exact(value: unknown, length: number): Uint8Array | undefined {
  const bytes = typeof value === 'string' ? fromBase64Strict(value) : undefined;
  return bytes?.length === length ? bytes : undefined;
}

/** Length of the padded base64 text for a byte length; lets size limits run before decoding. */
export function base64Length(byteLength: number): number {
  return 4 * Math.ceil(byteLength / 3);
}
