import type { KeyRegistrationV1 } from '../agency-keys';
import type { DeliveredRecordV1, EnvelopeLimits, SealedRecordV1, SharedWrapV1 } from '../envelope-types';

/** Layout of test/vectors/envelope-v1.json. Intermediate byte strings are lowercase hex. */

export interface VectorAgency {
  label: string;
  agencyId: string;
  epoch: number;
  /** crypto_sign_seed_keypair(signSeed) and crypto_box_seed_keypair(boxSeed). */
  signSeed: string;
  boxSeed: string;
  signPublicKey: string;
  boxPublicKey: string;
}

export interface ValidEnvelopeVector {
  name: string;
  input: {
    recordId: string;
    caseId: string;
    category: string;
    authorAgencyId: string;
    createdAt: string;
    supersedes: string | null;
    signerEpoch: number;
    recipients: { agencyId: string; epoch: number; consentId: string | null }[];
    body: string;
    dek: string;
    nonce: string;
  };
  expected: {
    header: string;
    paddedBody: string;
    ciphertext: string;
    ciphertextHash: string;
    keyCommitment: string;
    /** Sealed boxes are randomized: the recorded wraps open to these exact plaintexts. */
    wrapPlaintexts: { agencyId: string; plaintext: string; wrapHash: string }[];
    manifest: string;
    signature: string;
  };
  envelope: SealedRecordV1;
}

export interface ShareVector {
  name: string;
  record: string;
  share: SharedWrapV1;
  expected: { wrapPlaintext: string; statement: string };
}

export interface KeyRegistrationVector {
  name: string;
  agency: string;
  epoch: number;
  previousEpochOf: string | null;
  expected: { statement: string; registration: KeyRegistrationV1 };
}

export interface InvalidEnvelopeVector {
  name: string;
  /** verify: server-side verifyEnvelope; open: openRecord as agency `as` (a label). */
  check: 'verify' | 'open';
  as?: string;
  limits?: EnvelopeLimits;
  envelope: SealedRecordV1 | DeliveredRecordV1 | Record<string, unknown>;
  expectedError: string;
}

export interface EnvelopeVectorFile {
  description: string;
  suite: 'ccr1';
  padBlockBytes: number;
  limits: EnvelopeLimits;
  agencies: VectorAgency[];
  valid: ValidEnvelopeVector[];
  shares: ShareVector[];
  keyRegistrations: KeyRegistrationVector[];
  invalid: InvalidEnvelopeVector[];
}
