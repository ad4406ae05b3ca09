import { utf8 } from './bytes';
import { toBase64 } from './base64';
import { openRecord, sealRecord, verifyEnvelope } from './envelope';
import { wrapPlaintext } from './envelope-pae';
import { DEFAULT_ENVELOPE_LIMITS, type RecipientEntry, type SealedRecordV1 } from './envelope-types';
import { getSodium, type Sodium } from './sodium';
import {
  current,
  directoryOf,
  fixtureAgency,
  fixtureSeal,
  fixtureSealInput,
  fixtureUuid,
  identityOf,
  resign,
  type FixtureAgency,
} from './testing/fixtures';
import { refusalCode } from './testing/refusal';

/**
 * Wraps carry their own binding (record, agency, epoch, consent). The server can move wraps and
 * rewrite entries; the signature catches that. A malicious or buggy author can sign whatever it
 * likes; the binding inside the wrap still stops a wrap being used outside its entry.
 */


describe('wrap binding', () => {
  let sodium: Sodium;
  let author: FixtureAgency;
  let reader: FixtureAgency;
  let third: FixtureAgency;
  let recordA: SealedRecordV1;
  let recordB: SealedRecordV1;
  let signSecretKey: Uint8Array;

  beforeAll(async () => {
    sodium = await getSodium();
    author = await fixtureAgency('binding-author');
    reader = await fixtureAgency('binding-reader', 2);
    third = await fixtureAgency('binding-third');
    recordA = await fixtureSeal({ author, others: [reader, third], body: utf8('record A'), label: 'binding-a' });
    recordB = await fixtureSeal({ author, others: [reader, third], body: utf8('record B'), label: 'binding-b' });
    signSecretKey = current(author).sign.privateKey;
  });

  const directory = () => directoryOf(author, reader, third);
  const openAsReader = (envelope: SealedRecordV1) => refusalCode(openRecord(envelope, identityOf(reader), directory()));
  const readerIndex = (envelope: SealedRecordV1) => envelope.wraps.findIndex((w) => w.agencyId === reader.agencyId);

  function withWrap(envelope: SealedRecordV1, index: number, change: Partial<SealedRecordV1['wraps'][number]>): SealedRecordV1 {
    return { ...envelope, wraps: envelope.wraps.map((w, i) => (i === index ? { ...w, ...change } : w)) };
  }

  /** A wrap a malicious author seals to `sealTo` while claiming the binding `claimed`. */
  function craftedWrap(recordId: string, claimed: RecipientEntry, sealTo: Uint8Array, dek = new Uint8Array(32)): string {
    return toBase64(sodium.crypto_box_seal(wrapPlaintext(recordId, claimed, dek), sealTo));
  }

  it('a wrap moved from another record is refused (signature, then binding)', async () => {
    const moved = withWrap(recordA, readerIndex(recordA), { wrap: recordB.wraps[readerIndex(recordB)].wrap });
    expect(await openAsReader(moved)).toBe('bad_signature');
    expect(await refusalCode(verifyEnvelope(moved, DEFAULT_ENVELOPE_LIMITS, directory()))).toBe('bad_signature');
    expect(await openAsReader(await resign(moved, signSecretKey))).toBe('wrap_binding_mismatch');
  });

  it("a wrap moved to another agency's entry is refused", async () => {
    const i = readerIndex(recordA);
    const j = recordA.wraps.findIndex((w) => w.agencyId === third.agencyId);
    const swapped = withWrap(withWrap(recordA, i, { wrap: recordA.wraps[j].wrap }), j, { wrap: recordA.wraps[i].wrap });
    expect(await openAsReader(swapped)).toBe('bad_signature');
    // Re-signed, the reader now holds a wrap sealed to someone else's key.
    expect(await openAsReader(await resign(swapped, signSecretKey))).toBe('wrap_open_failed');
    // Sealed to the reader but naming the other agency: opens, and the binding refuses it.
    const misbound = craftedWrap(recordA.recordId, { ...recordA.wraps[i], agencyId: third.agencyId }, current(reader).box.publicKey);
    expect(await openAsReader(await resign(withWrap(recordA, i, { wrap: misbound }), signSecretKey))).toBe('wrap_binding_mismatch');
  });

  it('a wrap presented under another epoch is refused', async () => {
    const i = readerIndex(recordA);
    const entry = recordA.wraps[i];
    expect(entry.epoch).toBe(2);
    expect(await openAsReader(withWrap(recordA, i, { epoch: 1 }))).toBe('bad_signature');
    // Sealed to epoch 1's key but bound to epoch 2, while the entry says 1.
    const misbound = craftedWrap(recordA.recordId, entry, reader.epochs[0].box.publicKey);
    const forged = await resign(withWrap(recordA, i, { epoch: 1, wrap: misbound }), signSecretKey);
    expect(await openAsReader(forged)).toBe('wrap_binding_mismatch');
  });

  it('a wrap presented under another consent id is refused', async () => {
    const i = readerIndex(recordA);
    const otherConsent = fixtureUuid(sodium, 'binding/other-consent');
    expect(await openAsReader(withWrap(recordA, i, { consentId: otherConsent }))).toBe('bad_signature');
    const misbound = craftedWrap(recordA.recordId, recordA.wraps[i], current(reader).box.publicKey);
    const forged = await resign(withWrap(recordA, i, { consentId: otherConsent, wrap: misbound }), signSecretKey);
    expect(await openAsReader(forged)).toBe('wrap_binding_mismatch');
  });

  it('the server cannot reorder, duplicate or drop entries', async () => {
    const reversed = { ...recordA, wraps: [...recordA.wraps].reverse() };
    expect(await openAsReader(reversed)).toBe('wraps_not_canonical');
    const duplicated = { ...recordA, wraps: [...recordA.wraps, recordA.wraps[recordA.wraps.length - 1]] };
    expect(await openAsReader(duplicated)).toBe('duplicate_recipient');
    const dropped = { ...recordA, wraps: recordA.wraps.filter((w) => w.agencyId !== third.agencyId) };
    expect(await openAsReader(dropped)).toBe('bad_signature');
    const authorless = { ...recordA, wraps: recordA.wraps.filter((w) => w.agencyId !== author.agencyId) };
    expect(await openAsReader(authorless)).toBe('author_not_recipient');
  });

  it('a valid wrap for the same agency from a record sealed with a different recipient list is refused', async () => {
    const input = await fixtureSealInput({ author, others: [reader], body: utf8('other list'), label: 'binding-a' });
    const sameIdOtherList = await sealRecord(input);
    const i = readerIndex(recordA);
    const moved = withWrap(recordA, i, { wrap: sameIdOtherList.wraps[readerIndex(sameIdOtherList)].wrap });
    // Same record id, agency, epoch and consent: only the key commitment tells the DEKs apart.
    expect(await openAsReader(await resign(moved, signSecretKey))).toBe('key_commitment_mismatch');
  });
});
