import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { LOWERCASE_UUID } from '../../crypto/identifiers';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { HIGH_RISK_REASONS, type HighRiskReason } from '../../risk/risk.vocabulary';
import { type CaseRow } from '../cases.repository';
import { SealedRecordProperty } from './sealed-record.dto';

export class OpenCaseDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The new case handle (lowercase UUID). Required with a profile, whose sealed header names the case; otherwise the server picks one.',
  })
  @MayBeOmitted()
  @Matches(LOWERCASE_UUID, { message: 'caseId must be a lowercase UUID' })
  caseId?: string;

  @SealedRecordProperty('The survivor profile: category `profile`, wrapped for your agency only.', { required: false })
  profile?: Record<string, unknown>;
}

export class ReplaceProfileDto {
  @SealedRecordProperty('The new profile version: category `profile`, wrapped for your agency only, `supersedes` = the current profile record id.', {
    required: true,
  })
  profile!: Record<string, unknown>;
}

export class ListCasesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @MayBeOmitted()
  @IsString()
  cursor?: string;
}

export class SetHighRiskDto {
  @ApiProperty({ enum: HIGH_RISK_REASONS, description: 'Why the case is high risk: a screen screened it in, professional judgement, or escalation (3+ police-reported incidents in 12 months).' })
  @IsIn(HIGH_RISK_REASONS)
  reason!: HighRiskReason;
}

/** The custodian's high-risk flag: a coded reason and a time, nothing of the screen behind it. */
export class HighRiskFlagDto {
  @ApiProperty({ enum: HIGH_RISK_REASONS }) reason!: HighRiskReason;
  @ApiProperty({ format: 'date-time' }) setAt!: string;
}

/** A case handle: no survivor data, only ids, times and the custodian's high-risk flag. */
export class CaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) custodianAgencyId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The case this one was opened from by a referral (the sender\'s handle).' })
  linkedFromCaseId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The current sealed profile, if any.' })
  profileRecordId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: HighRiskFlagDto, nullable: true, description: 'Set by the custodian for routing to the high-risk team; null when not flagged. Screens themselves stay sealed.' })
  highRisk!: HighRiskFlagDto | null;

  static from(row: CaseRow): CaseDto {
    return {
      id: row.id,
      custodianAgencyId: row.custodianAgencyId,
      linkedFromCaseId: row.linkedFromCaseId,
      profileRecordId: row.profileRecordId,
      createdAt: row.createdAt.toISOString(),
      highRisk: row.highRiskReason === null || row.highRiskSetAt === null ? null : { reason: row.highRiskReason, setAt: row.highRiskSetAt.toISOString() },
    };
  }
}

export class CasePageDto {
  @ApiProperty({ type: [CaseDto] }) items!: CaseDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
