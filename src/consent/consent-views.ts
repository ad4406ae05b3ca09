import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type ConsentStatus } from './consent.vocabulary';
import { assessRelease, type ReleaseAssessment } from './consent-rules';
import { ConsentsRepository } from './consents.repository';
import { type ConsentVersionEntity } from './entities/consent-version.entity';
import { type ConsentEntity } from './entities/consent.entity';
import { PartiesRepository } from './parties.repository';
import { type ConsentView, consentStatus } from './policy';

/** A consent as the custodian sees it: every version, its status now, and what it can release. */
export interface ConsentRecordView {
  consent: ConsentEntity;
  /** Oldest first; the last is the current version. */
  versions: ConsentVersionEntity[];
  current: ConsentVersionEntity;
  status: ConsentStatus;
  assessment: ReleaseAssessment;
}

function excludedBySurvivor(consent: ConsentEntity, ofCase: readonly ConsentView[]): boolean {
  return ofCase.some((other) => other.denyAgencyIds.includes(consent.recipientAgencyId));
}

/** Builds consent views; status comes from the policy's consentStatus, the one definition. */
@Injectable()
export class ConsentViews {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly parties: PartiesRepository,
  ) {}

  async of(manager: EntityManager, consents: readonly ConsentEntity[], now = new Date()): Promise<ConsentRecordView[]> {
    if (consents.length === 0) return [];
    const versions = await this.consents.versionsOf(manager, consents.map((consent) => consent.id));
    const agencies = await this.parties.agencies(manager, consents.flatMap((consent) => [consent.custodianAgencyId, consent.recipientAgencyId]));
    const caseIds = [...new Set(consents.map((consent) => consent.caseId))];
    const ofCase = new Map(await Promise.all(caseIds.map(async (caseId) => [caseId, await this.consents.policyViewsOfCase(manager, caseId)] as const)));
    return consents.map((consent) => {
      const own = versions.filter((version) => version.consentId === consent.id);
      const current = own.find((version) => version.version === consent.currentVersion) as ConsentVersionEntity;
      const regimeOf = (id: string) => agencies.get(id)?.regime ?? ('unknown' as never);
      return {
        consent,
        versions: own,
        current,
        status: consentStatus({ revokedAt: consent.revokedAt, validFrom: current.validFrom, validUntil: current.validUntil }, now),
        assessment: assessRelease({
          captureMode: current.captureMode,
          actions: current.actions,
          custodianRegime: regimeOf(consent.custodianAgencyId),
          recipientRegime: regimeOf(consent.recipientAgencyId),
          excludedBySurvivor: excludedBySurvivor(consent, ofCase.get(consent.caseId) ?? []),
        }),
      };
    });
  }

  async one(manager: EntityManager, consent: ConsentEntity): Promise<ConsentRecordView> {
    const [view] = await this.of(manager, [consent]);
    return view;
  }
}
