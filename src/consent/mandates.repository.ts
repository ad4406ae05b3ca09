import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type NotificationDelayReason, type SurvivorNotificationStatus } from './consent.vocabulary';
import { MandateEntity } from './entities/mandate.entity';

export interface NotificationFields {
  survivorNotification: SurvivorNotificationStatus;
  survivorNotifiedAt: Date | null;
  notificationReason: NotificationDelayReason | null;
}

/** The register of compelled disclosures, scoped to the custodian agency for every caller read. */
@Injectable()
export class MandatesRepository {
  async insert(manager: EntityManager, mandate: MandateEntity): Promise<void> {
    await manager.getRepository(MandateEntity).insert(mandate);
  }

  findOwned(manager: EntityManager, id: string, agencyId: string, lock = false): Promise<MandateEntity | null> {
    return manager.getRepository(MandateEntity).findOne({
      where: { id, custodianAgencyId: agencyId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  listOfCase(manager: EntityManager, caseId: string, agencyId: string): Promise<MandateEntity[]> {
    return manager.getRepository(MandateEntity).find({ where: { caseId, custodianAgencyId: agencyId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  async setNotification(manager: EntityManager, id: string, fields: NotificationFields): Promise<void> {
    await manager.getRepository(MandateEntity).update({ id }, fields);
  }

  async markWithdrawn(manager: EntityManager, id: string, principalId: string): Promise<void> {
    await manager.query(`UPDATE mandates SET withdrawn_at = clock_timestamp(), withdrawn_by_principal_id = $2 WHERE id = $1 AND withdrawn_at IS NULL`, [id, principalId]);
  }
}
