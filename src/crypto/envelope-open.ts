import { fail } from './envelope-checks';
import { parseRecord, type ParsedRecord } from './envelope-parse';
import { checkShareAgainstRecord, parseShare } from './envelope-share';
import { verifyAuthorSignature } from './envelope-signature';
import {
  DEFAULT_ENVELOPE_LIMITS,
  type EnvelopeLimits,
  type OpenedRecord,
  type RecipientIdentity,
  type SigningKeyLookup,
} from './envelope-types';
import { decryptBody, findOwnWrap, unlockDek, type WrapToOpen } from './envelope-unlock';
import { wipe } from './secure-memory';
import { getSodium, type Sodium } from './sodium';

export interface OpenOptions {
  limits?: EnvelopeLimits;
  /** A custodian's share for this reader, when the author's manifest does not list it. */
  share?: unknown;
}

/**
 * Client side: refuse unless every check passes, in this order: structure, the author's
 * signature (before touching any secret), the reader's wrap (or a share signed by a listed
 * agency), the wrap's binding, the key commitment, AEAD decryption, padding.
 */
export async function openRecord(
  envelope: unknown,
  me: RecipientIdentity,
  signingKeys: SigningKeyLookup,
  options: OpenOptions = {},
): Promise<OpenedRecord> {
  const sodium = await getSodium();
  const record = parseRecord(sodium, envelope, options.limits ?? DEFAULT_ENVELOPE_LIMITS, 'delivery');
  await verifyAuthorSignature(sodium, record, signingKeys);
  const { target, sharedBy } = await selectWrap(sodium, record, me.agencyId, signingKeys, options.share);
  const dek = await unlockDek(sodium, record, target, me);
  try {
    return {
      metadata: {
        recordId: record.recordId,
        caseId: record.caseId,
        category: record.category,
        authorAgencyId: record.authorAgencyId,
        createdAt: record.createdAt,
        supersedes: record.supersedes,
      },
      signerEpoch: record.signerEpoch,
      body: decryptBody(sodium, record, dek),
      recipients: record.wraps.map(({ agencyId, epoch, consentId }) => ({ agencyId, epoch, consentId })),
      sharedBy,
    };
  } finally {
    wipe(sodium, dek);
  }
}

async function selectWrap(
  sodium: Sodium,
  record: ParsedRecord,
  agencyId: string,
  signingKeys: SigningKeyLookup,
  share: unknown,
): Promise<{ target: WrapToOpen; sharedBy: OpenedRecord['sharedBy'] }> {
  if (share === undefined) return { target: findOwnWrap(record, agencyId), sharedBy: null };
  const parsed = parseShare(sodium, share);
  if (parsed.agencyId !== agencyId) fail('share_mismatch', 'the share is for another agency');
  await checkShareAgainstRecord(sodium, parsed, record, signingKeys);
  return {
    target: { agencyId: parsed.agencyId, epoch: parsed.epoch, consentId: parsed.consentId, wrap: parsed.wrap },
    sharedBy: { agencyId: parsed.sharerAgencyId, epoch: parsed.sharerEpoch, consentId: parsed.consentId },
  };
}
