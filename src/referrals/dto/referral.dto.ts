import { AGREEMENT_STEPS, type AgreementStep } from '../../agreements/agreement.vocabulary';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsObject, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DeliveredEnvelopeDto } from '../../cases/dto/sealed-record.dto';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { PURPOSE_CODES, type PurposeCode } from '../../consent/consent.vocabulary';
import {
  ALL_STATUS_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_PRIORITIES,
  REFERRAL_STATUSES,
  type ReferralOutcome,
  type ReferralPriority,
  type ReferralStatus,
  type StatusReason,
} from '../referral.vocabulary';

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid', description: 'The receiving agency.' })
  @IsUUID()
  toAgencyId!: string;

  @ApiProperty({ format: 'uuid', description: 'Your case the referral is about.' })
  @IsUUID()
  fromCaseId!: string;

  @ApiProperty({ format: 'uuid', description: 'The survivor\'s release to the receiving agency that this referral rests on.' })
  @IsUUID()
  consentId!: string;

  @ApiProperty({ enum: PURPOSE_CODES })
  @IsIn(PURPOSE_CODES)
  purpose!: PurposeCode;

  @ApiProperty({ enum: REFERRAL_PRIORITIES })
  @IsIn(REFERRAL_PRIORITIES)
  priority!: ReferralPriority;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Sealed record (envelope v1, category `referral`, case = fromCaseId) wrapped for exactly your agency and the receiver (under consentId).',
  })
  @IsObject()
  content!: Record<string, unknown>;
}

export class ChangeReferralStatusDto {
  @ApiProperty({ enum: REFERRAL_STATUSES })
  @IsIn(REFERRAL_STATUSES)
  status!: ReferralStatus;

  @ApiPropertyOptional({ enum: ALL_STATUS_REASONS, description: 'Required for rejected, cancelled, on_hold, failed, entered_in_error.' })
  @MayBeOmitted()
  @IsIn(ALL_STATUS_REASONS)
  reason?: StatusReason;

  @ApiPropertyOptional({ enum: REFERRAL_OUTCOMES, description: 'The receiver\'s coded outcome for the survivor (kept apart from status).' })
  @MayBeOmitted()
  @IsIn(REFERRAL_OUTCOMES)
  outcome?: ReferralOutcome;

  @ApiProperty({ minimum: 1, description: 'The version you read: a concurrent change makes this 409.' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ShareOutcomeDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Sealed outcome note (category `outcome`, case = your linked case), wrapped for your agency and the referrer under the referral\'s consent.',
  })
  @IsObject()
  content!: Record<string, unknown>;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class ReferralListQueryDto {
  @ApiProperty({ enum: ['in', 'out'], description: 'in: referrals your agency received; out: referrals it sent.' })
  @IsIn(['in', 'out'])
  box!: 'in' | 'out';

  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @MayBeOmitted()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only referrals created at or after this time.' })
  @MayBeOmitted()
  @Type(() => Date)
  @IsDate()
  since?: Date;

  @ApiPropertyOptional({ description: 'Cursor from the previous page.' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReferralStatusChangeDto {
  @ApiProperty() version!: number;
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, nullable: true }) fromStatus!: ReferralStatus | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) toStatus!: ReferralStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: StatusReason | null;
  @ApiPropertyOptional({ type: String, nullable: true }) outcome!: ReferralOutcome | null;
  @ApiProperty({ enum: ['sender', 'receiver', 'system'] }) side!: 'sender' | 'receiver' | 'system';
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class ReferralDeadlineDto {
  @ApiProperty({ enum: AGREEMENT_STEPS, description: 'received: acknowledged; answered: accepted or rejected; first_contact: in progress.' }) step!: AgreementStep;
  @ApiProperty({ format: 'date-time', description: 'When the step is due, in business time under the agreement (Task.restriction.period end).' }) respondBy!: string;
}

export class ReferralAgreementRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
}

export class ReferralDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['sender', 'receiver'], description: 'Which side of this referral your agency is.' }) yourSide!: 'sender' | 'receiver';
  @ApiProperty({ format: 'uuid' }) fromAgencyId!: string;
  @ApiProperty({ format: 'uuid' }) toAgencyId!: string;
  @ApiProperty({ format: 'uuid', description: 'Your own case handle for this referral (sender: your case; receiver: the linked case opened for you).' })
  caseId!: string;
  @ApiProperty({ format: 'uuid' }) consentId!: string;
  @ApiProperty({ enum: PURPOSE_CODES }) purpose!: PurposeCode;
  @ApiProperty({ enum: REFERRAL_PRIORITIES }) priority!: ReferralPriority;
  @ApiProperty({ enum: REFERRAL_STATUSES, description: 'Always visible to both sides.' }) status!: ReferralStatus;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Shown to the sender only where the consent grants share_status_back.' })
  statusReason!: StatusReason | null;
  @ApiPropertyOptional({ enum: REFERRAL_OUTCOMES, nullable: true, description: 'As statusReason.' }) outcome!: ReferralOutcome | null;
  @ApiProperty({ format: 'uuid', description: 'The sealed content record (check the opened record is this one).' }) contentRecordId!: string;
  @ApiProperty({ description: 'Whether a sealed outcome note is available to you (GET /referrals/{id}/outcome).' }) outcomeAvailable!: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The sealed outcome note record, when it is available to you.' }) outcomeRecordId!: string | null;
  @ApiProperty({ description: 'Whether status details (reason, outcome) are shared back with the sender.' }) statusDetailsShared!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: [ReferralDeadlineDto], description: 'Per timed step, from the agreement in force between the two agencies when the referral was created; [] when none applied. Both sides see them.' })
  deadlines!: ReferralDeadlineDto[];
  @ApiProperty({ type: ReferralAgreementRefDto, nullable: true, description: 'The agreement version the deadlines come from, or null.' })
  agreement!: ReferralAgreementRefDto | null;
}

export class ReferralReadQueryDto {
  @ApiPropertyOptional({ enum: ['content', 'metadata'], default: 'content', description: 'metadata: status, history and ids only — no content, no disclosure.' })
  @MayBeOmitted()
  @IsIn(['content', 'metadata'])
  include?: 'content' | 'metadata';
}

export class ReferralWithContentDto extends ReferralDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'The sealed content with ONLY your agency\'s key wrap (others as hashes); null with include=metadata.' })
  content!: Record<string, unknown> | null;

  @ApiProperty({ type: [ReferralStatusChangeDto] }) history!: ReferralStatusChangeDto[];
}

export class ReferralPageDto {
  @ApiProperty({ type: [ReferralDto] }) items!: ReferralDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}

/** The receiver's outcome note as the sender reads it back. */
export class ReferralOutcomeRecordDto {
  @ApiProperty({ type: DeliveredEnvelopeDto, description: 'The sealed outcome note with only your agency\'s key wrap (others as hashes).' })
  record!: DeliveredEnvelopeDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'A custodian\'s share that grants your agency the key, when the record\'s own wraps do not.' })
  share!: Record<string, unknown> | null;
}
