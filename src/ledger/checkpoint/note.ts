import { decodeBase64, encodeBase64, isValidKeyName, isValidNoteText, toText } from './encoding';
import { formatKeyId } from './keys';

/**
 * C2SP signed-note: a text ending in newline, a blank line, then one or more lines
 * `— <key name> <base64(4-byte key ID || signature)>\n` (U+2014 EM DASH, space).
 */

/** Signs note text. The log key, or a witness cosigner fixed to one timestamp. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Uint8Array): Uint8Array;
}

/** Verifies signatures of one key, identified by (name, key ID). */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Buffer;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Buffer;
}

export interface OpenedNote {
  /** The signed text, including its final newline. */
  readonly text: string;
  readonly verified: readonly NoteSignature[];
  /** Signatures from keys the caller does not know; ignored, as the spec requires, but kept. */
  readonly unverified: readonly NoteSignature[];
}

export type NoteErrorCode = 'malformed' | 'invalid-signature' | 'unverified' | 'ambiguous-key';

export class NoteError extends Error {
  override readonly name = 'NoteError';

  constructor(
    readonly code: NoteErrorCode,
    message: string,
    /** For invalid-signature and ambiguous-key: the key concerned. */
    readonly key?: { readonly name: string; readonly keyId: number },
  ) {
    super(message);
  }
}

/** Notes with more signatures are rejected (the spec requires accepting at least 16). */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 ';

/** `— <name> <base64(key ID || signature)>\n` */
export function formatSignatureLine(signature: NoteSignature): string {
  if (!isValidKeyName(signature.name)) throw new NoteError('malformed', `invalid key name ${JSON.stringify(signature.name)}`);
  const keyId = Buffer.alloc(4);
  keyId.writeUInt32BE(signature.keyId);
  return `${SIGNATURE_PREFIX}${signature.name} ${encodeBase64(Buffer.concat([keyId, signature.signature]))}\n`;
}

/**
 * Signs `text` with every signer. Existing signatures are kept (before the new ones)
 * unless a signer with the same name and key ID replaces them, as in golang.org/x/mod/sumdb/note.
 */
export function signNote(text: string, signers: readonly NoteSigner[], existing: readonly NoteSignature[] = []): string {
  if (!text.endsWith('\n') || !isValidNoteText(text)) throw new NoteError('malformed', 'note text must be valid and end in a newline');
  const message = Buffer.from(text, 'utf8');
  const replaced = new Set(signers.map(keyOf));
  const kept = existing.filter((signature) => !replaced.has(keyOf(signature)));
  const fresh = signers.map((signer) => ({ name: signer.name, keyId: signer.keyId, signature: Buffer.from(signer.sign(message)) }));
  return `${text}\n${[...kept, ...fresh].map(formatSignatureLine).join('')}`;
}

/** Splits a signed note into text and signature lines without verifying anything. */
export function parseNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const decoded = toText(note);
  if (decoded === null || !isValidNoteText(decoded)) throw malformed('note is not valid UTF-8 without control characters');
  const split = decoded.lastIndexOf('\n\n');
  if (split < 0) throw malformed('note has no blank line before its signatures');
  const block = decoded.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('signature block must be non-empty and end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  return { text: decoded.slice(0, split + 1), signatures: lines.map(parseSignatureLine) };
}

/**
 * Opens a signed note: verifies every signature whose (name, key ID) matches a
 * known verifier, ignores the others, and fails unless at least one verifies.
 * A failing signature from a known key rejects the whole note (the spec's SHOULD).
 * Repeated signatures by one key count once (only the first is checked).
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, 'utf8');
  const known = groupVerifiers(verifiers);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const signature of signatures) {
    const candidates = known.get(keyOf(signature));
    // Known keys count once; unknown ones are only deduplicated when byte-identical.
    const identity = candidates ? keyOf(signature) : `${keyOf(signature)} ${encodeBase64(signature.signature)}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (candidates === undefined) {
      unverified.push(signature);
      continue;
    }
    verifyKnown(candidates, message, signature);
    verified.push(signature);
  }
  if (verified.length === 0) throw new NoteError('unverified', 'note has no signature from a known key');
  return { text, verified, unverified };
}

function verifyKnown(candidates: readonly NoteVerifier[], message: Buffer, signature: NoteSignature): void {
  const label = `${signature.name}+${formatKeyId(signature.keyId)}`;
  const key = { name: signature.name, keyId: signature.keyId };
  if (candidates.length > 1) throw new NoteError('ambiguous-key', `ambiguous key ${label}`, key);
  if (!candidates[0].verify(message, signature.signature)) {
    throw new NoteError('invalid-signature', `invalid signature for key ${label}`, key);
  }
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed('signature line must start with an em dash and a space');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const bytes = space < 0 ? null : decodeBase64(rest.slice(space + 1));
  if (!isValidKeyName(name) || bytes === null || bytes.length < 5) throw malformed('malformed signature line');
  return { name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
}

function groupVerifiers(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier[]> {
  const known = new Map<string, NoteVerifier[]>();
  for (const verifier of verifiers) known.set(keyOf(verifier), [...(known.get(keyOf(verifier)) ?? []), verifier]);
  return known;
}

function keyOf(key: { readonly name: string; readonly keyId: number }): string {
  return `${key.name}+${formatKeyId(key.keyId)}`;
}

function malformed(detail: string): NoteError {
  return new NoteError('malformed', `malformed note: ${detail}`);
}
