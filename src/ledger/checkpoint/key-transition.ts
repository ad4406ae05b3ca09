import { isValidKeyName, isValidNoteText, parseDecimal } from './encoding';
import { KeyFormatError, parseVerifierKey, type PublicKeyInfo, SignatureType } from './keys';
import { NoteError, type NoteSigner, type NoteVerifier, openNote, parseNote, signNote } from './note';

/**
 * A change of the log's checkpoint key, as data (docs/ledger-format.md §8.1): a signed note whose
 * text is
 *
 *   ccr-exchange/log-key-transition/v1\n
 *   origin <origin>\n
 *   old <vkey of the outgoing key>\n
 *   new <vkey of the incoming key>\n
 *   from <tree size, decimal>\n
 *
 * signed by the outgoing key (it authorizes the change) and by the incoming key (it proves the
 * operator holds it). Checkpoints of size < from are signed by the old key, of size ≥ from by the
 * new one. In the log, the statement is the entry at index from − 1, so every checkpoint the new
 * key signs commits to the statement that introduced it.
 */
export const KEY_TRANSITION_HEADER = 'ccr-exchange/log-key-transition/v1';

export interface KeyTransition {
  readonly origin: string;
  /** Verifier key (type 0x01) of the outgoing key. */
  readonly oldKey: string;
  /** Verifier key (type 0x01) of the incoming key. */
  readonly newKey: string;
  /** The first tree size whose checkpoint the new key signs. */
  readonly from: number;
}

export class KeyTransitionFormatError extends Error {
  override readonly name = 'KeyTransitionFormatError';
}

/** The statement text (signed-note text) of a transition. */
export function formatKeyTransition(transition: KeyTransition): string {
  const { origin, oldKey, newKey, from } = transition;
  if (!isValidKeyName(origin)) throw new KeyTransitionFormatError('the origin is not a valid key name');
  if (!Number.isSafeInteger(from) || from < 1) throw new KeyTransitionFormatError('"from" must be a tree size of at least 1');
  for (const vkey of [oldKey, newKey]) logKeyInfo(vkey, origin);
  return `${KEY_TRANSITION_HEADER}\norigin ${origin}\nold ${oldKey}\nnew ${newKey}\nfrom ${from}\n`;
}

/** Parses statement text strictly: exactly the five lines above, both keys Ed25519 keys named after the origin. */
export function parseKeyTransition(text: string): KeyTransition {
  if (!isValidNoteText(text) || !text.endsWith('\n')) throw new KeyTransitionFormatError('a key transition must be text ending in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== 5 || lines[0] !== KEY_TRANSITION_HEADER) throw new KeyTransitionFormatError(`a key transition has five lines, the first "${KEY_TRANSITION_HEADER}"`);
  const origin = field(lines[1], 'origin');
  const oldKey = field(lines[2], 'old');
  const newKey = field(lines[3], 'new');
  const from = parseDecimal(field(lines[4], 'from'));
  if (from === null || from < 1) throw new KeyTransitionFormatError('"from" must be a canonical decimal tree size of at least 1');
  const transition = { origin, oldKey, newKey, from };
  if (formatKeyTransition(transition) !== text) throw new KeyTransitionFormatError('the key transition is not in canonical form');
  return transition;
}

/** The signed note of a transition: signed by the outgoing key, then the incoming one. */
export function signKeyTransition(transition: KeyTransition, outgoing: NoteSigner, incoming: NoteSigner): string {
  return signNote(formatKeyTransition(transition), [outgoing, incoming]);
}

export type KeyTransitionRefusal =
  | 'malformed'
  | 'wrong-origin'
  | 'wrong-old-key'
  | 'same-key'
  | 'reused-key'
  | 'out-of-order'
  | 'bad-signature';

export class KeyTransitionRefused extends Error {
  override readonly name = 'KeyTransitionRefused';

  constructor(
    readonly reason: KeyTransitionRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** What a verified transition hands on: the statement and the incoming key, ready to verify with. */
export interface VerifiedKeyTransition {
  readonly transition: KeyTransition;
  readonly note: string;
  readonly newKey: PublicKeyInfo;
}

/**
 * Accepts a transition note only from the key in force: its text names `expectedOrigin` and, as
 * old key, exactly `inForce` (in force since tree size `inForceFrom`); it takes effect at a larger
 * size; the new key is none of `usedKeys` (the old key included); and both the old and the new
 * key signed it. Anything else is refused with the reason.
 */
export function checkKeyTransition(
  note: string,
  expected: { origin: string; inForce: NoteVerifier & { vkey: string }; inForceFrom: number; usedKeys: readonly PublicKeyInfo[] },
  newVerifier: (info: PublicKeyInfo) => NoteVerifier,
): VerifiedKeyTransition {
  const transition = readTransition(note);
  if (transition.origin !== expected.origin) {
    throw new KeyTransitionRefused('wrong-origin', `the key transition is for origin ${JSON.stringify(transition.origin)}, not ${JSON.stringify(expected.origin)}`);
  }
  if (transition.oldKey !== expected.inForce.vkey) {
    throw new KeyTransitionRefused('wrong-old-key', `the key transition hands over from ${transition.oldKey}, but ${expected.inForce.vkey} is the key in force`);
  }
  const newKey = parseVerifierKey(transition.newKey);
  if (newKey.publicKey.equals(expected.inForce.publicKey)) throw new KeyTransitionRefused('same-key', 'the key transition hands over to the same key');
  if (expected.usedKeys.some((used) => used.publicKey.equals(newKey.publicKey))) {
    throw new KeyTransitionRefused('reused-key', 'the key transition hands over to a key the log used before');
  }
  if (transition.from <= expected.inForceFrom) {
    throw new KeyTransitionRefused('out-of-order', `the key transition takes effect at size ${transition.from}, not after ${expected.inForceFrom} where the key in force began`);
  }
  verifyBothSignatures(note, expected.inForce, newVerifier(newKey));
  return { transition, note, newKey };
}

function readTransition(note: string): KeyTransition {
  try {
    return parseKeyTransition(parseNote(note).text);
  } catch (error) {
    if (error instanceof NoteError || error instanceof KeyTransitionFormatError || error instanceof KeyFormatError) {
      throw new KeyTransitionRefused('malformed', `malformed key transition: ${error.message}`);
    }
    throw error;
  }
}

function verifyBothSignatures(note: string, oldKey: NoteVerifier, newKey: NoteVerifier): void {
  let verified;
  try {
    verified = openNote(note, [oldKey, newKey]).verified;
  } catch (error) {
    if (error instanceof NoteError) throw new KeyTransitionRefused('bad-signature', `the key transition's signatures do not verify: ${error.message}`);
    throw error;
  }
  for (const [key, role] of [
    [oldKey, 'outgoing'],
    [newKey, 'incoming'],
  ] as const) {
    if (!verified.some((signature) => signature.keyId === key.keyId && signature.name === key.name)) {
      throw new KeyTransitionRefused('bad-signature', `the key transition is not signed by the ${role} key`);
    }
  }
}

function field(line: string, name: string): string {
  if (!line.startsWith(`${name} `)) throw new KeyTransitionFormatError(`expected a "${name} " line`);
  return line.slice(name.length + 1);
}

/** An Ed25519 (0x01) verifier key whose name is the log's origin. */
function logKeyInfo(vkey: string, origin: string): PublicKeyInfo {
  let info;
  try {
    info = parseVerifierKey(vkey);
  } catch (error) {
    if (error instanceof KeyFormatError) throw new KeyTransitionFormatError(`bad verifier key: ${error.message}`);
    throw error;
  }
  if (info.type !== SignatureType.Ed25519) throw new KeyTransitionFormatError('log keys are Ed25519 (type 0x01) keys');
  if (info.name !== origin) throw new KeyTransitionFormatError('a log key is named after the log\'s origin');
  return info;
}
