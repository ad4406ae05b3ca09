import { toBase64 } from './base64';
import type { DeliveredRecordV1, StoredRecordV1, WithheldWrapEntryV1, WrapEntryV1 } from './envelope-types';

/**
 * Server side: re-encodes a stored record for one reader. Only the listed agencies' wraps are
 * sent; every other entry (and any wrap deleted after revocation) is sent as its hash, which is
 * all the reader needs to re-verify the author's signature over the manifest.
 */
export function toDeliveredRecord(
  record: StoredRecordV1,
  includeWrapsFor: readonly string[],
): DeliveredRecordV1 {
  const wraps = record.wraps.map((w): WrapEntryV1 | WithheldWrapEntryV1 => {
    const entry = { agencyId: w.agencyId, epoch: w.epoch, consentId: w.consentId };
    return w.wrap && includeWrapsFor.includes(w.agencyId)
      ? { ...entry, wrap: toBase64(w.wrap) }
      : { ...entry, wrapHash: toBase64(w.wrapHash) };
  });
  return {
    v: record.v,
    suite: record.suite,
    recordId: record.recordId,
    caseId: record.caseId,
    category: record.category,
    authorAgencyId: record.authorAgencyId,
    createdAt: record.createdAt,
    supersedes: record.supersedes,
    signerEpoch: record.signerEpoch,
    nonce: toBase64(record.nonce),
    ciphertext: toBase64(record.ciphertext),
    keyCommitment: toBase64(record.keyCommitment),
    wraps,
    signature: toBase64(record.signature),
  };
}
