/**
 * Signed-note vectors from golang.org/x/mod/sumdb/note (note_test.go: TestNewVerifier,
 * TestSign, TestOpen), the reference implementation of C2SP signed-note.
 */
import {
  computeKeyId,
  createEd25519NoteSigner,
  createNoteVerifier,
  KeyFormatError,
  NoteError,
  NoteVerifier,
  openNote,
  parseVerifierKey,
  signNote,
} from './index';

const decodeFor = (base64: string): Buffer => Buffer.from(base64, 'base64');

// A vkey whose key ID matches its (possibly invalid) material, as Go's "adjusted key hash" vectors do.
function formatVerifierKeyWithRawMaterial(name: string, material: Buffer): string {
  const keyId = computeKeyId(name, material[0], material.subarray(1)).toString(16).padStart(8, '0');
  return `${name}+${keyId}+${material.toString('base64')}`;
}

const PETER_SKEY_MATERIAL = 'AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'; // from "PRIVATE+KEY+PeterNeumann+c74f20a3+..."
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
// Go slices bytes; the em dash is 3 bytes in UTF-8 but 1 JS char, so byte 60 is char 58.
const corrupt = (line: string): string => `${line.slice(0, 58)}ABCD${line.slice(58)}`;

let peter: NoteVerifier;
let enoch: NoteVerifier;
beforeAll(async () => {
  peter = await createNoteVerifier(PETER_VKEY);
  enoch = await createNoteVerifier(ENOCH_VKEY);
});

function noteError(run: () => unknown): NoteError {
  try {
    run();
  } catch (error) {
    if (error instanceof NoteError) return error;
    throw error;
  }
  throw new Error('expected a NoteError');
}

describe('signing (TestSign)', () => {
  it('reproduces the Go signer byte for byte from the same seed', async () => {
    const seed = decodeFor(PETER_SKEY_MATERIAL).subarray(1); // drop the 0x01 type byte
    const signer = await createEd25519NoteSigner('PeterNeumann', seed);
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.verifierKey).toBe(PETER_VKEY);
    expect(signNote(TEXT, [signer])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('replaces an existing signature by the same key and keeps the others', async () => {
    const signer = await createEd25519NoteSigner('PeterNeumann', decodeFor(PETER_SKEY_MATERIAL).subarray(1));
    const stale = { name: 'PeterNeumann', keyId: 0xc74f20a3, signature: Buffer.from('stale') };
    const other = { name: 'EnochRoot', keyId: 0xaf0cfe78, signature: Buffer.from('kept') };
    const note = signNote(TEXT, [signer], [stale, other]);
    expect(note).toBe(`${TEXT}\n\u2014 EnochRoot rwz+eGtlcHQ=\n${PETER_SIG}`);
  });

  it('refuses text that does not end in a newline', async () => {
    const signer = await createEd25519NoteSigner('PeterNeumann', decodeFor(PETER_SKEY_MATERIAL).subarray(1));
    expect(noteError(() => signNote('abc', [signer])).code).toBe('malformed');
  });
});

describe('verifier keys (TestNewVerifier)', () => {
  it('parses the Go vkeys and recomputes their key IDs', () => {
    expect(parseVerifierKey(PETER_VKEY)).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3, type: 0x01 });
    expect(parseVerifierKey(ENOCH_VKEY)).toMatchObject({ name: 'EnochRoot', keyId: 0xaf0cfe78, type: 0x01 });
  });

  it('rejects every truncation and every single-character change of a vkey', () => {
    const accepted: string[] = [];
    const tryParse = (candidate: string): void => {
      try {
        parseVerifierKey(candidate);
        accepted.push(candidate);
      } catch {
        // expected
      }
    };
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) if (i !== 0 || j !== PETER_VKEY.length) tryParse(PETER_VKEY.slice(i, j));
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      tryParse(PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1));
    }
    expect(accepted).toEqual([]);
  });

  it('rejects a wrong-length key and an unknown algorithm even with matching key IDs', () => {
    // "BADKEY==" has non-zero padding bits: Go decodes it leniently, our stricter base64 refuses it earlier.
    expect(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow(KeyFormatError);
    expect(() => parseVerifierKey(formatVerifierKeyWithRawMaterial('PeterNeumann', Buffer.alloc(34, 1)))).toThrow('32 bytes');
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow('unsupported signature type 0x65');
  });
});

describe('opening (TestOpen)', () => {
  it('verifies known signatures and ignores unknown ones', () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => [s.name, s.keyId])).toEqual([['PeterNeumann', 0xc74f20a3]]);
    expect(opened.unverified.map((s) => [s.name, s.keyId])).toEqual([['EnochRoot', 0xaf0cfe78]]);
  });

  it('verifies both when both keys are known', () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter, enoch]);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(opened.unverified).toEqual([]);
  });

  it('rejects a note with only unknown signatures', () => {
    expect(noteError(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [])).code).toBe('unverified');
  });

  it('rejects an ambiguous verifier list only when the ambiguous key signed', () => {
    expect(noteError(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, enoch])).message).toBe('ambiguous key EnochRoot+af0cfe78');
    expect(openNote(`${TEXT}\n${PETER_SIG}`, [enoch, peter, enoch]).verified).toHaveLength(1);
  });

  it('rejects more than 100 signatures', () => {
    expect(noteError(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peter])).code).toBe('malformed');
    expect(openNote(`${TEXT}\n${PETER_SIG.repeat(16)}`, [peter]).verified).toHaveLength(1);
  });

  it('rejects the whole note when a known key signature is invalid', () => {
    const error = noteError(() => openNote(`${TEXT}\n${corrupt(PETER_SIG)}`, [peter]));
    expect(error.message).toBe('invalid signature for key PeterNeumann+c74f20a3');
    expect(error.key).toEqual({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
  });

  it('counts repeated signatures once and drops identical unknown duplicates', () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${corrupt(ENOCH_SIG)}`, [peter]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified).toHaveLength(2);
  });

  it('rejects a tampered text', () => {
    const tampered = `${TEXT.replace('answer', 'Answer')}\n${PETER_SIG}`;
    expect(noteError(() => openNote(tampered, [peter])).code).toBe('invalid-signature');
  });

  it.each([
    ['text only', TEXT],
    ['text and blank line', `${TEXT}\n`],
    ['signature without final newline', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['control character', `\u0001${TEXT}\n${PETER_SIG}`],
    ['tab', `\t${TEXT}\n${PETER_SIG}`],
    ['space in key name', `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`],
    ['trailing garbage line', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['hyphen instead of em dash', `${TEXT}\n${PETER_SIG.replace('\u2014', '-')}`],
    ['lenient base64', `${TEXT}\n${PETER_SIG.replace('x08go', 'x08g*o')}`],
    ['signature shorter than a key ID', `${TEXT}\n\u2014 PeterNeumann AAAAAA==\n`],
    ['lone surrogate', `\ud800${TEXT}\n${PETER_SIG}`],
  ])('rejects a malformed note: %s', (_label, note) => {
    expect(noteError(() => openNote(note, [peter])).code).toBe('malformed');
  });

  it('rejects invalid UTF-8 bytes but accepts the same note as valid bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]);
    expect(noteError(() => openNote(bytes, [peter])).code).toBe('malformed');
    expect(openNote(Buffer.from(`${TEXT}\n${PETER_SIG}`), [peter]).text).toBe(TEXT);
  });
});
