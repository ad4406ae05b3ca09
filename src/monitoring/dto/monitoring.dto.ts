import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNumber, IsUUID, Max, Min } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { BUCKETS, type Bucket, DEFAULT_K, MIN_K } from '../figures/catalogue';

export const MAX_K = 1000;
export const MAX_EPSILON = 10;

export class CreateMonitoringReportDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the period (inclusive), an ISO instant.' })
  @IsISO8601({ strict: true, strictSeparator: true })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End of the period (exclusive), an ISO instant after `from`.' })
  @IsISO8601({ strict: true, strictSeparator: true })
  to!: string;

  @ApiProperty({ enum: BUCKETS, description: 'Calendar buckets (UTC): month or quarter.' })
  @IsIn(BUCKETS)
  bucket!: Bucket;

  @ApiPropertyOptional({ minimum: MIN_K, maximum: MAX_K, default: DEFAULT_K, description: 'Small-cell threshold: cells below it are suppressed (never below 5).' })
  @MayBeOmitted()
  @IsInt()
  @Min(MIN_K)
  @Max(MAX_K)
  k?: number;

  @ApiPropertyOptional({ minimum: 0.01, maximum: MAX_EPSILON, description: 'Discrete-Laplace noise of this ε per table on the published copy; no noise if left out.' })
  @MayBeOmitted()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(MAX_EPSILON)
  epsilon?: number;

  @ApiPropertyOptional({ format: 'uuid', description: "One agency's own figures: its acts and the referrals it sent or received, itself named in the rows. Member agencies always get their own (naming another is 403); the coordinating body may name any, or none for the CCR's." })
  @MayBeOmitted()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID()
  agency?: string;
}

export class MonitoringParametersDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ enum: BUCKETS }) bucket!: Bucket;
  @ApiProperty() k!: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'Present when these are one agency\'s own figures.' }) agency?: string;
}

export class MonitoringReportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'The catalogue version the figures follow (docs/monitoring.md).' }) definitions!: string;
  @ApiProperty({ description: 'The signed log size the figures were computed at: entries 0 … treeSize − 1.' }) treeSize!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Time of the last entry below treeSize: "now" for the figures.' }) asOf!: string | null;
  @ApiProperty({ type: MonitoringParametersDto }) parameters!: MonitoringParametersDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The exact figures after suppression, before noise: what ccrx monitoring verify recomputes.' })
  figures!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The noise mechanism and the privacy budget spent; null without noise.' })
  noise!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The figures to publish: with noise if asked, else the same as figures.' })
  published!: Record<string, unknown>;
}

export class MonitoringReportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'uuid', description: 'The person or system of the caller\'s agency who asked for it.' }) createdBy!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Their display name; null if they no longer exist.' }) createdByName!: string | null;
  @ApiProperty() definitions!: string;
  @ApiProperty({ description: 'The signed log size the figures were computed at.' }) treeSize!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) asOf!: string | null;
  @ApiProperty({ type: MonitoringParametersDto }) parameters!: MonitoringParametersDto;
  @ApiProperty({ type: Number, nullable: true, description: 'The privacy budget the published copy spent; null without noise.' }) totalEpsilon!: number | null;
}

export class MonitoringReportListDto {
  @ApiProperty({ type: [MonitoringReportSummaryDto], description: 'Newest first, at most 200; older reports stay readable by id.' }) items!: MonitoringReportSummaryDto[];
}
