import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type StoredEntry } from '../log/log-tree.repository';

export interface CaseRow {
  id: string;
  custodianAgencyId: string;
  linkedFromCaseId: string | null;
  createdAt: Date;
}

export interface ConsentVersionRow {
  consentId: string;
  recipientAgencyId: string;
  currentVersion: number;
  revokedAt: Date | null;
  revocationChannel: string | null;
  version: number;
  categories: string[];
  actions: string[];
  purpose: string;
  validFrom: Date;
  validUntil: Date;
  captureMode: string;
  language: string;
  recordedAt: Date;
  /** The survivor's "never to these agencies" in this version. */
  denyAgencyIds: string[];
}

export interface MandateRow {
  id: string;
  recipientAgencyId: string;
  basis: 'court_order' | 'statute';
  categories: string[];
  validFrom: Date;
  validUntil: Date | null;
  survivorNotification: 'notified' | 'pending' | 'delayed' | 'withheld';
  survivorNotifiedAt: Date | null;
  notificationReason: string | null;
  withdrawnAt: Date | null;
  recordedAt: Date;
}

/**
 * What a survivor's accounting reads: the case (scoped to its custodian), its chain of log
 * entries, its consents and mandates, its referral links, and agency names from the directory.
 */
@Injectable()
export class AccountingRepository {
  /** The case if the agency is its custodian; null otherwise (404 either way). */
  async findCase(manager: EntityManager, caseId: string, agencyId: string): Promise<CaseRow | null> {
    const rows: CaseRow[] = await manager.query(
      `SELECT id, custodian_agency_id AS "custodianAgencyId", linked_from_case_id AS "linkedFromCaseId", created_at AS "createdAt"
         FROM cases WHERE id = $1 AND custodian_agency_id = $2`,
      [caseId, agencyId],
    );
    return rows[0] ?? null;
  }

  /** The case this one was opened from, and the cases opened from it (each held by another agency). */
  async linkedCases(manager: EntityManager, caseId: string, linkedFromCaseId: string | null): Promise<{ from: CaseRow | null; to: CaseRow[] }> {
    const rows: (CaseRow & { direction: 'from' | 'to' })[] = await manager.query(
      `SELECT id, custodian_agency_id AS "custodianAgencyId", linked_from_case_id AS "linkedFromCaseId", created_at AS "createdAt",
              CASE WHEN id = $2 THEN 'from' ELSE 'to' END AS direction
         FROM cases WHERE linked_from_case_id = $1 OR id = $2 ORDER BY created_at, id`,
      [caseId, linkedFromCaseId],
    );
    return { from: rows.find((row) => row.direction === 'from') ?? null, to: rows.filter((row) => row.direction === 'to') };
  }

  async caseEntries(manager: EntityManager, caseId: string): Promise<StoredEntry[]> {
    const rows: { idx: string; leaf_hash: Buffer; entry: Buffer }[] = await manager.query(
      'SELECT idx, leaf_hash, entry FROM ledger_entries WHERE case_id = $1 ORDER BY idx',
      [caseId],
    );
    return rows.map((row) => ({ index: Number(row.idx), leafHash: row.leaf_hash, entry: row.entry }));
  }

  consentHistory(manager: EntityManager, caseId: string): Promise<ConsentVersionRow[]> {
    return manager.query(
      `SELECT c.id AS "consentId", c.recipient_agency_id AS "recipientAgencyId", c.current_version AS "currentVersion",
              c.revoked_at AS "revokedAt", c.revocation_channel AS "revocationChannel", v.version, v.categories, v.actions,
              v.purpose, v.valid_from AS "validFrom", v.valid_until AS "validUntil", v.capture_mode AS "captureMode",
              v.language, v.recorded_at AS "recordedAt", v.deny_agency_ids AS "denyAgencyIds"
         FROM consents c JOIN consent_versions v ON v.consent_id = c.id
        WHERE c.case_id = $1 ORDER BY c.created_at, c.id, v.version`,
      [caseId],
    );
  }

  mandates(manager: EntityManager, caseId: string): Promise<MandateRow[]> {
    return manager.query(
      `SELECT id, recipient_agency_id AS "recipientAgencyId", basis, categories, valid_from AS "validFrom", valid_until AS "validUntil",
              survivor_notification AS "survivorNotification", survivor_notified_at AS "survivorNotifiedAt",
              notification_reason AS "notificationReason", withdrawn_at AS "withdrawnAt", recorded_at AS "recordedAt"
         FROM mandates WHERE case_id = $1 ORDER BY recorded_at, id`,
      [caseId],
    );
  }

  async agencyNames(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await manager.query('SELECT id, name FROM agencies WHERE id = ANY($1::uuid[])', [[...ids]]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
