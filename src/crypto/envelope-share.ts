import { toBase64 } from './base64';
import { fail } from './envelope-checks';
import {
  BOX_PUBLIC_KEY_BYTES,
  ENVELOPE_VERSION,
  SIGNATURE_BYTES,
  SIGN_SECRET_KEY_BYTES,
  SUITE_CCR1,
  expectedWrapLength,
} from './envelope-format';
import { hash32, shareStatement } from './envelope-pae';
import { checkVersionAndSuite, decodeExact, parseRecord } from './envelope-parse';
import { sealWrap } from './envelope-seal';
import { resolveSigningKey, verifyAuthorSignature, verifyDetached } from './envelope-signature';
import {
  DEFAULT_ENVELOPE_LIMITS,
  type EnvelopeLimits,
  type NewRecipient,
  type ShareContext,
  type SharedWrapV1,
  type ShareSigner,
  type SigningKeyLookup,
  type VerifiedShareV1,
} from './envelope-types';
import { decryptBody, findOwnWrap, unlockDek } from './envelope-unlock';
import { isEpoch, isPlainRecord, isUuid, unexpectedKeys } from './identifiers';
import { wipe } from './secure-memory';
import { ed25519Sign } from './signatures';
import { getSodium, type Sodium } from './sodium';

const SHARE_KEYS = [
  'v',
  'suite',
  'recordId',
  'agencyId',
  'epoch',
  'consentId',
  'wrap',
  'sharerAgencyId',
  'sharerEpoch',
  'signature',
] as const;

/**
 * Custodian side of adding a newly consented agency: fully open and check the record first (so
 * nobody vouches for a record they could not verify), then wrap its DEK for the new agency and
 * sign the share statement. The server cannot do this: it never holds a DEK.
 */
export async function rewrapForAgency(
  envelope: unknown,
  sharer: ShareSigner,
  signingKeys: SigningKeyLookup,
  recipient: NewRecipient,
  limits: EnvelopeLimits = DEFAULT_ENVELOPE_LIMITS,
): Promise<SharedWrapV1> {
  const sodium = await getSodium();
  const record = parseRecord(sodium, envelope, limits, 'delivery');
  checkNewRecipient(recipient, record.wraps);
  if (!(sharer.signSecretKey instanceof Uint8Array) || sharer.signSecretKey.length !== SIGN_SECRET_KEY_BYTES) {
    fail('malformed', `signSecretKey must be ${SIGN_SECRET_KEY_BYTES} bytes`);
  }
  await verifyAuthorSignature(sodium, record, signingKeys);
  const dek = await unlockDek(sodium, record, findOwnWrap(record, sharer.identity.agencyId), sharer.identity);
  try {
    wipe(sodium, decryptBody(sodium, record, dek));
    const { bytes: wrap } = sealWrap(sodium, record.recordId, recipient, dek);
    const statement = shareStatement({ ...recipient, recordId: record.recordId, keyCommitment: record.keyCommitment, wrapHash: hash32(sodium, wrap) });
    return {
      v: ENVELOPE_VERSION,
      suite: SUITE_CCR1,
      recordId: record.recordId,
      agencyId: recipient.agencyId,
      epoch: recipient.epoch,
      consentId: recipient.consentId,
      wrap: toBase64(wrap),
      sharerAgencyId: sharer.identity.agencyId,
      sharerEpoch: sharer.epoch,
      signature: toBase64(ed25519Sign(sodium, statement, sharer.signSecretKey)),
    };
  } finally {
    wipe(sodium, dek);
  }
}

/**
 * Server side: a share is well formed, names this record, adds an agency the author did not
 * already list, comes from an agency the author did list, and carries a valid signature by that
 * agency's key. Whether the sharer is the custodian, the consent is active and covers the
 * category, and the keys are current, is for the server's own checks.
 */
export async function verifyShare(
  share: unknown,
  record: ShareContext,
  signingKeys: SigningKeyLookup,
): Promise<VerifiedShareV1> {
  const sodium = await getSodium();
  const parsed = parseShare(sodium, share);
  await checkShareAgainstRecord(sodium, parsed, record, signingKeys);
  return parsed;
}

export async function checkShareAgainstRecord(
  sodium: Sodium,
  share: VerifiedShareV1,
  record: ShareContext,
  signingKeys: SigningKeyLookup,
): Promise<void> {
  if (share.recordId !== record.recordId) fail('share_mismatch', 'the share names another record');
  if (record.wraps.some((w) => w.agencyId === share.agencyId)) {
    fail('already_recipient', 'the agency is already a recipient in the manifest');
  }
  if (!record.wraps.some((w) => w.agencyId === share.sharerAgencyId)) {
    fail('sharer_not_recipient', 'only an agency the author sealed for can share the record');
  }
  const publicKey = await resolveSigningKey(signingKeys, share.sharerAgencyId, share.sharerEpoch);
  const statement = shareStatement({ ...share, keyCommitment: record.keyCommitment });
  verifyDetached(sodium, share.signature, statement, publicKey, 'bad_share_signature', "the sharer's signature");
}

export function parseShare(sodium: Sodium, input: unknown): VerifiedShareV1 {
  if (!isPlainRecord(input)) fail('malformed', 'share must be a JSON object');
  checkVersionAndSuite(input);
  const extra = unexpectedKeys(input, SHARE_KEYS);
  if (extra.length > 0) fail('malformed', `unexpected share field(s): ${extra.join(', ')}`);
  const { recordId, agencyId, epoch, consentId, sharerAgencyId, sharerEpoch } = input;
  if (!isUuid(recordId) || !isUuid(agencyId) || !isUuid(consentId) || !isUuid(sharerAgencyId)) {
    fail('malformed', 'recordId, agencyId, consentId and sharerAgencyId must be lowercase UUIDs');
  }
  if (!isEpoch(epoch) || !isEpoch(sharerEpoch)) fail('malformed', 'epoch and sharerEpoch must be integers >= 1');
  const wrap = decodeExact(input.wrap, expectedWrapLength(recordId, agencyId, epoch, consentId), 'wrap');
  const signature = decodeExact(input.signature, SIGNATURE_BYTES, 'signature');
  return { recordId, agencyId, epoch, consentId, wrap, wrapHash: hash32(sodium, wrap), sharerAgencyId, sharerEpoch, signature };
}

function checkNewRecipient(recipient: NewRecipient, manifest: readonly { agencyId: string }[]): void {
  if (!isUuid(recipient.agencyId) || !isUuid(recipient.consentId)) {
    fail('malformed', 'the new recipient needs a lowercase UUID agencyId and consentId');
  }
  if (!isEpoch(recipient.epoch)) fail('malformed', 'the new recipient epoch must be an integer >= 1');
  if (!(recipient.boxPublicKey instanceof Uint8Array) || recipient.boxPublicKey.length !== BOX_PUBLIC_KEY_BYTES) {
    fail('malformed', `the new recipient box public key must be ${BOX_PUBLIC_KEY_BYTES} bytes`);
  }
  if (manifest.some((w) => w.agencyId === recipient.agencyId)) {
    fail('already_recipient', 'the agency is already a recipient in the manifest');
  }
}
