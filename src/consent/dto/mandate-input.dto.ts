import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { SealedRecordProperty } from '../../cases/dto/sealed-record.dto';
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
import { IsIsoInstant, LOWERCASE_UUID } from './validators';

export class RegisterMandateDto {
  @ApiProperty({ enum: MANDATE_BASES, description: 'Only a court order reaches data held under vawa_fvpsa_voca or part2.' })
  @IsIn(MANDATE_BASES)
  basis!: MandateBasis;

  @ApiProperty({ format: 'uuid', description: 'The agency the order or statute compels disclosure to.' })
  @Matches(LOWERCASE_UUID, { message: 'recipientAgencyId must be a lowercase UUID' })
  recipientAgencyId!: string;

  @ApiProperty({ enum: RECORD_CATEGORIES, isArray: true, description: 'The scope: which kinds of record are compelled.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RECORD_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(RECORD_CATEGORIES, { each: true })
  categories!: RecordCategory[];

  @ApiProperty({ example: '2026-01-31T00:00:00.000Z' })
  @IsIsoInstant()
  validFrom!: string;

  @ApiPropertyOptional({ description: 'Omit when the order sets no end.' })
  @MayBeOmitted()
  @IsIsoInstant()
  validUntil?: string;

  @ApiProperty({ description: 'When the legal review of the order or statute was completed.' })
  @IsIsoInstant()
  reviewedAt!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The reviewer (a person of your agency); default: the caller.' })
  @MayBeOmitted()
  @Matches(LOWERCASE_UUID, { message: 'reviewedByPrincipalId must be a lowercase UUID' })
  reviewedByPrincipalId?: string;

  @ApiProperty({ enum: SURVIVOR_NOTIFICATION_STATUSES })
  @IsIn(SURVIVOR_NOTIFICATION_STATUSES)
  survivorNotification!: SurvivorNotificationStatus;

  @ApiPropertyOptional({ description: 'Required when survivorNotification is notified.' })
  @MayBeOmitted()
  @IsIsoInstant()
  survivorNotifiedAt?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_DELAY_REASONS, description: 'Required when survivorNotification is delayed or withheld.' })
  @MayBeOmitted()
  @IsIn(NOTIFICATION_DELAY_REASONS)
  notificationReason?: NotificationDelayReason;

  @SealedRecordProperty('Citation, docket, issuing court, scope in words: category `mandate_details`, wrapped for your agency only.', { required: false })
  details?: Record<string, unknown>;
}

/** A notification update, a withdrawal, or both. */
export class UpdateMandateDto {
  @ApiPropertyOptional({ enum: SURVIVOR_NOTIFICATION_STATUSES, description: 'The new notification state; its companions (survivorNotifiedAt or notificationReason) are required as at registration.' })
  @MayBeOmitted()
  @IsIn(SURVIVOR_NOTIFICATION_STATUSES)
  survivorNotification?: SurvivorNotificationStatus;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsIsoInstant()
  survivorNotifiedAt?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_DELAY_REASONS })
  @MayBeOmitted()
  @IsIn(NOTIFICATION_DELAY_REASONS)
  notificationReason?: NotificationDelayReason;

  @ApiPropertyOptional({ enum: [true], description: 'true: the order was vacated or the duty ended. Takes effect at once; wraps it justified are deleted.' })
  @MayBeOmitted()
  @IsIn([true], { message: 'withdrawn can only be true: a withdrawal cannot be undone' })
  withdrawn?: true;
}
