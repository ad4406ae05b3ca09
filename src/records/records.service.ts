import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { type DeliveredRecordV1, type ShareContext, type SharedWrapV1, type VerifiedRecordV1, type VerifiedShareV1 } from '../crypto';
import { sqlStateOf } from '../database/database-errors';
import { type Statement } from '../database/statement';
import { run } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { type LedgerFields } from '../ledger/ledger.vocabulary';
import { RecordNoLongerAvailableError, RecordNotFoundError } from './records.errors';
import { type LiveWrap, type OpenedRow, type RecipientBasis, type RecordMetadataRow, RecordsRepository } from './records.repository';

export interface DeliveredRecord {
  record: DeliveredRecordV1;
  /** Present when the caller's access comes from a custodian's share rather than the manifest. */
  share: SharedWrapV1 | null;
  basis: { kind: 'custodian' | 'consent' | 'mandate'; id: string | null; version: number | null };
  logIndex: number;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Stores verified sealed records and hands them out, only through the logging read path. */
@Injectable()
export class RecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: RecordsRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  /**
   * Stores a record the key directory has verified, with the basis (consent, mandate or custodian)
   * of each wrap decided by the caller's module, and logs it — in the caller's transaction.
   */
  store(manager: EntityManager, caller: CallerContext, verified: VerifiedRecordV1, basisOf: (agencyId: string) => RecipientBasis): Promise<void> {
    return run(manager, this.prepareStore(manager, caller, verified, basisOf));
  }

  /** store(), prepared for the caller to pipeline with its own writes: the entry is queued once it ran. */
  prepareStore(manager: EntityManager, caller: CallerContext, verified: VerifiedRecordV1, basisOf: (agencyId: string) => RecipientBasis): Statement<void> {
    const insert = this.records.insertStatement(
      {
        id: verified.recordId,
        caseId: verified.caseId,
        category: verified.category,
        authorAgencyId: verified.authorAgencyId,
        signerEpoch: verified.signerEpoch,
        createdAt: verified.createdAt,
        supersedes: verified.supersedes,
        nonce: verified.nonce,
        ciphertext: verified.ciphertext,
        ciphertextSha256: verified.ciphertextHash,
        keyCommitment: verified.keyCommitment,
        signature: verified.signature,
      },
      verified.wraps.map((wrap) => ({ agencyId: wrap.agencyId, epoch: wrap.epoch, basis: basisOf(wrap.agencyId), wrap: wrap.wrap, wrapHash: wrap.wrapHash })),
    );
    return {
      ...insert,
      read: () => {
        void this.ledger.record(manager, 'record_stored', {
          actor: actorOf(caller),
          case: verified.caseId,
          records: [verified.recordId],
          categories: [verified.category],
          requestId: caller.requestId,
          detail: { recipients: verified.wraps.map((wrap) => wrap.agencyId) },
        });
      },
    };
  }

  /** The stored record as a share must match it (key commitment, manifest recipients). */
  async shareContext(manager: EntityManager, recordId: string): Promise<ShareContext> {
    const { keyCommitment, manifestAgencies } = await this.records.shareContext(manager, recordId);
    return { recordId, keyCommitment: new Uint8Array(keyCommitment), wraps: manifestAgencies.map((agencyId) => ({ agencyId })) };
  }

  /** Stores a verified share (a recipient added after sealing) and logs `wraps_added`. */
  async addShare(manager: EntityManager, caller: CallerContext, record: RecordMetadataRow, share: VerifiedShareV1, basis: RecipientBasis): Promise<void> {
    await this.records.insertRecipients(manager, record.id, [
      {
        agencyId: share.agencyId,
        epoch: share.epoch,
        basis,
        wrap: share.wrap,
        wrapHash: share.wrapHash,
        share: { sharerAgencyId: share.sharerAgencyId, sharerEpoch: share.sharerEpoch, signature: share.signature },
      },
    ]);
    await this.ledger.record(manager, 'wraps_added', {
      actor: actorOf(caller),
      case: record.caseId,
      recipient: share.agencyId,
      records: [record.id],
      categories: [record.category],
      requestId: caller.requestId,
      detail: { basisKind: basis.kind, basisId: basis.id },
    });
  }

  findVisible(manager: EntityManager, id: string, agencyId: string): Promise<RecordMetadataRow | null> {
    return this.records.findVisible(manager, id, agencyId);
  }

  /**
   * Delivers a record to the caller's agency: ciphertext, its own wrap, every other wrap as its
   * hash. The read and its log entry commit together; the entry's purpose is the purpose of the
   * basis that permitted it (ccr_open_record, decision 0044) — `askedPurpose`, what the caller's
   * request stated (a referral's purpose; null when it states none), is kept only if it differs.
   * If the basis lapsed (a revocation won the race), the refusal is logged with the purpose asked
   * for and the caller sees 404.
   */
  async deliver(caller: CallerContext, recordId: string, askedPurpose: string | null, denial: Omit<LedgerFields, 'actor' | 'outcome' | 'requestId' | 'reason'>): Promise<DeliveredRecord> {
    try {
      // One statement, so one transaction: the read and its entry commit together.
      const opened = await this.records.openForCaller(this.dataSource.manager, recordId, actorOf(caller), askedPurpose, caller.requestId);
      return assemble(opened, caller.principal.agencyId);
    } catch (error) {
      const state = sqlStateOf(error);
      if (state === 'CC404') throw new RecordNotFoundError();
      if (state !== 'CC410') throw error;
      const purpose = denial.purpose ?? (await this.purposeAskedFor(recordId, caller.principal.agencyId));
      await this.ledger.recordDenial(this.dataSource.manager, caller, { ...denial, purpose, records: [recordId], reason: 'wrap_basis_not_in_force' });
      throw new RecordNoLongerAvailableError();
    }
  }

  /**
   * The purpose a reader asks under when its request states none: that of the basis its wrap of the
   * record names (undefined without a wrap: the refusal then records no purpose, never a made-up one).
   */
  async purposeAskedFor(recordId: string, agencyId: string): Promise<string | undefined> {
    return (await this.records.purposeOfWrapBasis(this.dataSource.manager, recordId, agencyId)) ?? undefined;
  }

  /** Wraps of other agencies that a change of the case's consents may have to withdraw. */
  liveWrapsGovernedBy(manager: EntityManager, caseId: string): Promise<LiveWrap[]> {
    return this.records.liveWrapsGovernedBy(manager, caseId);
  }

  /** Stops delivery of one record to one agency (its wrap is deleted; the manifest hash stays). */
  deleteWrap(manager: EntityManager, recordId: string, agencyId: string): Promise<void> {
    return this.records.deleteWrap(manager, recordId, agencyId);
  }

  /** Stops delivery under a revoked consent or withdrawn mandate: its wraps are deleted. */
  deleteWrapsForBasis(manager: EntityManager, basisId: string): Promise<{ recordId: string; agencyId: string }[]> {
    return this.records.deleteWrapsForBasis(manager, basisId);
  }
}

function assemble(opened: OpenedRow, callerAgencyId: string): DeliveredRecord {
  const { recipients } = opened;
  const metadata = opened;
  const manifest = recipients.filter((recipient) => recipient.via === 'manifest');
  const mine = recipients.find((recipient) => recipient.agencyId === callerAgencyId);
  const record: DeliveredRecordV1 = {
    v: 1,
    suite: 'ccr1',
    recordId: metadata.id,
    caseId: metadata.caseId,
    category: metadata.category,
    authorAgencyId: metadata.authorAgencyId,
    createdAt: metadata.createdAt,
    supersedes: metadata.supersedes,
    signerEpoch: metadata.signerEpoch,
    nonce: b64(opened.nonce),
    ciphertext: b64(opened.ciphertext),
    keyCommitment: b64(opened.keyCommitment),
    wraps: manifest.map((recipient) => {
      const entry = { agencyId: recipient.agencyId, epoch: recipient.epoch, consentId: recipient.basisId };
      return recipient.agencyId === callerAgencyId ? { ...entry, wrap: b64(opened.wrap) } : { ...entry, wrapHash: b64(recipient.wrapHash) };
    }),
    signature: b64(opened.signature),
  };
  const share: SharedWrapV1 | null =
    mine?.via === 'share'
      ? {
          v: 1,
          suite: 'ccr1',
          recordId: metadata.id,
          agencyId: mine.agencyId,
          epoch: mine.epoch,
          consentId: mine.basisId as string,
          wrap: b64(opened.wrap),
          sharerAgencyId: mine.sharerAgencyId as string,
          sharerEpoch: mine.sharerEpoch as number,
          signature: b64(mine.shareSignature as Buffer),
        }
      : null;
  return { record, share, basis: { kind: opened.basisKind, id: opened.basisId, version: opened.basisVersion }, logIndex: opened.logIndex };
}
