import { ApiProperty } from '@nestjs/swagger';
import {
  MANDATE_BASES,
  type MandateBasis,
  NOTIFICATION_DELAY_REASONS,
  type NotificationDelayReason,
  RECORD_CATEGORIES,
  type RecordCategory,
  SURVIVOR_NOTIFICATION_STATUSES,
  type SurvivorNotificationStatus,
} from '../consent.vocabulary';
import { MANDATE_STATUSES, type MandateStatus, type MandateRecordView } from '../mandate-views';

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export class MandateWarningDto {
  @ApiProperty({ enum: ['recipient_excluded_by_survivor'] }) code!: string;
  @ApiProperty() message!: string;
}

/** A compelled disclosure in the register. The citation, docket and court are in the sealed details record. */
export class MandateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) custodianAgencyId!: string;
  @ApiProperty({ format: 'uuid' }) recipientAgencyId!: string;
  @ApiProperty({ enum: MANDATE_BASES }) basis!: MandateBasis;
  @ApiProperty({ enum: RECORD_CATEGORIES, isArray: true }) categories!: RecordCategory[];
  @ApiProperty({ enum: MANDATE_STATUSES, description: 'Now: withdrawn wins; then pending (before validFrom), expired (at or after validUntil), active.' })
  status!: MandateStatus;
  @ApiProperty({ description: 'Whether decide() can rest a disclosure on it now (false e.g. when the survivor excluded the recipient).' })
  releasesData!: boolean;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) validUntil!: string | null;
  @ApiProperty({ format: 'uuid' }) reviewedByPrincipalId!: string;
  @ApiProperty({ format: 'date-time' }) reviewedAt!: string;
  @ApiProperty({ enum: SURVIVOR_NOTIFICATION_STATUSES }) survivorNotification!: SurvivorNotificationStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) survivorNotifiedAt!: string | null;
  @ApiProperty({ enum: NOTIFICATION_DELAY_REASONS, nullable: true }) notificationReason!: NotificationDelayReason | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) detailsRecordId!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) withdrawnAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) withdrawnByPrincipalId!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedByPrincipalId!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: [MandateWarningDto] }) warnings!: MandateWarningDto[];

  static from(view: MandateRecordView): MandateDto {
    const { mandate } = view;
    return {
      id: mandate.id,
      caseId: mandate.caseId,
      custodianAgencyId: mandate.custodianAgencyId,
      recipientAgencyId: mandate.recipientAgencyId,
      basis: mandate.basis,
      categories: mandate.categories,
      status: view.status,
      releasesData: view.status === 'active' && view.warnings.length === 0,
      validFrom: mandate.validFrom.toISOString(),
      validUntil: isoOrNull(mandate.validUntil),
      reviewedByPrincipalId: mandate.reviewedByPrincipalId,
      reviewedAt: mandate.reviewedAt.toISOString(),
      survivorNotification: mandate.survivorNotification,
      survivorNotifiedAt: isoOrNull(mandate.survivorNotifiedAt),
      notificationReason: mandate.notificationReason,
      detailsRecordId: mandate.detailsRecordId,
      withdrawnAt: isoOrNull(mandate.withdrawnAt),
      withdrawnByPrincipalId: mandate.withdrawnByPrincipalId,
      recordedByPrincipalId: mandate.recordedByPrincipalId,
      recordedAt: mandate.recordedAt.toISOString(),
      warnings: view.warnings,
    };
  }
}
