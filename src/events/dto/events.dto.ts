import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { EVENT_TYPES, type EventType } from '../event.vocabulary';

export class EventFeedQueryDto {
  @ApiPropertyOptional({ description: 'Cursor from the previous page (`next`); omit to start from the beginning.' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AgencyEventDto {
  @ApiProperty({ description: 'Position of this event in the feed (opaque).' }) cursor!: string;
  @ApiProperty({ enum: EVENT_TYPES }) type!: EventType;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) referralId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) consentId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) recordId!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class EventPageDto {
  @ApiProperty({ type: [AgencyEventDto] }) events!: AgencyEventDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `after` to continue (poll again with it when events is empty).' })
  next!: string | null;
}
