import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { CUSTODIAN_PURPOSE, MANDATE_PURPOSES } from '../consent/consent.vocabulary';
import { constraintOf, sqlStateOf, UNIQUE_VIOLATION } from '../database/database-errors';
import { logAppend, nothing, statement, type Statement } from '../database/statement';
import { runLogged } from '../database/transactions';
import { type LedgerActor } from '../ledger/ledger.vocabulary';
import { RecordAlreadyExistsError } from './records.errors';
import { type BasisKind } from './entities/record-recipient.entity';

export interface RecipientBasis {
  kind: BasisKind;
  /** Consent or mandate id; null for the custodian (the author's own agency). */
  id: string | null;
}

export interface NewRecord {
  id: string;
  caseId: string;
  category: string;
  authorAgencyId: string;
  signerEpoch: number;
  createdAt: string;
  supersedes: string | null;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  ciphertextSha256: Uint8Array;
  keyCommitment: Uint8Array;
  signature: Uint8Array;
}

export interface NewRecipient {
  agencyId: string;
  epoch: number;
  basis: RecipientBasis;
  wrap: Uint8Array;
  wrapHash: Uint8Array;
  share?: { sharerAgencyId: string; sharerEpoch: number; signature: Uint8Array };
}

/** A key wrap still present for an agency other than the record's author, and what it rests on. */
export interface LiveWrap {
  recordId: string;
  agencyId: string;
  category: string;
  authorAgencyId: string;
  basisKind: 'consent' | 'mandate';
  basisId: string;
  /** The case the basis was recorded on (for share-back, the referrer's case). */
  basisCaseId: string;
}

export interface RecordMetadataRow {
  id: string;
  caseId: string;
  category: string;
  authorAgencyId: string;
  signerEpoch: number;
  createdAt: string;
  supersedes: string | null;
  storedAt: Date;
}

/** A recipient as delivered: who, at which epoch, on what basis, and its wrap only as a hash. */
export interface DeliveredRecipientRow {
  agencyId: string;
  epoch: number;
  basisKind: BasisKind;
  basisId: string | null;
  wrapHash: Buffer;
  via: 'manifest' | 'share';
  sharerAgencyId: string | null;
  sharerEpoch: number | null;
  shareSignature: Buffer | null;
}

/** One read through ccr_open_record(): the envelope, the caller's wrap, the entry that logged it. */
export interface OpenedRow extends RecordMetadataRow {
  nonce: Buffer;
  ciphertext: Buffer;
  keyCommitment: Buffer;
  signature: Buffer;
  wrap: Buffer;
  basisKind: BasisKind;
  basisId: string | null;
  basisVersion: number | null;
  logIndex: number;
  recipients: DeliveredRecipientRow[];
}

type HexRecipient = Omit<DeliveredRecipientRow, 'wrapHash' | 'shareSignature'> & { wrapHash: string; shareSignature: string | null };

const RECORDS_PRIMARY_KEY = 'PK_188149422ee2454660abf1d5ee5';

/**
 * Two data-modifying CTEs that insert the recipients and their wraps of record `recordId` (an SQL
 * expression) from the arrays of recipientParams(), numbered from `$first`.
 */
function recipientInserts(recordId: string, first: number): string {
  const p = (offset: number) => `$${first + offset}`;
  return `listed AS (
      INSERT INTO record_recipients (record_id, agency_id, epoch, basis_kind, basis_id, wrap_hash, via,
                                     sharer_agency_id, sharer_epoch, share_signature)
      SELECT ${recordId}, r.agency_id, r.epoch, r.basis_kind, r.basis_id, r.wrap_hash, r.via, r.sharer_agency_id, r.sharer_epoch, r.share_signature
        FROM unnest(${p(0)}::uuid[], ${p(1)}::int[], ${p(2)}::text[], ${p(3)}::uuid[], ${p(4)}::bytea[], ${p(5)}::text[], ${p(6)}::uuid[],
                    ${p(7)}::int[], ${p(8)}::bytea[])
             AS r(agency_id, epoch, basis_kind, basis_id, wrap_hash, via, sharer_agency_id, sharer_epoch, share_signature)),
    wrapped AS (
      INSERT INTO record_wraps (record_id, agency_id, wrap)
      SELECT ${recordId}, w.agency_id, w.wrap FROM unnest(${p(0)}::uuid[], ${p(9)}::bytea[]) AS w(agency_id, wrap))`;
}

/** The ten column arrays recipientInserts() reads, one element per recipient. */
function recipientParams(recipients: readonly NewRecipient[]): unknown[][] {
  return [
    recipients.map((r) => r.agencyId),
    recipients.map((r) => r.epoch),
    recipients.map((r) => r.basis.kind),
    recipients.map((r) => r.basis.id),
    recipients.map((r) => Buffer.from(r.wrapHash)),
    recipients.map((r) => (r.share ? 'share' : 'manifest')),
    recipients.map((r) => r.share?.sharerAgencyId ?? null),
    recipients.map((r) => r.share?.sharerEpoch ?? null),
    recipients.map((r) => (r.share ? Buffer.from(r.share.signature) : null)),
    recipients.map((r) => Buffer.from(r.wrap)),
  ];
}

const METADATA_COLUMNS = `r.id, r.case_id AS "caseId", r.category, r.author_agency_id AS "authorAgencyId", r.signer_epoch AS "signerEpoch",
  r.created_at AS "createdAt", r.supersedes, r.stored_at AS "storedAt"`;

/**
 * Sealed records. The API role cannot select envelope bodies or wraps: reads go through
 * ccr_open_record(), which logs the disclosure. Queries take the agency they are scoped to.
 */
@Injectable()
export class RecordsRepository {
  /**
   * The record, its recipients and their wraps, in one statement. A record id that is already
   * stored fails with RecordAlreadyExistsError (the primary key decides, not a prior read).
   */
  insertStatement(record: NewRecord, recipients: readonly NewRecipient[]): Statement<void> {
    const recordParams = [
      record.id,
      record.caseId,
      record.category,
      record.authorAgencyId,
      record.signerEpoch,
      record.createdAt,
      record.supersedes,
      Buffer.from(record.nonce),
      Buffer.from(record.ciphertext),
      Buffer.from(record.ciphertextSha256),
      Buffer.from(record.keyCommitment),
      Buffer.from(record.signature),
    ];
    return statement(
      `WITH stored AS (
         INSERT INTO records (id, case_id, category, author_agency_id, signer_epoch, created_at, supersedes,
                              nonce, ciphertext, ciphertext_sha256, key_commitment, signature)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id),
       ${recipientInserts('(SELECT id FROM stored)', 13)}
       SELECT 1`,
      [...recordParams, ...recipientParams(recipients)],
      nothing,
      (error) => (sqlStateOf(error) === UNIQUE_VIOLATION && constraintOf(error) === RECORDS_PRIMARY_KEY ? new RecordAlreadyExistsError() : error),
    );
  }

  /** Recipients added after sealing (shares), with their wraps, in one statement. */
  async insertRecipients(manager: EntityManager, recordId: string, recipients: readonly NewRecipient[]): Promise<void> {
    await manager.query(`WITH ${recipientInserts('$1::uuid', 2)} SELECT 1`, [recordId, ...recipientParams(recipients)]);
  }

  /** Metadata of a record the agency authored or is a recipient of; null otherwise (404). */
  async findVisible(manager: EntityManager, id: string, agencyId: string): Promise<RecordMetadataRow | null> {
    const rows: RecordMetadataRow[] = await manager.query(
      `SELECT ${METADATA_COLUMNS} FROM records r
        WHERE r.id = $1 AND (r.author_agency_id = $2 OR EXISTS (
          SELECT 1 FROM record_recipients rr WHERE rr.record_id = r.id AND rr.agency_id = $2))`,
      [id, agencyId],
    );
    return rows[0] ?? null;
  }

  /**
   * Reads the envelope and the caller's wrap through the database function that logs it, with the
   * record's metadata and recipients, in one statement (its own transaction when `manager` is not
   * in one: the read and its entry commit together), then integrates the entry into the log and
   * answers its index. Raises CC404 / CC410 as ccr_open_record does.
   */
  /**
   * The purpose of the basis the agency's wrap of the record names (the purpose a reader asks under):
   * the consent's current version's coded purpose, a mandate's compulsion, or custodian case work.
   * Null without a wrap. Same mapping as ccr_open_record() (decision 0044).
   */
  async purposeOfWrapBasis(manager: EntityManager, recordId: string, agencyId: string): Promise<string | null> {
    const rows: { purpose: string | null }[] = await manager.query(
      `SELECT CASE rr.basis_kind
                WHEN 'custodian' THEN $3
                WHEN 'consent' THEN (SELECT v.purpose FROM consents c JOIN consent_versions v ON v.consent_id = c.id AND v.version = c.current_version WHERE c.id = rr.basis_id)
                WHEN 'mandate' THEN (SELECT CASE m.basis WHEN 'court_order' THEN $4 ELSE $5 END FROM mandates m WHERE m.id = rr.basis_id)
              END AS purpose
         FROM record_recipients rr WHERE rr.record_id = $1 AND rr.agency_id = $2`,
      [recordId, agencyId, CUSTODIAN_PURPOSE, MANDATE_PURPOSES.court_order, MANDATE_PURPOSES.statute],
    );
    return rows[0]?.purpose ?? null;
  }

  async openForCaller(manager: EntityManager, recordId: string, actor: LedgerActor, purpose: string | null, requestId: string): Promise<OpenedRow> {
    const { result: row, logIndex } = await runLogged(manager, openStatement(recordId, actor, purpose, requestId));
    const recipients = row.recipients.map((recipient) => ({
      ...recipient,
      wrapHash: Buffer.from(recipient.wrapHash, 'hex'),
      shareSignature: recipient.shareSignature === null ? null : Buffer.from(recipient.shareSignature, 'hex'),
    }));
    return { ...row, logIndex, recipients };
  }


  /** What a share is checked against: the record's key commitment and its manifest recipients. */
  async shareContext(manager: EntityManager, recordId: string): Promise<{ keyCommitment: Buffer; manifestAgencies: string[] }> {
    const rows: { keyCommitment: Buffer; agencies: string[] }[] = await manager.query(
      `SELECT r.key_commitment AS "keyCommitment",
              array(SELECT rr.agency_id::text FROM record_recipients rr WHERE rr.record_id = r.id AND rr.via = 'manifest' ORDER BY rr.agency_id) AS agencies
         FROM records r WHERE r.id = $1`,
      [recordId],
    );
    return { keyCommitment: rows[0].keyCommitment, manifestAgencies: rows[0].agencies };
  }

  /** Live wraps of other agencies whose record or basis belongs to the case. */
  liveWrapsGovernedBy(manager: EntityManager, caseId: string): Promise<LiveWrap[]> {
    return manager.query(
      `SELECT rr.record_id AS "recordId", rr.agency_id AS "agencyId", r.category, r.author_agency_id AS "authorAgencyId",
              rr.basis_kind AS "basisKind", rr.basis_id AS "basisId", coalesce(c.case_id, m.case_id) AS "basisCaseId"
         FROM record_recipients rr
         JOIN records r ON r.id = rr.record_id
         JOIN record_wraps rw ON rw.record_id = rr.record_id AND rw.agency_id = rr.agency_id
         LEFT JOIN consents c ON rr.basis_kind = 'consent' AND c.id = rr.basis_id
         LEFT JOIN mandates m ON rr.basis_kind = 'mandate' AND m.id = rr.basis_id
        WHERE rr.basis_kind <> 'custodian' AND (r.case_id = $1 OR c.case_id = $1 OR m.case_id = $1)
        ORDER BY rr.record_id, rr.agency_id`,
      [caseId],
    );
  }

  async deleteWrap(manager: EntityManager, recordId: string, agencyId: string): Promise<void> {
    await manager.query(`DELETE FROM record_wraps WHERE record_id = $1 AND agency_id = $2`, [recordId, agencyId]);
  }

  /** Deletes the wraps a consent or mandate justified; returns which (record, agency) lost one. */
  async deleteWrapsForBasis(manager: EntityManager, basisId: string): Promise<{ recordId: string; agencyId: string }[]> {
    const [rows]: [{ recordId: string; agencyId: string }[], number] = await manager.query(
      `DELETE FROM record_wraps rw USING record_recipients rr
        WHERE rr.record_id = rw.record_id AND rr.agency_id = rw.agency_id AND rr.basis_id = $1
        RETURNING rw.record_id AS "recordId", rw.agency_id AS "agencyId"`,
      [basisId],
    );
    return rows;
  }
}

type OpenedColumns = Omit<OpenedRow, 'recipients' | 'logIndex'> & { recipients: HexRecipient[] };

/** ccr_open_record() with the record's metadata and recipients: one statement, one entry queued. */
function openStatement(recordId: string, actor: LedgerActor, purpose: string | null, requestId: string): Statement<OpenedColumns> {
  return logAppend(
    `SELECT o.nonce, o.ciphertext, o.key_commitment AS "keyCommitment", o.signature, o.wrap, o.basis_kind AS "basisKind",
            o.basis_id AS "basisId", o.basis_version AS "basisVersion", ${METADATA_COLUMNS},
            (SELECT json_agg(json_build_object(
                      'agencyId', rr.agency_id, 'epoch', rr.epoch, 'basisKind', rr.basis_kind, 'basisId', rr.basis_id,
                      'wrapHash', encode(rr.wrap_hash, 'hex'), 'via', rr.via, 'sharerAgencyId', rr.sharer_agency_id,
                      'sharerEpoch', rr.sharer_epoch, 'shareSignature', encode(rr.share_signature, 'hex'))
                    ORDER BY rr.agency_id)
               FROM record_recipients rr WHERE rr.record_id = r.id) AS recipients
       FROM ccr_open_record($1, $2::jsonb, $3, $4) o CROSS JOIN records r
      WHERE r.id = $1`,
    [recordId, JSON.stringify(actor), purpose, requestId],
    (rows) => rows[0] as OpenedColumns,
  );
}
