import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type AgreementStep } from '../agreements/agreement.vocabulary';
import { type AgreedDeadlines } from '../agreements/agreement-match';
import { type PurposeCode } from '../consent/consent.vocabulary';
import { constraintOf, sqlStateOf, UNIQUE_VIOLATION } from '../database/database-errors';
import { exactTime, ListingConditions, type ListingPosition, orderBy } from '../database/keyset';
import { firstRowAs, rowsAs, statement, type Statement } from '../database/statement';
import { run } from '../database/transactions';
import { IdempotencyKeyTakenError } from './referrals.errors';
import { type ReferralOutcome, type ReferralPriority, type ReferralSide, type ReferralStatus, TERMINAL_STATUSES, type StatusReason } from './referral.vocabulary';

export interface ReferralRow {
  id: string;
  fromAgencyId: string;
  toAgencyId: string;
  fromCaseId: string;
  toCaseId: string;
  consentId: string;
  purpose: PurposeCode;
  priority: ReferralPriority;
  contentRecordId: string;
  status: ReferralStatus;
  statusReason: StatusReason | null;
  outcome: ReferralOutcome | null;
  outcomeRecordId: string | null;
  version: number;
  idempotencyKey: string;
  requestSha256: Buffer;
  createdAt: Date;
  updatedAt: Date;
  /** The timed steps from the agreement in force at creation, in step order; [] when none applied. */
  deadlines: ReferralDeadline[];
}

/** As read through JSON: respondBy is the database's text form of the instant. */
export interface ReferralDeadline {
  step: AgreementStep;
  respondBy: string | Date;
  agreementId: string;
  agreementVersion: number;
}

export type NewReferral = Omit<ReferralRow, 'status' | 'statusReason' | 'outcome' | 'outcomeRecordId' | 'version' | 'createdAt' | 'updatedAt' | 'deadlines'> & { createdByPrincipalId: string };

export interface StatusChange {
  referralId: string;
  version: number;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  reason: StatusReason | null;
  outcome: ReferralOutcome | null;
  side: ReferralSide;
  principalId: string | null;
}

export interface ReferralListFilter {
  agencyId: string;
  box: 'in' | 'out';
  status?: ReferralStatus;
  since?: Date;
  /** Keyset position of the last row seen: created_at to the microsecond, id. */
  after?: ListingPosition;
  limit: number;
}

/** A listed referral with its exact keyset time, for the next page's cursor. */
export type ListedReferral = ReferralRow & { position: string };

const COLUMNS = `id, from_agency_id AS "fromAgencyId", to_agency_id AS "toAgencyId", from_case_id AS "fromCaseId",
  to_case_id AS "toCaseId", consent_id AS "consentId", purpose, priority, content_record_id AS "contentRecordId",
  status, status_reason AS "statusReason", outcome, outcome_record_id AS "outcomeRecordId", version,
  idempotency_key AS "idempotencyKey", request_sha256 AS "requestSha256", created_at AS "createdAt", updated_at AS "updatedAt",
  (SELECT coalesce(json_agg(json_build_object('step', d.step, 'respondBy', d.respond_by, 'agreementId', d.agreement_id, 'agreementVersion', d.agreement_version)
                            ORDER BY array_position(ARRAY['received', 'answered', 'first_contact'], d.step)), '[]'::json)
     FROM referral_deadlines d WHERE d.referral_id = id) AS deadlines`;

const IDEMPOTENCY_INDEX = 'referrals_idempotency';

/** Referrals are visible to exactly two agencies: the sender and the receiver. */
@Injectable()
export class ReferralsRepository {
  /**
   * A new referral at status `requested`, version 1, with that first status change, in one
   * statement that answers the stored row. A second referral with the agency's idempotency key
   * fails with IdempotencyKeyTakenError (the unique index decides, whatever raced).
   */
  insertRequestedStatement(referral: NewReferral): Statement<ReferralRow> {
    return statement(
      `WITH inserted AS (
         INSERT INTO referrals (id, from_agency_id, to_agency_id, from_case_id, to_case_id, consent_id, purpose, priority,
                                content_record_id, status, version, idempotency_key, request_sha256, created_by_principal_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'requested', 1, $10, $11, $12)
         RETURNING *),
       changed AS (
         INSERT INTO referral_status_changes (referral_id, version, from_status, to_status, reason, outcome, side, principal_id)
         SELECT id, 1, NULL, 'requested', NULL, NULL, 'sender', created_by_principal_id FROM inserted)
       SELECT ${COLUMNS} FROM inserted`,
      [
        referral.id,
        referral.fromAgencyId,
        referral.toAgencyId,
        referral.fromCaseId,
        referral.toCaseId,
        referral.consentId,
        referral.purpose,
        referral.priority,
        referral.contentRecordId,
        referral.idempotencyKey,
        referral.requestSha256,
        referral.createdByPrincipalId,
      ],
      (rows) => rows[0] as unknown as ReferralRow,
      (error) => (sqlStateOf(error) === UNIQUE_VIOLATION && constraintOf(error) === IDEMPOTENCY_INDEX ? new IdempotencyKeyTakenError() : error),
    );
  }

  findVisible(manager: EntityManager, id: string, agencyId: string, lock = false): Promise<ReferralRow | null> {
    return run(manager, this.findVisibleStatement(id, agencyId, lock));
  }

  findVisibleStatement(id: string, agencyId: string, lock = false): Statement<ReferralRow | null> {
    return statement(`SELECT ${COLUMNS} FROM referrals WHERE id = $1 AND $2 IN (from_agency_id, to_agency_id) ${lock ? 'FOR UPDATE' : ''}`, [id, agencyId], firstRowAs<ReferralRow>());
  }

  findByIdempotencyKey(manager: EntityManager, agencyId: string, key: string): Promise<ReferralRow | null> {
    return run(manager, this.findByIdempotencyKeyStatement(agencyId, key));
  }

  findByIdempotencyKeyStatement(agencyId: string, key: string): Statement<ReferralRow | null> {
    return statement(`SELECT ${COLUMNS} FROM referrals WHERE from_agency_id = $1 AND idempotency_key = $2`, [agencyId, key], firstRowAs<ReferralRow>());
  }

  /** A page of the inbox or outbox, newest first; keyset on (created_at, id) so inserts never shift pages. */
  list(manager: EntityManager, filter: ReferralListFilter): Promise<ListedReferral[]> {
    return run(manager, this.listStatement(filter));
  }

  listStatement(filter: ReferralListFilter): Statement<ListedReferral[]> {
    const party = filter.box === 'in' ? 'to_agency_id' : 'from_agency_id';
    const conditions = new ListingConditions();
    conditions.where(`${party} = ${conditions.param(filter.agencyId)}`);
    if (filter.status) conditions.where(`status = ${conditions.param(filter.status)}`);
    if (filter.since) conditions.where(`created_at >= ${conditions.param(filter.since)}`);
    conditions.pastPosition('created_at', 'id', 'newest_first', filter.after);
    const limit = conditions.param(filter.limit);
    return statement(
      `SELECT ${COLUMNS}, ${exactTime('created_at')} AS position FROM referrals
        ${conditions.toSql()}
        ${orderBy('created_at', 'id', 'newest_first')}
        LIMIT ${limit}`,
      conditions.values,
      rowsAs<ListedReferral>(),
    );
  }

  openUnderConsent(manager: EntityManager, consentId: string): Promise<ReferralRow[]> {
    return manager.query(`SELECT ${COLUMNS} FROM referrals WHERE consent_id = $1 AND status <> ALL ($2) ORDER BY created_at FOR UPDATE`, [
      consentId,
      TERMINAL_STATUSES,
    ]);
  }

  /** Answers the row's new updated_at, so the caller's answer shows the time of this change. */
  async applyStatusChange(manager: EntityManager, change: StatusChange): Promise<Date> {
    const [updated] = await manager.query<{ updatedAt: Date }[]>(
      `WITH changed AS (
         UPDATE referrals SET status = $2, status_reason = $3, outcome = coalesce($4, outcome), version = $5, updated_at = now()
          WHERE id = $1 AND version = $5 - 1 RETURNING updated_at)
       SELECT updated_at AS "updatedAt" FROM changed`,
      [change.referralId, change.toStatus, change.reason, change.outcome, change.version],
    );
    await manager.query(
      `INSERT INTO referral_status_changes (referral_id, version, from_status, to_status, reason, outcome, side, principal_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [change.referralId, change.version, change.fromStatus, change.toStatus, change.reason, change.outcome, change.side, change.principalId],
    );
    return updated.updatedAt;
  }

  /** Answers the row's new updated_at. */
  async setOutcomeRecord(manager: EntityManager, referralId: string, recordId: string, version: number): Promise<Date> {
    const [updated] = await manager.query<{ updatedAt: Date }[]>(
      `WITH changed AS (UPDATE referrals SET outcome_record_id = $2, version = $3, updated_at = now() WHERE id = $1 RETURNING updated_at)
       SELECT updated_at AS "updatedAt" FROM changed`,
      [referralId, recordId, version],
    );
    return updated.updatedAt;
  }

  /** The referral's timed steps, written with it in the sender's transaction. */
  async insertDeadlines(manager: EntityManager, referralId: string, agreed: AgreedDeadlines): Promise<ReferralDeadline[]> {
    const steps = agreed.steps;
    await run(
      manager,
      statement(
        `INSERT INTO referral_deadlines (referral_id, step, respond_by, agreement_id, agreement_version, escalate_to_agency_id, escalate_to_role)
         SELECT $1, step, respond_by, $4, $5, $6, $7 FROM unnest($2::text[], $3::timestamptz[]) AS s(step, respond_by)`,
        [
          referralId,
          steps.map((each) => each.step),
          steps.map((each) => each.respondBy.toISOString()),
          agreed.agreementId,
          agreed.agreementVersion,
          agreed.escalateTo.agencyId,
          agreed.escalateTo.role,
        ],
        rowsAs<unknown>(),
      ),
    );
    return steps.map((each) => ({ step: each.step, respondBy: each.respondBy, agreementId: agreed.agreementId, agreementVersion: agreed.agreementVersion }));
  }

  /** The status history of a referral the agency is a party to (empty otherwise). */
  history(manager: EntityManager, referralId: string, agencyId: string): Promise<StatusChange[]> {
    return run(manager, this.historyStatement(referralId, agencyId));
  }

  historyStatement(referralId: string, agencyId: string): Statement<StatusChange[]> {
    return statement(
      `SELECT s.referral_id AS "referralId", s.version, s.from_status AS "fromStatus", s.to_status AS "toStatus", s.reason, s.outcome, s.side,
              s.principal_id AS "principalId", s.changed_at AS "changedAt"
         FROM referral_status_changes s JOIN referrals r ON r.id = s.referral_id
        WHERE s.referral_id = $1 AND $2 IN (r.from_agency_id, r.to_agency_id)
        ORDER BY s.version`,
      [referralId, agencyId],
      rowsAs<StatusChange>(),
    );
  }

}
