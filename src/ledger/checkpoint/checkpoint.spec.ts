import { CheckpointFormatError, createEd25519NoteSigner, createNoteVerifier, formatCheckpoint, NoteError, openNote, parseCheckpoint, parseNote, signNote } from './index';

// The example checkpoint of c2sp.org/tlog-checkpoint.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const SPEC_NOTE = `${SPEC_BODY}\n\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n`;
const ROOT = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');

describe('checkpoint body', () => {
  it('parses the C2SP example and formats it back byte for byte', () => {
    const { text, signatures } = parseNote(SPEC_NOTE);
    expect(text).toBe(SPEC_BODY);
    expect(signatures).toHaveLength(1);
    const checkpoint = parseCheckpoint(text);
    expect(checkpoint).toEqual({ origin: 'example.com/behind-the-sofa', treeSize: 20852163, rootHash: ROOT, extensions: [] });
    expect(formatCheckpoint(checkpoint)).toBe(SPEC_BODY);
  });

  it('preserves extension lines in order', () => {
    const body = `${SPEC_BODY}ext one\next two\n`;
    const checkpoint = parseCheckpoint(body);
    expect(checkpoint.extensions).toEqual(['ext one', 'ext two']);
    expect(formatCheckpoint(checkpoint)).toBe(body);
  });

  it('formats the empty tree as size 0', () => {
    const body = formatCheckpoint({ origin: 'ccr.example.org/disclosures/2026', treeSize: 0, rootHash: Buffer.alloc(32), extensions: [] });
    expect(body).toBe('ccr.example.org/disclosures/2026\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n');
  });

  it.each([
    ['no trailing newline', SPEC_BODY.slice(0, -1)],
    ['two lines', 'example.com/log\n5\n'],
    ['empty origin', `\n5\n${ROOT.toString('base64')}\n`],
    ['leading zero in size', `example.com/log\n05\n${ROOT.toString('base64')}\n`],
    ['negative size', `example.com/log\n-5\n${ROOT.toString('base64')}\n`],
    ['size with a plus sign', `example.com/log\n+5\n${ROOT.toString('base64')}\n`],
    ['size beyond 2^53', `example.com/log\n9007199254740993\n${ROOT.toString('base64')}\n`],
    ['root of 31 bytes', `example.com/log\n5\n${ROOT.subarray(1).toString('base64')}\n`],
    ['root without padding', `example.com/log\n5\n${ROOT.toString('base64').replace('=', '')}\n`],
    ['root in hex', `example.com/log\n5\n${ROOT.toString('hex')}\n`],
    ['empty extension line', `${SPEC_BODY}\n`],
    ['carriage return', SPEC_BODY.replace('\n', '\r\n')],
  ])('rejects a malformed body: %s', (_label, body) => {
    expect(() => parseCheckpoint(body)).toThrow(CheckpointFormatError);
  });

  it('refuses to format what it could not parse', () => {
    const valid = parseCheckpoint(SPEC_BODY);
    expect(() => formatCheckpoint({ ...valid, origin: '' })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ ...valid, origin: 'a\nb' })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ ...valid, treeSize: -1 })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ ...valid, rootHash: Buffer.alloc(31) })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ ...valid, extensions: [''] })).toThrow(CheckpointFormatError);
  });
});

describe('signed checkpoint', () => {
  it('signs extension lines too: changing one breaks the log signature', async () => {
    const log = await createEd25519NoteSigner('ccr.example.org/disclosures/2026', Buffer.alloc(32, 7));
    const body = formatCheckpoint({ origin: log.name, treeSize: 3, rootHash: ROOT, extensions: ['batch 12'] });
    const note = signNote(body, [log]);
    const verifier = await createNoteVerifier(log.verifierKey);
    expect(parseCheckpoint(openNote(note, [verifier]).text).extensions).toEqual(['batch 12']);
    expect(() => openNote(note.replace('batch 12', 'batch 13'), [verifier])).toThrow(NoteError);
  });
});
