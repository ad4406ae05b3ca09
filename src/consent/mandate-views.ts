import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { ConsentsRepository } from './consents.repository';
import { type MandateEntity } from './entities/mandate.entity';
import { isMandateActive } from './policy';

export const MANDATE_STATUSES = ['active', 'pending', 'expired', 'withdrawn'] as const;
export type MandateStatus = (typeof MANDATE_STATUSES)[number];

export interface MandateWarning {
  code: 'recipient_excluded_by_survivor';
  message: string;
}

export interface MandateRecordView {
  mandate: MandateEntity;
  status: MandateStatus;
  warnings: MandateWarning[];
}

/** Active exactly when the policy's isMandateActive says so; otherwise which way it is not. */
export function mandateStatus(mandate: MandateEntity, now: Date): MandateStatus {
  if (isMandateActive(mandate, now)) return 'active';
  if (mandate.withdrawnAt !== null) return 'withdrawn';
  return mandate.validFrom.getTime() > now.getTime() ? 'pending' : 'expired';
}

/** Builds mandate views: status now, and a warning when the survivor's deny provision blocks it. */
@Injectable()
export class MandateViews {
  constructor(private readonly consents: ConsentsRepository) {}

  async of(manager: EntityManager, mandates: readonly MandateEntity[], now = new Date()): Promise<MandateRecordView[]> {
    const caseIds = [...new Set(mandates.map((mandate) => mandate.caseId))];
    const ofCase = new Map(await Promise.all(caseIds.map(async (caseId) => [caseId, await this.consents.policyViewsOfCase(manager, caseId)] as const)));
    return mandates.map((mandate) => {
      const excluded = (ofCase.get(mandate.caseId) ?? []).some((consent) => consent.denyAgencyIds.includes(mandate.recipientAgencyId));
      const warnings: MandateWarning[] = excluded
        ? [{ code: 'recipient_excluded_by_survivor', message: 'Registered, but nothing can be disclosed under it here: a release of this case says never to share with this recipient. Counsel handles the conflict outside the platform.' }]
        : [];
      return { mandate, status: mandateStatus(mandate, now), warnings };
    });
  }
}
