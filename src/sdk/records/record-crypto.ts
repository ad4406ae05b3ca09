import {
  type OpenedRecord,
  openRecord,
  type RecipientInput,
  rewrapForAgency,
  sealRecord,
  type SealedRecordV1,
  type SharedWrapV1,
  utf8,
} from '../../crypto';
import type { KeyDirectory } from '../directory/key-directory';
import type { Keyring } from '../keys/keyring';
import { newRecordId } from '../ids';
import { checkGrants, checkShareable, type RecipientGrant } from './recipients';

export interface SealRequest {
  caseId: string;
  category: string;
  body: Uint8Array | string;
  /** Other agencies, each under the consent that allows it. The author's agency is always added. */
  recipients?: readonly RecipientGrant[];
  /** The record id of the version this one replaces. */
  supersedes?: string | null;
  /** Defaults to a fresh id: every version is a new record with a new DEK. */
  recordId?: string;
}

export interface OpenRequestOptions {
  /** A custodian's share, when this agency was added after sealing. */
  share?: unknown;
}

/**
 * Seals and opens records as this agency, with recipients' keys resolved only through pins.
 * Callers are responsible for passing consents that are currently valid (forward exclusion:
 * never wrap for a revoked consent); the server refuses wraps without an active consent anyway.
 */
export class RecordCrypto {
  constructor(
    private readonly keystore: Keyring,
    private readonly directory: KeyDirectory,
  ) {}

  async seal(request: SealRequest): Promise<SealedRecordV1> {
    const grants = request.recipients ?? [];
    checkGrants(grants, this.keystore.agencyId);
    checkShareable(request.category, grants.length);
    const author = this.keystore.current;
    const recipients: RecipientInput[] = [
      { agencyId: author.agencyId, epoch: author.epoch, consentId: null, boxPublicKey: author.box.publicKey },
      ...(await Promise.all(grants.map((grant) => this.recipientFor(grant)))),
    ];
    return sealRecord({
      recordId: request.recordId ?? newRecordId(),
      caseId: request.caseId,
      category: request.category,
      authorAgencyId: author.agencyId,
      createdAt: new Date().toISOString(),
      supersedes: request.supersedes ?? null,
      body: typeof request.body === 'string' ? utf8(request.body) : request.body,
      author: { epoch: author.epoch, signSecretKey: author.sign.privateKey },
      recipients,
    });
  }

  /** Every check of docs/envelope.md §8, against pinned keys. The caller owns (and should wipe) the body. */
  open(record: unknown, options: OpenRequestOptions = {}): Promise<OpenedRecord> {
    return openRecord(record, this.keystore.identity(), this.directory.signingKeys(), { share: options.share });
  }

  /** Adds a newly consented agency to a record this agency can open (re-wraps its DEK). */
  async share(record: unknown, grant: RecipientGrant): Promise<SharedWrapV1> {
    checkGrants([grant], this.keystore.agencyId);
    checkShareable(categoryOf(record), 1);
    const current = this.keystore.current;
    const recipient = await this.recipientFor(grant);
    return rewrapForAgency(
      record,
      { identity: this.keystore.identity(), epoch: current.epoch, signSecretKey: current.sign.privateKey },
      this.directory.signingKeys(),
      { agencyId: grant.agencyId, epoch: recipient.epoch, consentId: grant.consentId, boxPublicKey: recipient.boxPublicKey },
    );
  }

  private async recipientFor(grant: RecipientGrant): Promise<RecipientInput> {
    const key = await this.directory.currentBoxKey(grant.agencyId);
    return { agencyId: grant.agencyId, epoch: key.epoch, consentId: grant.consentId, boxPublicKey: key.publicKey };
  }
}

function categoryOf(record: unknown): string {
  const category = (record as { category?: unknown } | null)?.category;
  return typeof category === 'string' ? category : '';
}
