import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyRegistrationStatement, signKeyRegistration, verifyKeyRegistration } from './agency-keys';
import { openRecord, sealRecord, verifyEnvelope, verifyShare } from './envelope';
import { PAD_BLOCK_BYTES } from './envelope-format';
import { keyCommitment, recordHeader, recordManifest, shareStatement, wrapPlaintext } from './envelope-pae';
import { parseRecord } from './envelope-parse';
import { DEFAULT_ENVELOPE_LIMITS } from './envelope-types';
import { EnvelopeError } from './errors';
import { getSodium, type Sodium } from './sodium';
import { generateEnvelopeVectors, writeEnvelopeVectors } from './vectors/generate';
import { byLabel, keysOf, vectorDirectory, vectorIdentity } from './vectors/vector-agencies';
import type { EnvelopeVectorFile, ValidEnvelopeVector } from './vectors/vector-types';

/**
 * Replays the committed vectors. They are the reference: if the implementation would produce
 * different bytes, this fails. To regenerate deliberately: CCR_WRITE_VECTORS=1 npx jest ... vectors.
 */
const VECTOR_PATH = join(__dirname, '..', '..', 'test', 'vectors', 'envelope-v1.json');

describe('envelope v1 test vectors', () => {
  let sodium: Sodium;
  let file: EnvelopeVectorFile;

  beforeAll(async () => {
    sodium = await getSodium();
    if (process.env.CCR_WRITE_VECTORS === '1') await writeEnvelopeVectors(VECTOR_PATH);
    file = JSON.parse(readFileSync(VECTOR_PATH, 'utf8')) as EnvelopeVectorFile;
  });

  const hex = (bytes: Uint8Array) => sodium.to_hex(bytes);

  it('declares the suite, padding and keys derived from the recorded seeds', () => {
    expect(file.suite).toBe('ccr1');
    expect(file.padBlockBytes).toBe(PAD_BLOCK_BYTES);
    expect(file.agencies).toHaveLength(6);
    for (const agency of file.agencies) {
      expect(hex(sodium.crypto_sign_seed_keypair(sodium.from_hex(agency.signSeed)).publicKey)).toBe(agency.signPublicKey);
      expect(hex(sodium.crypto_box_seed_keypair(sodium.from_hex(agency.boxSeed)).publicKey)).toBe(agency.boxPublicKey);
    }
  });

  describe('valid envelopes', () => {
    it('deterministic bytes are reproduced exactly', async () => {
      expect(file.valid.length).toBeGreaterThanOrEqual(2);
      for (const vector of file.valid) await replayDeterministic(vector);
    });

    async function replayDeterministic(vector: ValidEnvelopeVector): Promise<void> {
      const { input, expected } = vector;
      const author = byLabel(file.agencies, labelOf(file, input.authorAgencyId));
      const authorKeys = await keysOf(author);
      const body = sodium.from_hex(input.body);
      const dek = sodium.from_hex(input.dek);
      const nonce = sodium.from_hex(input.nonce);
      expect(hex(recordHeader(input))).toBe(expected.header);
      expect(hex(sodium.pad(body, PAD_BLOCK_BYTES))).toBe(expected.paddedBody);
      expect(hex(keyCommitment(sodium, input.recordId, nonce, dek))).toBe(expected.keyCommitment);
      const resealed = await sealRecord(
        { ...input, body, author: { epoch: input.signerEpoch, signSecretKey: authorKeys.sign.privateKey }, recipients: await recipientsOf(file, vector) },
        { dek, nonce },
      );
      const reparsed = parseRecord(sodium, resealed, DEFAULT_ENVELOPE_LIMITS, 'upload');
      expect(hex(reparsed.ciphertext)).toBe(expected.ciphertext);
      expect(hex(reparsed.ciphertextHash)).toBe(expected.ciphertextHash);
      expect(hex(reparsed.keyCommitment)).toBe(expected.keyCommitment);
      expect({ ...resealed, wraps: [], signature: '' }).toEqual({ ...vector.envelope, wraps: [], signature: '' });
    }

    it('recorded wraps, manifest and signature replay', async () => {
      expect(file.valid.length).toBeGreaterThanOrEqual(2);
      for (const vector of file.valid) await replayRecorded(vector);
    });

    async function replayRecorded(vector: ValidEnvelopeVector): Promise<void> {
      const recorded = parseRecord(sodium, vector.envelope, DEFAULT_ENVELOPE_LIMITS, 'upload');
      const manifest = recordManifest(recorded);
      expect(hex(manifest)).toBe(vector.expected.manifest);
      const authorKeys = await keysOf(byLabel(file.agencies, labelOf(file, vector.input.authorAgencyId)));
      expect(hex(sodium.crypto_sign_detached(manifest, authorKeys.sign.privateKey))).toBe(vector.expected.signature);
      const dek = sodium.from_hex(vector.input.dek);
      expect(recorded.wraps.map((w) => w.agencyId)).toEqual(vector.expected.wrapPlaintexts.map((w) => w.agencyId));
      expect(recorded.wraps.length).toBeGreaterThan(0);
      for (const [i, w] of recorded.wraps.entries()) {
        const expectedWrap = vector.expected.wrapPlaintexts[i];
        expect(w.agencyId).toBe(expectedWrap.agencyId);
        expect(hex(w.wrapHash)).toBe(expectedWrap.wrapHash);
        expect(hex(wrapPlaintext(vector.input.recordId, w, dek))).toBe(expectedWrap.plaintext);
        const keys = await keysOf(byLabel(file.agencies, labelOf(file, w.agencyId)));
        expect(hex(sodium.crypto_box_seal_open(w.wrap as Uint8Array, keys.box.publicKey, keys.box.privateKey))).toBe(expectedWrap.plaintext);
      }
    }

    it('the server accepts each and every recipient reads the body', async () => {
      const directory = vectorDirectory(file.agencies);
      expect(file.valid.length).toBeGreaterThanOrEqual(2);
      for (const vector of file.valid) {
        const verified = await verifyEnvelope(vector.envelope, file.limits, directory);
        expect(verified.wraps.map((w) => w.agencyId)).toEqual(vector.envelope.wraps.map((w) => w.agencyId));
        expect(vector.envelope.wraps.length).toBeGreaterThan(0);
        for (const w of vector.envelope.wraps) {
          const reader = byLabel(file.agencies, labelOf(file, w.agencyId));
          const opened = await openRecord(vector.envelope, await vectorIdentity(reader), directory);
          expect(hex(opened.body)).toBe(vector.input.body);
        }
      }
    });
  });

  it('share: the statement, the wrap and the signature replay', async () => {
    const [vector] = file.shares;
    const record = file.valid.find((v) => v.name === vector.record) as ValidEnvelopeVector;
    const directory = vectorDirectory(file.agencies);
    const stored = await verifyEnvelope(record.envelope, file.limits, directory);
    const verified = await verifyShare(vector.share, stored, directory);
    const statement = shareStatement({ ...verified, keyCommitment: stored.keyCommitment });
    expect(hex(statement)).toBe(vector.expected.statement);
    const custodian = await keysOf(byLabel(file.agencies, labelOf(file, vector.share.sharerAgencyId)));
    expect(sodium.to_base64(sodium.crypto_sign_detached(statement, custodian.sign.privateKey), sodium.base64_variants.ORIGINAL)).toBe(vector.share.signature);
    expect(hex(wrapPlaintext(verified.recordId, verified, sodium.from_hex(record.input.dek)))).toBe(vector.expected.wrapPlaintext);
    const newcomer = byLabel(file.agencies, labelOf(file, vector.share.agencyId));
    const opened = await openRecord(record.envelope, await vectorIdentity(newcomer), directory, { share: vector.share });
    expect(hex(opened.body)).toBe(record.input.body);
  });

  it('key registrations: statements and (deterministic) signatures replay byte for byte', async () => {
    expect(file.keyRegistrations).toHaveLength(2);
    for (const vector of file.keyRegistrations) {
      const keys = await keysOf(byLabel(file.agencies, vector.agency));
      const previous = vector.previousEpochOf ? await keysOf(byLabel(file.agencies, vector.previousEpochOf)) : undefined;
      const registration = await signKeyRegistration(keys, previous?.sign.privateKey);
      expect(registration).toEqual(vector.expected.registration);
      const verified = await verifyKeyRegistration(vector.expected.registration, previous?.sign.publicKey);
      expect(hex(keyRegistrationStatement(verified))).toBe(vector.expected.statement);
    }
  });

  it('every invalid vector is refused with its expected code', async () => {
    const directory = vectorDirectory(file.agencies);
    const outcomes: [string, string][] = [];
    for (const vector of file.invalid) {
      const attempt =
        vector.check === 'verify'
          ? verifyEnvelope(vector.envelope, vector.limits ?? file.limits, directory)
          : openRecord(vector.envelope, await vectorIdentity(byLabel(file.agencies, vector.as as string)), directory);
      const error: unknown = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      outcomes.push([vector.name, error instanceof EnvelopeError ? error.code : `not refused: ${String(error)}`]);
    }
    expect(outcomes).toEqual(file.invalid.map((v) => [v.name, v.expectedError]));
    expect(new Set(outcomes.map(([, code]) => code)).size).toBeGreaterThanOrEqual(15);
  });

  it('the generator reproduces every deterministic part of the committed file', async () => {
    const fresh = await generateEnvelopeVectors();
    expect(fresh.agencies).toEqual(file.agencies);
    expect(fresh.keyRegistrations).toEqual(file.keyRegistrations);
    expect(fresh.valid.map(deterministicPart)).toEqual(file.valid.map(deterministicPart));
    expect(fresh.invalid.map((v) => [v.name, v.check, v.expectedError])).toEqual(file.invalid.map((v) => [v.name, v.check, v.expectedError]));
  });
});

function labelOf(file: EnvelopeVectorFile, agencyId: string): string {
  const agency = file.agencies.find((a) => a.agencyId === agencyId && a.epoch === 1);
  if (!agency) throw new Error('vector names an unknown agency');
  return agency.label;
}

async function recipientsOf(file: EnvelopeVectorFile, vector: ValidEnvelopeVector) {
  return Promise.all(
    vector.input.recipients.map(async (r) => ({
      ...r,
      boxPublicKey: (await keysOf(byLabel(file.agencies, labelOf(file, r.agencyId)))).box.publicKey,
    })),
  );
}

/** Everything but the randomized sealed boxes and what covers them (wrap hashes, manifest, signature). */
function deterministicPart(vector: ValidEnvelopeVector) {
  const { manifest: _m, signature: _s, wrapPlaintexts, ...expected } = vector.expected;
  const { wraps: _w, signature: _sig, ...envelope } = vector.envelope;
  return { input: vector.input, expected, wrapPlaintexts: wrapPlaintexts.map((w) => [w.agencyId, w.plaintext]), envelope };
}
