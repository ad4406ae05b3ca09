/**
 * cosignature/v1 vectors:
 * - c2sp.org/tlog-cosignature: the example signed message and the example cosignature
 *   line (its timestamp is the one in the example message, 1679315147).
 * - transparency-dev/formats note/note_cosigv1_test.go: a real witness vkey of type 0x04
 *   ("remora.n621.de+da77ade7+...") and a cosignature whose timestamp is 1727964367.
 */
import {
  cosignatureMessage,
  cosignatureTimestamp,
  createCosigner,
  createEd25519NoteSigner,
  createNoteVerifier,
  formatCheckpoint,
  openNote,
  parseNote,
  parseVerifierKey,
  signNote,
  verifyCosignature,
} from './index';

const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const SPEC_COSIGNED = `${SPEC_BODY}
\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==
`;

describe('published cosignature vectors', () => {
  it('builds the example signed message of the spec exactly', () => {
    expect(cosignatureMessage(SPEC_BODY, 1679315147).toString('utf8')).toBe(
      'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
  });

  it('reads key ID and timestamp from the spec example cosignature', () => {
    const witness = parseNote(SPEC_COSIGNED).signatures[1];
    expect(witness.name).toBe('witness.example.com/w1');
    expect(witness.keyId).toBe(0x8d66cf3f);
    expect(witness.signature).toHaveLength(72);
    expect(cosignatureTimestamp(witness.signature)).toBe(1679315147);
  });

  it('reads the timestamp of the transparency-dev/formats vector and rejects a plain signature', () => {
    const cosig = Buffer.from('ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==', 'base64');
    expect(cosignatureTimestamp(cosig.subarray(4))).toBe(1727964367);
    const plain = Buffer.from('eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=', 'base64');
    expect(cosignatureTimestamp(plain.subarray(4))).toBeNull();
  });

  it('computes type-0x04 key IDs like a deployed witness', () => {
    expect(parseVerifierKey('remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2')).toMatchObject({
      name: 'remora.n621.de',
      keyId: 0xda77ade7,
      type: 0x04,
    });
  });
});

describe('cosign and verify', () => {
  const body = formatCheckpoint({ origin: 'ccr.example.org/disclosures/2026', treeSize: 20003, rootHash: Buffer.alloc(32, 9), extensions: [] });

  it('round-trips through a signed note and returns the timestamp', async () => {
    const witness = await createCosigner('witness.dv-coalition.example/w1', Buffer.alloc(32, 1));
    const verifier = await createNoteVerifier(witness.verifierKey);
    expect(witness.verifierKey.startsWith('witness.dv-coalition.example/w1+')).toBe(true);
    expect(verifier.type).toBe(0x04);
    const note = signNote(body, [witness.at(1767225600)]);
    const opened = openNote(note, [verifier]);
    expect(verifyCosignature(verifier, opened.text, opened.verified[0])).toBe(1767225600);
    const direct = witness.cosign(body, 1767225600);
    expect(direct.signature.subarray(0, 8)).toEqual(Buffer.from('000000006955b900', 'hex'));
    expect(verifyCosignature(verifier, body, direct)).toBe(1767225600);
  });

  it('rejects a tampered body, a changed timestamp, the wrong key and a bad key ID', async () => {
    const witness = await createCosigner('witness.example/w1', Buffer.alloc(32, 1));
    const other = await createCosigner('witness.example/w1', Buffer.alloc(32, 2));
    const verifier = await createNoteVerifier(witness.verifierKey);
    const cosignature = witness.cosign(body, 1767225600);
    expect(verifyCosignature(verifier, body.replace('20003', '20004'), cosignature)).toBeNull();
    const retimed = Buffer.from(cosignature.signature);
    retimed[7] ^= 1;
    expect(verifyCosignature(verifier, body, { ...cosignature, signature: retimed })).toBeNull();
    // Same name, different key: the key IDs differ, and even under its own key ID the signature fails.
    const otherVerifier = await createNoteVerifier(other.verifierKey);
    expect(verifyCosignature(otherVerifier, body, cosignature)).toBeNull();
    expect(verifyCosignature(otherVerifier, body, { ...cosignature, keyId: other.keyId })).toBeNull();
    expect(verifyCosignature(otherVerifier, body, other.cosign(body, 1767225600))).toBe(1767225600);
    expect(verifyCosignature(verifier, body, { ...cosignature, keyId: cosignature.keyId ^ 1 })).toBeNull();
  });

  it('keeps plain Ed25519 and cosignature/v1 signatures of the same key apart (domain separation)', async () => {
    const seed = Buffer.alloc(32, 3);
    const witness = await createCosigner('witness.example/w3', seed);
    const plain = await createEd25519NoteSigner('witness.example/w3', seed);
    expect(plain.keyId).not.toBe(witness.keyId);
    const verifier = await createNoteVerifier(witness.verifierKey);
    // A plain signature carries the 0x01 key ID, so the cosignature verifier does not even look at it.
    expect(() => openNote(signNote(body, [plain]), [verifier])).toThrow('no signature from a known key');
    // Forced under the cosigner's key ID, it still fails: it is 64 bytes, not timestamp + signature.
    expect(verifyCosignature(verifier, body, { name: witness.name, keyId: witness.keyId, signature: Buffer.from(plain.sign(Buffer.from(body))) })).toBeNull();
  });

  it('refuses timestamps that are not whole non-negative seconds', async () => {
    const witness = await createCosigner('witness.example/w1', Buffer.alloc(32, 1));
    expect(() => witness.at(-1)).toThrow(RangeError);
    expect(() => witness.cosign(body, 1.5)).toThrow(RangeError);
    expect(cosignatureTimestamp(Buffer.concat([Buffer.from('8000000000000000', 'hex'), Buffer.alloc(64)]))).toBeNull();
  });
});
