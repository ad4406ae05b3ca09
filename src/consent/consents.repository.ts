import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { type RevocationChannel } from './consent.vocabulary';
import { ConsentVersionEntity } from './entities/consent-version.entity';
import { ConsentEntity } from './entities/consent.entity';
import { type ConsentView } from './policy';

export interface RevocationFields {
  principalId: string;
  channel: RevocationChannel;
  signerEpoch: number | null;
  signature: Buffer | null;
}

/** A record already delivered under a consent: the log says when, and it cannot be recalled. */
export interface DeliveryRow {
  logIndex: number;
  deliveredAt: Date;
  recipientAgencyId: string;
  recordIds: string[];
  categories: string[];
}

/**
 * Consents and their versions. Reads that serve a caller are scoped to the custodian agency;
 * the decision reads (`policyViewsOfCase`) serve the consent module's own decision service.
 */
@Injectable()
export class ConsentsRepository {
  async insert(manager: EntityManager, consent: ConsentEntity, version: ConsentVersionEntity): Promise<void> {
    await manager.getRepository(ConsentEntity).insert(consent);
    await manager.getRepository(ConsentVersionEntity).insert(version);
  }

  async insertVersion(manager: EntityManager, version: ConsentVersionEntity): Promise<void> {
    await manager.getRepository(ConsentVersionEntity).insert(version);
    await manager.getRepository(ConsentEntity).update({ id: version.consentId }, { currentVersion: version.version });
  }

  exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.getRepository(ConsentEntity).existsBy({ id });
  }

  /** The custodian's consent; with `lock` held FOR UPDATE (amendment, revocation) until commit. */
  findOwned(manager: EntityManager, id: string, agencyId: string, lock = false): Promise<ConsentEntity | null> {
    return manager.getRepository(ConsentEntity).findOne({
      where: { id, custodianAgencyId: agencyId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  listOfCase(manager: EntityManager, caseId: string, agencyId: string): Promise<ConsentEntity[]> {
    return manager.getRepository(ConsentEntity).find({ where: { caseId, custodianAgencyId: agencyId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  versionsOf(manager: EntityManager, consentIds: readonly string[]): Promise<ConsentVersionEntity[]> {
    if (consentIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(ConsentVersionEntity).find({ where: { consentId: In([...consentIds]) }, order: { consentId: 'ASC', version: 'ASC' } });
  }

  async markRevoked(manager: EntityManager, id: string, fields: RevocationFields): Promise<void> {
    await manager.query(
      `UPDATE consents SET revoked_at = clock_timestamp(), revoked_by_principal_id = $2, revocation_channel = $3,
              revocation_signer_epoch = $4, revocation_signature = $5
        WHERE id = $1 AND revoked_at IS NULL`,
      [id, fields.principalId, fields.channel, fields.signerEpoch, fields.signature],
    );
  }

  /** Every consent of the case at its current version, in the policy's view (any status). */
  async policyViewsOfCase(manager: EntityManager, caseId: string): Promise<ConsentView[]> {
    const rows: (Omit<ConsentView, 'validFrom' | 'validUntil' | 'revokedAt' | 'recordedAt'> & Record<'validFrom' | 'validUntil' | 'recordedAt', Date> & { revokedAt: Date | null })[] =
      await manager.query(
        `SELECT c.id, v.version, c.case_id AS "caseId", c.custodian_agency_id AS "custodianAgencyId",
                c.recipient_agency_id AS "recipientAgencyId", v.categories, v.actions, v.purpose,
                v.valid_from AS "validFrom", v.valid_until AS "validUntil", v.capture_mode AS "captureMode",
                v.deny_agency_ids AS "denyAgencyIds", c.revoked_at AS "revokedAt", v.recorded_at AS "recordedAt"
           FROM consents c JOIN consent_versions v ON v.consent_id = c.id AND v.version = c.current_version
          WHERE c.case_id = $1`,
        [caseId],
      );
    return rows;
  }

  /**
   * Every disclosure the log holds under this consent to its recipient: what was already read
   * and cannot be recalled. Ids and times only; the log never holds content.
   */
  async deliveriesUnder(manager: EntityManager, consentId: string, recipientAgencyId: string): Promise<DeliveryRow[]> {
    const rows: { idx: string; recordedAt: Date; recipientAgencyId: string; entry: Buffer }[] = await manager.query(
      `SELECT idx, recorded_at AS "recordedAt", recipient_agency_id AS "recipientAgencyId", entry
         FROM ledger_entries WHERE consent_id = $1 AND kind = 'disclosure' AND recipient_agency_id = $2 ORDER BY idx`,
      [consentId, recipientAgencyId],
    );
    return rows.map((row) => {
      const entry = JSON.parse(row.entry.toString('utf8')) as { records?: string[]; categories?: string[] };
      return { logIndex: Number(row.idx), deliveredAt: row.recordedAt, recipientAgencyId: row.recipientAgencyId, recordIds: entry.records ?? [], categories: entry.categories ?? [] };
    });
  }
}
