import { ApiProperty } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ example: 'ok' })
  status!: 'ok';
}

export class ReadinessDto {
  @ApiProperty({ example: 'ok' })
  status!: 'ok';

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] }, example: { database: 'up' } })
  checks!: Record<string, string>;
}
