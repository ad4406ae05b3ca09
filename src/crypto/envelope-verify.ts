import { parseRecord } from './envelope-parse';
import { verifyAuthorSignature } from './envelope-signature';
import type { EnvelopeLimits, SigningKeyLookup, VerifiedRecordV1, VerifiedWrapV1 } from './envelope-types';
import { ENVELOPE_VERSION, SUITE_CCR1 } from './envelope-format';
import { getSodium } from './sodium';

/**
 * Server side, with public keys only: the upload is well formed and within limits, its wraps are
 * canonical, unique and exactly sized, the author is a recipient without consent and every other
 * recipient names one, and the author's signature is valid. Whether the signer's epoch is current
 * and whether each consent is active and covers the category are the server's own checks.
 */
export async function verifyEnvelope(
  envelope: unknown,
  limits: EnvelopeLimits,
  authorSigningKey: SigningKeyLookup,
): Promise<VerifiedRecordV1> {
  const sodium = await getSodium();
  const record = parseRecord(sodium, envelope, limits, 'upload');
  await verifyAuthorSignature(sodium, record, authorSigningKey);
  return {
    v: ENVELOPE_VERSION,
    suite: SUITE_CCR1,
    recordId: record.recordId,
    caseId: record.caseId,
    category: record.category,
    authorAgencyId: record.authorAgencyId,
    createdAt: record.createdAt,
    supersedes: record.supersedes,
    signerEpoch: record.signerEpoch,
    nonce: record.nonce,
    ciphertext: record.ciphertext,
    ciphertextHash: record.ciphertextHash,
    keyCommitment: record.keyCommitment,
    // Upload mode refuses withheld wraps, so every wrap carries its bytes here.
    wraps: record.wraps as VerifiedWrapV1[],
    signature: record.signature,
  };
}
