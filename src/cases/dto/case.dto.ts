import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { LOWERCASE_UUID } from '../../crypto/identifiers';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
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

/** A case handle: no survivor data, only ids and times. */
export class CaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) custodianAgencyId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The case this one was opened from by a referral (the sender\'s handle).' })
  linkedFromCaseId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The current sealed profile, if any.' })
  profileRecordId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(row: CaseRow): CaseDto {
    return {
      id: row.id,
      custodianAgencyId: row.custodianAgencyId,
      linkedFromCaseId: row.linkedFromCaseId,
      profileRecordId: row.profileRecordId,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

export class CasePageDto {
  @ApiProperty({ type: [CaseDto] }) items!: CaseDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
