import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';

const DECIMAL = /^(?:0|[1-9][0-9]{0,15})$/;

/**
 * A tree size or leaf index in a query string: a canonical decimal (no sign, no leading zeroes,
 * no exponent, not empty), else 422. `Number("")` is 0, so the usual @Type(() => Number) is not used.
 */
export function LogNumber(description: string, options: { optional?: boolean; min?: number; max?: number } = {}): PropertyDecorator {
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const doc = { type: 'integer' as const, minimum: min, maximum: max, description };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(options.optional ? [MayBeOmitted()] : []),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value === undefined ? undefined : Number.NaN)),
    IsInt({ message: '$property must be a decimal integer' }),
    Min(min),
    Max(max),
  );
}
