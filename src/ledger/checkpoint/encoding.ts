import { fromBase64Strict } from '../../crypto';

/** Strict parsing helpers shared by the note, checkpoint and witness formats. */

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;
// Go's unicode.IsSpace (the reference note implementation): ASCII whitespace, NEL and Unicode separators.
const UNICODE_SPACE = /[\t\n\v\f\r\u0085\p{Z}]/u;

/**
 * RFC 4648 §4 standard base64, padded, and canonical (re-encodes to the same text), or null:
 * the crypto module's decoder (Node's own silently skips invalid characters), as a Buffer.
 */
export function decodeBase64(text: string): Buffer | null {
  const bytes = fromBase64Strict(text);
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** ASCII decimal with no leading zeroes ("0" alone is fine), within the safe-integer range, or null. */
export function parseDecimal(text: string): number | null {
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** Key names: non-empty, no Unicode spaces, no "+" (it separates vkey fields), no control characters. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !UNICODE_SPACE.test(name) && !name.includes('+') && !hasControl(name, false) && isWellFormed(name);
}

/** Note text rules: well-formed Unicode and no ASCII control characters other than newline. */
export function isValidNoteText(text: string): boolean {
  return !hasControl(text, true) && isWellFormed(text);
}

/**
 * Decodes UTF-8 strictly (invalid bytes are an error, a leading BOM is kept as text)
 * or passes a string through. Returns null for invalid UTF-8.
 */
export function toText(input: string | Uint8Array): string | null {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  } catch {
    return null;
  }
}

// Signed notes "MUST NOT contain any ASCII control characters (those below U+0020) other than newline".
function hasControl(text: string, newlineAllowed: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !(newlineAllowed && code === 0x0a)) return true;
  }
  return false;
}

// A JS string with a lone surrogate has no UTF-8 encoding; such text cannot have been signed.
function isWellFormed(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}
