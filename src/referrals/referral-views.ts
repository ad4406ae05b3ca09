import { type DeliveredRecord } from '../records/records.service';
import { type ReferralDto, type ReferralStatusChangeDto, type ReferralWithContentDto } from './dto/referral.dto';
import { type StatusChange } from './referrals.repository';
import { type ReferralView } from './referrals.service';

export function toReferralDto({ referral, side, statusDetailsShared, outcomeAvailable }: ReferralView): ReferralDto {
  return {
    id: referral.id,
    yourSide: side,
    fromAgencyId: referral.fromAgencyId,
    toAgencyId: referral.toAgencyId,
    caseId: side === 'sender' ? referral.fromCaseId : referral.toCaseId,
    consentId: referral.consentId,
    purpose: referral.purpose,
    priority: referral.priority,
    status: referral.status,
    statusReason: statusDetailsShared ? referral.statusReason : null,
    outcome: statusDetailsShared ? referral.outcome : null,
    contentRecordId: referral.contentRecordId,
    outcomeAvailable,
    outcomeRecordId: outcomeAvailable ? referral.outcomeRecordId : null,
    statusDetailsShared,
    version: referral.version,
    createdAt: new Date(referral.createdAt).toISOString(),
    updatedAt: new Date(referral.updatedAt).toISOString(),
    deadlines: referral.deadlines.map((deadline) => ({ step: deadline.step, respondBy: new Date(deadline.respondBy).toISOString() })),
    agreement: referral.deadlines[0] ? { id: referral.deadlines[0].agreementId, version: referral.deadlines[0].agreementVersion } : null,
  };
}

export function toReferralWithContentDto(view: ReferralView & { content: DeliveredRecord | null; history: StatusChange[] }): ReferralWithContentDto {
  return {
    ...toReferralDto(view),
    content: (view.content?.record ?? null) as unknown as Record<string, unknown> | null,
    history: view.history.map((change) => toHistoryDto(change, view.statusDetailsShared)),
  };
}

function toHistoryDto(change: StatusChange & { changedAt?: Date }, detailsShared: boolean): ReferralStatusChangeDto {
  return {
    version: change.version,
    fromStatus: change.fromStatus,
    toStatus: change.toStatus,
    reason: detailsShared ? change.reason : null,
    outcome: detailsShared ? change.outcome : null,
    side: change.side,
    changedAt: new Date(change.changedAt ?? 0).toISOString(),
  };
}
