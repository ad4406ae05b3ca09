import { utf8 } from './bytes';
import { fromBase64Strict } from './base64';
import { expectedWrapLength, openRecord, sealRecord, toDeliveredRecord, verifyEnvelope } from './envelope';
import { EnvelopeError } from './errors';
import { getSodium } from './sodium';
import {
  current,
  directoryOf,
  fixtureAgencies,
  fixtureAgency,
  fixtureSeal,
  fixtureSealInput,
  identityOf,
  type FixtureAgency,
} from './testing/fixtures';
import { DEFAULT_ENVELOPE_LIMITS, type SealedRecordV1 } from './envelope-types';

const body = utf8('Safety plan: code word "blue umbrella"; call the advocate line before 9pm.');

async function expectCode(promise: Promise<unknown>, code: string): Promise<EnvelopeError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EnvelopeError);
  expect((error as EnvelopeError).code).toBe(code);
  return error as EnvelopeError;
}

describe('envelope v1 round trip', () => {
  it.each([1, 3, 10])('every one of %i recipients opens the record and reads the body', async (count) => {
    const [author, ...others] = await fixtureAgencies(count, `round-trip-${count}`);
    const everyone = [author, ...others];
    const envelope = await fixtureSeal({ author, others, body });
    expect(envelope.wraps).toHaveLength(count);
    for (const reader of everyone) {
      const opened = await openRecord(envelope, identityOf(reader), directoryOf(...everyone));
      expect(Buffer.from(opened.body).equals(Buffer.from(body))).toBe(true);
      expect(opened.metadata.authorAgencyId).toBe(author.agencyId);
      expect(opened.recipients.map((r) => r.agencyId)).toEqual(envelope.wraps.map((w) => w.agencyId));
      expect(opened.sharedBy).toBeNull();
    }
  });

  it('refuses an agency that is not a recipient', async () => {
    const [author, reader, outsider] = await fixtureAgencies(3, 'outsider');
    const envelope = await fixtureSeal({ author, others: [reader], body });
    await expectCode(openRecord(envelope, identityOf(outsider), directoryOf(author, reader, outsider)), 'not_a_recipient');
  });

  it('emits wraps in canonical order with the exact computed length', async () => {
    const [author, ...others] = await fixtureAgencies(6, 'canonical');
    const envelope = await fixtureSeal({ author, others: [...others].reverse(), body });
    const ids = envelope.wraps.map((w) => w.agencyId);
    expect(ids).toEqual([...ids].sort());
    expect(envelope.wraps).toHaveLength(6);
    for (const w of envelope.wraps) {
      const length = fromBase64Strict(w.wrap)?.length;
      expect(length).toBe(expectedWrapLength(envelope.recordId, w.agencyId, w.epoch, w.consentId));
    }
  });

  it('draws a fresh DEK and nonce for every seal of the same input', async () => {
    const [author, reader] = await fixtureAgencies(2, 'fresh');
    const input = await fixtureSealInput({ author, others: [reader], body });
    const first = await sealRecord(input);
    const second = await sealRecord(input);
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.keyCommitment).not.toBe(second.keyCommitment);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it('pads bodies to 256-byte blocks, so lengths leak only coarsely', async () => {
    const [author] = await fixtureAgencies(1, 'padding');
    const lengthFor = async (size: number) => {
      const envelope = await fixtureSeal({ author, others: [], body: new Uint8Array(size) });
      return fromBase64Strict(envelope.ciphertext)?.length;
    };
    expect(await lengthFor(0)).toBe(256 + 16);
    expect(await lengthFor(255)).toBe(256 + 16);
    expect(await lengthFor(256)).toBe(512 + 16);
  });

  it('round-trips an empty body and a supersedes link', async () => {
    const [author] = await fixtureAgencies(1, 'empty');
    const supersedes = '0c0f6a8e-8d9a-4d7e-9a55-2f7c1d3b4a51';
    const envelope = await fixtureSeal({ author, others: [], body: new Uint8Array(0), overrides: { supersedes } });
    const opened = await openRecord(envelope, identityOf(author), directoryOf(author));
    expect(opened.body).toHaveLength(0);
    expect(opened.metadata.supersedes).toBe(supersedes);
  });
});

describe('sealRecord refuses to produce an envelope a verifier would refuse', () => {
  let author: FixtureAgency;
  let other: FixtureAgency;
  beforeAll(async () => {
    [author, other] = await fixtureAgencies(2, 'seal-input');
  });

  it('requires the author among the recipients', async () => {
    const input = await fixtureSealInput({ author, others: [other], body });
    await expectCode(sealRecord({ ...input, recipients: input.recipients.slice(1) }), 'author_not_recipient');
  });

  it('refuses a duplicate recipient', async () => {
    const input = await fixtureSealInput({ author, others: [other], body });
    await expectCode(sealRecord({ ...input, recipients: [...input.recipients, input.recipients[1]] }), 'duplicate_recipient');
  });

  it('refuses a consent on the author wrap and a missing consent on another wrap', async () => {
    const input = await fixtureSealInput({ author, others: [other], body });
    const [own, theirs] = input.recipients;
    await expectCode(sealRecord({ ...input, recipients: [{ ...own, consentId: theirs.consentId }, theirs] }), 'consent_binding_invalid');
    await expectCode(sealRecord({ ...input, recipients: [own, { ...theirs, consentId: null }] }), 'consent_binding_invalid');
  });

  it('refuses a low-order recipient key instead of sealing a wrap anyone could open', async () => {
    const input = await fixtureSealInput({ author, others: [other], body });
    const recipients = input.recipients.map((r, i) => (i === 1 ? { ...r, boxPublicKey: new Uint8Array(32) } : r));
    await expectCode(sealRecord({ ...input, recipients }), 'malformed');
  });

  it('refuses malformed metadata', async () => {
    const input = await fixtureSealInput({ author, others: [], body });
    await expectCode(sealRecord({ ...input, recordId: input.recordId.toUpperCase() }), 'malformed');
    await expectCode(sealRecord({ ...input, createdAt: '2026-02-30T00:00:00.000Z' }), 'malformed');
    await expectCode(sealRecord({ ...input, category: 'Safety Plan' }), 'malformed');
    await expectCode(sealRecord({ ...input, supersedes: input.recordId }), 'malformed');
  });
});

describe('signature and key lookups', () => {
  it('refuses a record signed by another agency key', async () => {
    const [author, impostor, reader] = await fixtureAgencies(3, 'impostor');
    const input = await fixtureSealInput({ author, others: [reader], body });
    const forged = await sealRecord({ ...input, author: { epoch: 1, signSecretKey: current(impostor).sign.privateKey } });
    const directory = directoryOf(author, impostor, reader);
    await expectCode(openRecord(forged, identityOf(reader), directory), 'bad_signature');
    await expectCode(verifyEnvelope(forged, DEFAULT_ENVELOPE_LIMITS, directory), 'bad_signature');
  });

  it('refuses when the signer epoch has no registered key', async () => {
    const [author, reader] = await fixtureAgencies(2, 'unknown-epoch');
    const envelope = await fixtureSeal({ author, others: [reader], body });
    const stale: SealedRecordV1 = { ...envelope, signerEpoch: 2 };
    await expectCode(openRecord(stale, identityOf(reader), directoryOf(author, reader)), 'unknown_signing_key');
  });

  it('refuses when the reader lacks the key pair of its wrap epoch', async () => {
    const [author, reader] = await fixtureAgencies(2, 'missing-epoch');
    const envelope = await fixtureSeal({ author, others: [reader], body });
    const amnesiac = { agencyId: reader.agencyId, boxKeyPair: () => undefined };
    await expectCode(openRecord(envelope, amnesiac, directoryOf(author, reader)), 'recipient_key_unavailable');
  });

  it('opens with an older epoch key after the reader rotated', async () => {
    const author = await fixtureAgency('rotation-author');
    const reader = await fixtureAgency('rotation-reader', 2);
    const input = await fixtureSealInput({ author, others: [reader], body });
    const recipients = input.recipients.map((r) =>
      r.agencyId === reader.agencyId ? { ...r, epoch: 1, boxPublicKey: reader.epochs[0].box.publicKey } : r,
    );
    const envelope = await sealRecord({ ...input, recipients });
    const opened = await openRecord(envelope, identityOf(reader), directoryOf(author, reader));
    expect(Buffer.from(opened.body).equals(Buffer.from(body))).toBe(true);
  });
});

describe('server verification and delivery', () => {
  it('returns the decoded record with hashes the server keeps', async () => {
    const sodium = await getSodium();
    const [author, ...others] = await fixtureAgencies(3, 'verify');
    const envelope = await fixtureSeal({ author, others, body });
    const verified = await verifyEnvelope(envelope, DEFAULT_ENVELOPE_LIMITS, directoryOf(author, ...others));
    expect(verified.recordId).toBe(envelope.recordId);
    expect(verified.nonce).toHaveLength(24);
    expect(verified.signature).toHaveLength(64);
    expect(sodium.to_hex(verified.ciphertextHash)).toBe(
      sodium.to_hex(sodium.crypto_generichash(32, verified.ciphertext, null)),
    );
    expect(verified.wraps.map((w) => w.agencyId)).toEqual(envelope.wraps.map((w) => w.agencyId));
    verified.wraps.forEach((w) => expect(sodium.to_hex(w.wrapHash)).toBe(sodium.to_hex(sodium.crypto_generichash(32, w.wrap, null))));
  });

  it('enforces the size limits on ciphertext bytes and wrap count', async () => {
    const [author, ...others] = await fixtureAgencies(3, 'limits');
    const envelope = await fixtureSeal({ author, others, body: new Uint8Array(2000) });
    const directory = directoryOf(author, ...others);
    await expectCode(verifyEnvelope(envelope, { maxCiphertextBytes: 1024, maxWraps: 10 }, directory), 'too_large');
    await expectCode(verifyEnvelope(envelope, { maxCiphertextBytes: 1 << 20, maxWraps: 2 }, directory), 'too_large');
    const atTheLimits = await verifyEnvelope(envelope, { maxCiphertextBytes: 2048 + 16, maxWraps: 3 }, directory);
    expect({ recordId: atTheLimits.recordId, wraps: atTheLimits.wraps.length, ciphertext: atTheLimits.ciphertext.length }).toEqual({ recordId: envelope.recordId, wraps: 3, ciphertext: 2048 + 16 });
  });

  it('delivers others wraps as hashes; the reader still verifies and opens', async () => {
    const [author, reader, third] = await fixtureAgencies(3, 'delivery');
    const directory = directoryOf(author, reader, third);
    const envelope = await fixtureSeal({ author, others: [reader, third], body });
    const stored = await verifyEnvelope(envelope, DEFAULT_ENVELOPE_LIMITS, directory);
    const delivered = toDeliveredRecord(stored, [reader.agencyId]);
    expect(delivered.wraps.filter((w) => 'wrap' in w).map((w) => w.agencyId)).toEqual([reader.agencyId]);
    const opened = await openRecord(delivered, identityOf(reader), directory);
    expect(Buffer.from(opened.body).equals(Buffer.from(body))).toBe(true);
    await expectCode(openRecord(delivered, identityOf(third), directory), 'wrap_withheld');
  });

  it('keeps verifying after a revoked wrap is deleted and only its hash is kept', async () => {
    const [author, reader, revoked] = await fixtureAgencies(3, 'revoked');
    const directory = directoryOf(author, reader, revoked);
    const stored = await verifyEnvelope(await fixtureSeal({ author, others: [reader, revoked], body }), DEFAULT_ENVELOPE_LIMITS, directory);
    const afterRevocation = { ...stored, wraps: stored.wraps.map((w) => (w.agencyId === revoked.agencyId ? { ...w, wrap: null } : w)) };
    const everyoneElse = toDeliveredRecord(afterRevocation, [author.agencyId, reader.agencyId, revoked.agencyId]);
    const opened = await openRecord(everyoneElse, identityOf(reader), directory);
    expect(Buffer.from(opened.body).equals(Buffer.from(body))).toBe(true);
    await expectCode(openRecord(everyoneElse, identityOf(revoked), directory), 'wrap_withheld');
  });

  it('never accepts withheld wraps in an upload', async () => {
    const [author, reader] = await fixtureAgencies(2, 'upload-withheld');
    const directory = directoryOf(author, reader);
    const stored = await verifyEnvelope(await fixtureSeal({ author, others: [reader], body }), DEFAULT_ENVELOPE_LIMITS, directory);
    const delivered = toDeliveredRecord(stored, [author.agencyId]);
    await expectCode(verifyEnvelope(delivered, DEFAULT_ENVELOPE_LIMITS, directory), 'malformed');
  });
});

describe('error messages', () => {
  it('never contain the body, keys or decoded bytes', async () => {
    const sodium = await getSodium();
    const [author, reader, outsider] = await fixtureAgencies(3, 'messages');
    const envelope = await fixtureSeal({ author, others: [reader], body });
    const tampered = { ...envelope, signature: envelope.signature.replace(/^./, envelope.signature[0] === 'A' ? 'B' : 'A') };
    const errors = [
      await expectCode(openRecord(tampered, identityOf(reader), directoryOf(author, reader)), 'bad_signature'),
      await expectCode(openRecord(envelope, identityOf(outsider), directoryOf(author, reader)), 'not_a_recipient'),
    ];
    const secrets = [
      'blue umbrella',
      sodium.to_hex(current(reader).box.privateKey),
      sodium.to_base64(current(reader).box.privateKey, sodium.base64_variants.ORIGINAL),
      envelope.wraps[0].wrap.slice(0, 16),
    ];
    for (const error of errors) for (const secret of secrets) expect(error.message).not.toContain(secret);
  });
});
