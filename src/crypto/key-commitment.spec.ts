import { utf8 } from './bytes';
import { toBase64 } from './base64';
import { byAgencyId } from './envelope-checks';
import { openRecord, verifyEnvelope } from './envelope';
import { keyCommitment, recordHeader } from './envelope-pae';
import { sealWrap } from './envelope-seal';
import { DEFAULT_ENVELOPE_LIMITS, type RecordMetadata, type SealedRecordV1 } from './envelope-types';
import { EnvelopeError } from './errors';
import { getSodium, type Sodium } from './sodium';
import {
  current,
  directoryOf,
  fixtureAgencies,
  fixtureConsentId,
  fixtureUuid,
  FIXTURE_CREATED_AT,
  identityOf,
  resign,
  type FixtureAgency,
} from './testing/fixtures';
import { forgeTwoKeyCiphertext, type TwoKeyCiphertext } from './testing/poly1305-collision';

/**
 * A malicious author seals ONE ciphertext that authenticates under two DEKs, and wraps DEK1 for
 * one recipient and DEK2 for another, so they would read different plaintexts from the "same"
 * signed record (an invisible salamander). The AEAD alone accepts both; the key commitment must not.
 */
describe('key commitment against a genuine two-key ciphertext', () => {
  let sodium: Sodium;
  let author: FixtureAgency;
  let alice: FixtureAgency;
  let bob: FixtureAgency;
  let metadata: RecordMetadata;
  let header: Uint8Array;
  let dek1: Uint8Array;
  let dek2: Uint8Array;
  let forged: TwoKeyCiphertext;
  const message = utf8('Hearing moved to Thursday 10:00, courtroom 4B.');

  beforeAll(async () => {
    sodium = await getSodium();
    [author, alice, bob] = await fixtureAgencies(3, 'salamander');
    metadata = {
      recordId: fixtureUuid(sodium, 'salamander/record'),
      caseId: fixtureUuid(sodium, 'salamander/case'),
      category: 'legal',
      authorAgencyId: author.agencyId,
      createdAt: FIXTURE_CREATED_AT,
      supersedes: null,
    };
    header = recordHeader(metadata);
    dek1 = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
    dek2 = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
    // Key 1's plaintext is a correctly padded body whose first 16 bytes are the solver's free block.
    const padded = sodium.pad(new Uint8Array([...new Uint8Array(16), ...message]), 256);
    forged = forgeTwoKeyCiphertext(sodium, header, dek1, dek2, padded);
  });

  async function maliciousEnvelope(committedDek: Uint8Array): Promise<SealedRecordV1> {
    const entry = async (agency: FixtureAgency, dek: Uint8Array) => {
      const consentId = agency === author ? null : await fixtureConsentId(agency);
      const recipient = { agencyId: agency.agencyId, epoch: 1, consentId, boxPublicKey: current(agency).box.publicKey };
      const { bytes } = sealWrap(sodium, metadata.recordId, recipient, dek);
      return { agencyId: agency.agencyId, epoch: 1, consentId, wrap: toBase64(bytes) };
    };
    const wraps = await Promise.all([entry(author, dek1), entry(alice, dek1), entry(bob, dek2)]);
    const unsigned: SealedRecordV1 = {
      v: 1,
      suite: 'ccr1',
      ...metadata,
      signerEpoch: 1,
      nonce: toBase64(forged.nonce),
      ciphertext: toBase64(forged.ciphertext),
      keyCommitment: toBase64(keyCommitment(sodium, metadata.recordId, forged.nonce, committedDek)),
      wraps: wraps.sort(byAgencyId),
      signature: '',
    };
    return resign(unsigned, current(author).sign.privateKey);
  }

  it('the raw AEAD accepts the ciphertext under both DEKs, with different plaintexts', () => {
    const decrypt = (dek: Uint8Array) => sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, forged.ciphertext, header, forged.nonce, dek);
    const plaintext1 = decrypt(dek1);
    const plaintext2 = decrypt(dek2);
    expect(sodium.memcmp(dek1, dek2)).toBe(false);
    expect(sodium.to_hex(plaintext1)).not.toBe(sodium.to_hex(plaintext2));
    expect(Buffer.from(sodium.unpad(plaintext1, 256).subarray(16)).equals(Buffer.from(message))).toBe(true);
  });

  it('the server cannot tell: the envelope is well formed and correctly signed', async () => {
    const envelope = await maliciousEnvelope(dek1);
    const verified = await verifyEnvelope(envelope, DEFAULT_ENVELOPE_LIMITS, directoryOf(author, alice, bob));
    expect(verified.recordId).toBe((envelope as { recordId: string }).recordId);
    expect(verified.wraps.map((wrap) => wrap.agencyId).sort()).toEqual([author, alice, bob].map((agency) => agency.agencyId).sort());
  });

  it('the recipient given the committed DEK reads the record; the one given the other DEK is refused', async () => {
    const envelope = await maliciousEnvelope(dek1);
    const directory = directoryOf(author, alice, bob);
    const opened = await openRecord(envelope, identityOf(alice), directory);
    expect(Buffer.from(opened.body.subarray(16)).equals(Buffer.from(message))).toBe(true);
    const refusal = await openRecord(envelope, identityOf(bob), directory).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(EnvelopeError);
    expect((refusal as EnvelopeError).code).toBe('key_commitment_mismatch');
  });

  it('committing to the second DEK instead just moves the refusal to the other recipient', async () => {
    const envelope = await maliciousEnvelope(dek2);
    const refusal = await openRecord(envelope, identityOf(alice), directoryOf(author, alice, bob)).catch((e: unknown) => e);
    expect((refusal as EnvelopeError).code).toBe('key_commitment_mismatch');
  });
});
