import { ApiProperty } from '@nestjs/swagger';
import { type RevocationOutcome } from '../revocation.service';
import { ConsentDto } from './consent.dto';

export class RevocationEffectDto {
  @ApiProperty({ description: 'Stable code: wraps_deleted, referral_cancelled, recipient_notified, ...' }) kind!: string;
  @ApiProperty({ type: [String], description: 'Ids of what the effect touched.' }) ids!: string[];
  @ApiProperty() summary!: string;
}

/** A delivery made before the revocation: the recipient already has it, and it cannot be recalled. */
export class NotRecalledDto {
  @ApiProperty({ format: 'uuid', type: [String] }) recordIds!: string[];
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ format: 'uuid' }) recipientAgencyId!: string;
  @ApiProperty({ format: 'date-time' }) deliveredAt!: string;
  @ApiProperty({ description: 'The disclosure entry in the log (provable against a checkpoint).' }) logIndex!: number;
}

export class RevocationResultDto {
  @ApiProperty({ type: ConsentDto }) consent!: ConsentDto;
  @ApiProperty({ type: [RevocationEffectDto], description: 'What the revocation did, in the same transaction.' }) effects!: RevocationEffectDto[];
  @ApiProperty({
    type: [NotRecalledDto],
    description: 'What the recipient had already read under this consent. Revocation stops further delivery; it cannot take back what was read.',
  })
  notRecalled!: NotRecalledDto[];
  @ApiProperty({ description: 'Index of the consent_revoked entry in the disclosure log.' }) logIndex!: number;

  static from(outcome: RevocationOutcome): RevocationResultDto {
    return {
      consent: ConsentDto.from(outcome.view),
      effects: outcome.effects.map((effect) => ({ kind: effect.kind, ids: [...effect.ids], summary: effect.summary })),
      notRecalled: outcome.notRecalled.map((row) => ({
        recordIds: row.recordIds,
        categories: row.categories,
        recipientAgencyId: row.recipientAgencyId,
        deliveredAt: row.deliveredAt.toISOString(),
        logIndex: row.logIndex,
      })),
      logIndex: outcome.logIndex,
    };
  }
}
