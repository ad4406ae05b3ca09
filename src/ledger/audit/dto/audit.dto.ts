import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsUUID } from 'class-validator';
import { MayBeOmitted } from '../../../platform/http/may-be-omitted';
import { LEDGER_KINDS } from '../../ledger.vocabulary';
import { LogNumber } from '../../dto/log-number';
import { type AuditRow } from '../audit-format';

const OUTCOMES = ['permitted', 'denied'] as const;
export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;

/** "a,b" and repeated parameters both become a list. */
const toList = ({ value }: { value: unknown }): unknown => {
  if (typeof value === 'string') return value.split(',');
  if (!Array.isArray(value)) return value;
  return (value as unknown[]).flatMap((each) => (typeof each === 'string' ? each.split(',') : [each]));
};

const lowerCase = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

export class AuditFiltersDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Entries where this agency acted, received, or whose records were read.' })
  @MayBeOmitted()
  @Transform(lowerCase)
  @IsUUID()
  agency?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A case handle.' })
  @MayBeOmitted()
  @Transform(lowerCase)
  @IsUUID()
  case?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Entries under this consent (its basis).' })
  @MayBeOmitted()
  @Transform(lowerCase)
  @IsUUID()
  consent?: string;

  @ApiPropertyOptional({ description: `Entry kinds, comma-separated: ${LEDGER_KINDS.join(', ')}.`, type: String })
  @MayBeOmitted()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(LEDGER_KINDS.length)
  @IsIn(LEDGER_KINDS, { each: true })
  kind?: string[];

  @ApiPropertyOptional({ enum: OUTCOMES })
  @MayBeOmitted()
  @IsIn(OUTCOMES)
  outcome?: (typeof OUTCOMES)[number];

  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded at or after (inclusive).' })
  @MayBeOmitted()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded before (exclusive).' })
  @MayBeOmitted()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditQueryDto extends AuditFiltersDto {
  @LogNumber('nextCursor of the previous page.', { optional: true })
  cursor?: number;

  @LogNumber('Page size (default 100).', { optional: true, min: 1, max: 1000 })
  limit?: number;
}

export class AuditExportQueryDto extends AuditFiltersDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'ndjson' })
  @MayBeOmitted()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}

export class AuditEntryDto {
  @ApiProperty({ type: 'integer' }) index!: number;
  @ApiProperty({ description: 'base64 stored leaf hash.' }) leafHash!: string;
  @ApiProperty({ description: 'base64 of the exact entry bytes.' }) bytes!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The entry, parsed (docs/ledger-format.md §3).' })
  entry!: Record<string, unknown> | null;

  static from(row: AuditRow): AuditEntryDto {
    return { ...row, entry: row.entry as Record<string, unknown> | null };
  }
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) entries!: AuditEntryDto[];
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Pass as `cursor` for the next page; null at the end.' }) nextCursor!: number | null;
}
