import fc from 'fast-check';
import { utf8 } from './bytes';
import { fromBase64Strict, toBase64 } from './base64';
import { openRecord, verifyEnvelope } from './envelope';
import { DEFAULT_ENVELOPE_LIMITS, type SealedRecordV1 } from './envelope-types';
import { getSodium, type Sodium } from './sodium';
import { current, directoryOf, fixtureAgencies, fixtureSeal, identityOf, resign, type FixtureAgency } from './testing/fixtures';
import { refusalCode } from './testing/refusal';

/**
 * Single-byte tampering anywhere in an envelope: what the server (or anyone between author and
 * reader) can do without the author's key. Then the same with the author re-signing, which the
 * signature cannot catch, to show the deeper checks (binding, key commitment, AEAD) still do.
 */

type Field =
  | { kind: 'text'; name: 'recordId' | 'caseId' | 'category' | 'authorAgencyId' | 'createdAt' | 'supersedes' }
  | { kind: 'bytes'; name: 'nonce' | 'ciphertext' | 'keyCommitment' | 'signature' }
  | { kind: 'number'; name: 'signerEpoch' }
  | { kind: 'wrap'; index: number; part: 'wrap' | 'agencyId' | 'consentId' | 'epoch' };

// Hundreds of seal/open runs: generous, because CI machines are shared and slow.
const PROPERTY_TIMEOUT_MS = 60_000;

const lenientDecoder = new TextDecoder();

function flipText(text: string, position: number, mask: number): string {
  const bytes = utf8(text);
  bytes[position % bytes.length] ^= mask;
  return lenientDecoder.decode(bytes);
}

function flipBase64(sodium: Sodium, text: string, position: number, mask: number): string {
  const bytes = fromBase64Strict(text) as Uint8Array;
  bytes[position % bytes.length] ^= mask;
  return toBase64(bytes);
}

function tamper(sodium: Sodium, envelope: SealedRecordV1, field: Field, position: number, mask: number): SealedRecordV1 {
  const copy: SealedRecordV1 = structuredClone(envelope);
  switch (field.kind) {
    case 'text':
      copy[field.name] = flipText(copy[field.name] as string, position, mask);
      break;
    case 'bytes':
      copy[field.name] = flipBase64(sodium, copy[field.name], position, mask);
      break;
    case 'number':
      copy.signerEpoch ^= mask;
      break;
    case 'wrap': {
      const entry = copy.wraps[field.index];
      if (field.part === 'wrap') entry.wrap = flipBase64(sodium, entry.wrap, position, mask);
      else if (field.part === 'epoch') entry.epoch ^= mask;
      else entry[field.part] = flipText(entry[field.part] ?? '', position, mask);
    }
  }
  return copy;
}

function fieldArbitrary(wrapCount: number): fc.Arbitrary<Field> {
  return fc.oneof(
    fc.constantFrom('recordId', 'caseId', 'category', 'authorAgencyId', 'createdAt', 'supersedes').map((name): Field => ({ kind: 'text', name })),
    fc.constantFrom('nonce', 'ciphertext', 'keyCommitment', 'signature').map((name): Field => ({ kind: 'bytes', name })),
    fc.constant<Field>({ kind: 'number', name: 'signerEpoch' }),
    fc
      .record({ index: fc.integer({ min: 0, max: wrapCount - 1 }), part: fc.constantFrom('wrap', 'agencyId', 'consentId', 'epoch') })
      .map((w): Field => ({ kind: 'wrap', ...w })),
  );
}

const mutation = (wrapCount: number) =>
  fc.record({ field: fieldArbitrary(wrapCount), position: fc.nat({ max: 4096 }), mask: fc.integer({ min: 1, max: 255 }) });


// Without the author's key, every byte change either breaks the format or the signature.
const UNSIGNED_TAMPER_CODES = new Set([
  'malformed',
  'bad_signature',
  'unknown_signing_key',
  'wraps_not_canonical',
  'duplicate_recipient',
  'author_not_recipient',
  'consent_binding_invalid',
  'not_a_recipient',
]);

describe('single-byte tampering', () => {
  let sodium: Sodium;
  let author: FixtureAgency;
  let reader: FixtureAgency;
  let third: FixtureAgency;
  let envelope: SealedRecordV1;

  beforeAll(async () => {
    sodium = await getSodium();
    [author, reader, third] = await fixtureAgencies(3, 'tamper');
    const supersedes = '7d1f4c2a-0b9e-4f3a-8c6d-5e2b1a0f9c8d';
    envelope = await fixtureSeal({ author, others: [reader, third], body: utf8('risk summary'), overrides: { supersedes } });
  });

  const directory = () => directoryOf(author, reader, third);

  it('the untouched envelope verifies and opens (the baseline the property depends on)', async () => {
    await expect(verifyEnvelope(envelope, DEFAULT_ENVELOPE_LIMITS, directory())).resolves.toMatchObject({ recordId: envelope.recordId, wraps: expect.any(Array) });
    const opened = await openRecord(envelope, identityOf(reader), directory());
    expect(Buffer.from(opened.body).toString()).toBe('risk summary');
  });

  it('openRecord and verifyEnvelope refuse every single-byte change, with a clear code', async () => {
    await fc.assert(
      fc.asyncProperty(mutation(envelope.wraps.length), async ({ field, position, mask }) => {
        const tampered = tamper(sodium, envelope, field, position, mask);
        const opened = await refusalCode(openRecord(tampered, identityOf(reader), directory()));
        const verified = await refusalCode(verifyEnvelope(tampered, DEFAULT_ENVELOPE_LIMITS, directory()));
        // Byte fields always stay decodable, so only the signature can (and must) catch them.
        const signatureOnly = field.kind === 'bytes' || (field.kind === 'wrap' && field.part === 'wrap');
        const expected = signatureOnly ? new Set(['bad_signature']) : UNSIGNED_TAMPER_CODES;
        expect([opened, verified].filter((code) => !UNSIGNED_TAMPER_CODES.has(code) || !expected.has(code))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('a malicious author who re-signs the tampered envelope is still refused by the reader', async () => {
    const signSecretKey = current(author).sign.privateKey;
    const readerIndex = envelope.wraps.findIndex((w) => w.agencyId === reader.agencyId);
    const expectations: Record<string, string> = {
      nonce: 'key_commitment_mismatch',
      keyCommitment: 'key_commitment_mismatch',
      ciphertext: 'decrypt_failed',
      readerWrap: 'wrap_open_failed',
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('nonce', 'keyCommitment', 'ciphertext', 'readerWrap'),
        fc.nat({ max: 4096 }),
        fc.integer({ min: 1, max: 255 }),
        async (target, position, mask) => {
          const field: Field =
            target === 'readerWrap' ? { kind: 'wrap', index: readerIndex, part: 'wrap' } : { kind: 'bytes', name: target as 'nonce' };
          const forged = await resign(tamper(sodium, envelope, field, position, mask), signSecretKey);
          expect(await refusalCode(verifyEnvelope(forged, DEFAULT_ENVELOPE_LIMITS, directory()))).toBe('accepted');
          expect(await refusalCode(openRecord(forged, identityOf(reader), directory()))).toBe(expectations[target]);
        },
      ),
      { numRuns: 120 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('a re-signed change to any authenticated header field is refused at the wrap or the AEAD', async () => {
    const signSecretKey = current(author).sign.privateKey;
    const replacements: [keyof SealedRecordV1, string, string][] = [
      ['recordId', '0f0e0d0c-0b0a-4908-8706-050403020100', 'wrap_binding_mismatch'],
      ['caseId', '0f0e0d0c-0b0a-4908-8706-050403020100', 'decrypt_failed'],
      ['category', 'legal', 'decrypt_failed'],
      ['createdAt', '2026-11-21T05:37:23.124Z', 'decrypt_failed'],
      ['supersedes', '0f0e0d0c-0b0a-4908-8706-050403020100', 'decrypt_failed'],
    ];
    for (const [name, value, code] of replacements) {
      const forged = await resign({ ...envelope, [name]: value }, signSecretKey);
      expect([name, await refusalCode(openRecord(forged, identityOf(reader), directory()))]).toEqual([name, code]);
    }
  });
});
