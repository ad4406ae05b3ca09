import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { nothing, statement, type Statement } from '../database/statement';
import { run } from '../database/transactions';
import { isUuid } from '../crypto/identifiers';
import { type PartyView } from './consent-rules';
import { type ConsentView, type MandateView } from './policy';

/** Everything the policy reads about one case, as stored. */
export interface StoredCaseWorld {
  consents: ConsentView[];
  mandates: MandateView[];
  /** The agencies named by the request and by the case's consents and mandates. */
  agencies: PartyView[];
}

type Millis = number;
type ConsentRow = Omit<ConsentView, 'validFrom' | 'validUntil' | 'revokedAt' | 'recordedAt'> & { validFrom: Millis; validUntil: Millis; revokedAt: Millis | null; recordedAt: Millis };
type MandateRow = Omit<MandateView, 'validFrom' | 'validUntil' | 'withdrawnAt'> & { validFrom: Millis; validUntil: Millis | null; withdrawnAt: Millis | null };

/** A timestamp column as epoch milliseconds: JSON has no date type. */
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
const date = (value: Millis) => new Date(value);
const dateOrNull = (value: Millis | null) => (value === null ? null : new Date(value));

/**
 * The policy's reads, one round trip per decision: a case's consents at their current version,
 * its mandates, and the directory facts of every agency involved. Decisions run on every
 * disclosure, so this is the hot path of the service.
 */
@Injectable()
export class CaseWorldRepository {
  load(manager: EntityManager, caseId: string, agencyIds: readonly string[]): Promise<StoredCaseWorld> {
    return run(manager, this.loadStatement(caseId, agencyIds));
  }

  loadStatement(caseId: string, agencyIds: readonly string[]): Statement<StoredCaseWorld> {
    return worldStatement('$1::uuid', '$2::uuid[]', [caseId, [...new Set(agencyIds.filter(isUuid))]]);
  }

  /**
   * The world of a referral's sender case and of its two agencies, found by the referral's id, so
   * that it travels in the round trip of the referral's own read. Empty when `agencyId` is neither
   * party (that read then answers 404).
   */
  loadForReferralStatement(referralId: string, agencyId: string): Statement<StoredCaseWorld> {
    const visible = `FROM referrals WHERE id = $1 AND $2 IN (from_agency_id, to_agency_id)`;
    return worldStatement(`(SELECT from_case_id ${visible})`, `(SELECT ARRAY[from_agency_id, to_agency_id] ${visible})`, [referralId, agencyId]);
  }

  /**
   * Share-locks the consents and mandates named by `ids` until the caller commits: a revocation
   * or withdrawal in flight finishes first and a load run after it (a later statement, even in the
   * same pipeline) sees it. Ids that are neither lock nothing (the decision finds no such basis).
   */
  lockBasesStatement(ids: readonly string[]): Statement<void> {
    return statement(
      `WITH c AS (SELECT 1 FROM consents WHERE id = ANY($1::uuid[]) FOR SHARE),
            m AS (SELECT 1 FROM mandates WHERE id = ANY($1::uuid[]) FOR SHARE)
       SELECT (SELECT count(*) FROM c) + (SELECT count(*) FROM m) AS locked`,
      [[...new Set(ids.filter(isUuid))]],
      nothing,
    );
  }
}

/**
 * The policy's reads in one statement. `caseId` and `agencyIds` are SQL expressions (parameters,
 * or subqueries) for the case and for the agencies the request names.
 */
function worldStatement(caseId: string, agencyIds: string, values: readonly unknown[]): Statement<StoredCaseWorld> {
  return statement(
    `WITH c AS (
            SELECT c.id, v.version, c.case_id, c.custodian_agency_id, c.recipient_agency_id, v.categories, v.actions, v.purpose,
                   v.valid_from, v.valid_until, v.capture_mode, v.deny_agency_ids, c.revoked_at, v.recorded_at
              FROM consents c JOIN consent_versions v ON v.consent_id = c.id AND v.version = c.current_version
             WHERE c.case_id = ${caseId}),
          m AS (
            SELECT id, case_id, custodian_agency_id, recipient_agency_id, basis, categories, valid_from, valid_until, withdrawn_at
              FROM mandates WHERE case_id = ${caseId}),
          named AS (
            SELECT unnest(${agencyIds}) AS id
            UNION SELECT custodian_agency_id FROM c UNION SELECT recipient_agency_id FROM c
            UNION SELECT custodian_agency_id FROM m UNION SELECT recipient_agency_id FROM m)
     SELECT
       (SELECT coalesce(json_agg(json_build_object(
                 'id', c.id, 'version', c.version, 'caseId', c.case_id, 'custodianAgencyId', c.custodian_agency_id,
                 'recipientAgencyId', c.recipient_agency_id, 'categories', c.categories, 'actions', c.actions, 'purpose', c.purpose,
                 'validFrom', ${ms('c.valid_from')}, 'validUntil', ${ms('c.valid_until')}, 'captureMode', c.capture_mode,
                 'denyAgencyIds', c.deny_agency_ids, 'revokedAt', ${ms('c.revoked_at')}, 'recordedAt', ${ms('c.recorded_at')})
               ORDER BY c.id), '[]') FROM c) AS consents,
       (SELECT coalesce(json_agg(json_build_object(
                 'id', m.id, 'caseId', m.case_id, 'custodianAgencyId', m.custodian_agency_id, 'recipientAgencyId', m.recipient_agency_id,
                 'basis', m.basis, 'categories', m.categories, 'validFrom', ${ms('m.valid_from')}, 'validUntil', ${ms('m.valid_until')},
                 'withdrawnAt', ${ms('m.withdrawn_at')})
               ORDER BY m.id), '[]') FROM m) AS mandates,
       (SELECT coalesce(json_agg(json_build_object('id', a.id, 'regime', a.regime, 'status', a.status, 'coordinatingBody', a.coordinating_body)), '[]')
          FROM agencies a WHERE a.id IN (SELECT id FROM named)) AS agencies`,
    values,
    (rows) => {
      const { consents, mandates, agencies } = rows[0] as { consents: ConsentRow[]; mandates: MandateRow[]; agencies: PartyView[] };
      return {
        consents: consents.map((c) => ({ ...c, validFrom: date(c.validFrom), validUntil: date(c.validUntil), revokedAt: dateOrNull(c.revokedAt), recordedAt: date(c.recordedAt) })),
        mandates: mandates.map((m) => ({ ...m, validFrom: date(m.validFrom), validUntil: dateOrNull(m.validUntil), withdrawnAt: dateOrNull(m.withdrawnAt) })),
        agencies,
      };
    },
  );
}
