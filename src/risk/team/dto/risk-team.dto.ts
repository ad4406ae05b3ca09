import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsString, Length, Matches } from 'class-validator';
import { LOWERCASE_UUID } from '../../../crypto/identifiers';
import { type RiskTeamRow } from '../risk-teams.repository';

/** Enough for any CCR's partners (MARACs list about 10–20 agencies). */
export const MAX_TEAM_MEMBERS = 50;

export class FormRiskTeamDto {
  @ApiProperty({ description: 'The name the CCR gives the team (never survivor data).', minLength: 2, maxLength: 200 })
  @IsString()
  @Length(2, 200)
  @Matches(/^[^\r\n]+$/, { message: 'name must be a single line' })
  name!: string;

  @ApiProperty({ type: [String], description: "The member agencies besides yours (your agency chairs the team and is always a member).", maxItems: MAX_TEAM_MEMBERS })
  @IsArray()
  @ArrayMaxSize(MAX_TEAM_MEMBERS)
  @ArrayUnique()
  @Matches(LOWERCASE_UUID, { each: true, message: 'each of memberAgencyIds must be a lowercase UUID' })
  memberAgencyIds!: string[];

  @ApiProperty({ description: "DVHRT practice: the team hears a case only with the survivor's written consent (or a recorded mandate)." })
  @IsBoolean()
  requiresWrittenConsent!: boolean;
}

export class RiskTeamDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) chairAgencyId!: string;
  @ApiProperty({ type: [String], description: 'Every member agency, the chair included.' }) memberAgencyIds!: string[];
  @ApiProperty() requiresWrittenConsent!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(row: RiskTeamRow): RiskTeamDto {
    return {
      id: row.id,
      name: row.name,
      chairAgencyId: row.chairAgencyId,
      memberAgencyIds: row.memberAgencyIds,
      requiresWrittenConsent: row.requiresWrittenConsent,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
