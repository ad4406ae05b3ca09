import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { type AgencyEntity } from '../agency.entity';
import {
  AGENCY_KINDS,
  AGENCY_STATUSES,
  type AgencyKind,
  type AgencyStatus,
  CONFIDENTIALITY_REGIMES,
  type ConfidentialityRegime,
} from '../agency.vocabulary';

export class CreateAgencyDto {
  @ApiProperty({ example: 'Duluth Police Department' })
  @IsString()
  @Length(2, 200)
  @Matches(/^[^\r\n]+$/, { message: 'name must be a single line' })
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS)
  kind!: AgencyKind;

  @ApiProperty({ enum: CONFIDENTIALITY_REGIMES, description: 'The confidentiality law that binds the agency when it discloses.' })
  @IsIn(CONFIDENTIALITY_REGIMES)
  regime!: ConfidentialityRegime;
}

export class SetAgencyStatusDto {
  @ApiProperty({ enum: AGENCY_STATUSES, description: 'A suspended agency\'s principals are refused: at once through the API process that suspended it, within half a second through any other (decision 0147).' })
  @IsIn(AGENCY_STATUSES)
  status!: AgencyStatus;
}

export class AgencyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind!: AgencyKind;
  @ApiProperty({ enum: CONFIDENTIALITY_REGIMES }) regime!: ConfidentialityRegime;
  @ApiProperty({ enum: AGENCY_STATUSES }) status!: AgencyStatus;
  @ApiProperty({ description: 'The CCR coordinating body (auditors, administrators).' }) coordinatingBody!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(agency: AgencyEntity): AgencyDto {
    return {
      id: agency.id,
      name: agency.name,
      kind: agency.kind,
      regime: agency.regime,
      status: agency.status,
      coordinatingBody: agency.coordinatingBody,
      createdAt: agency.createdAt.toISOString(),
    };
  }
}
