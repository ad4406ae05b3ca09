import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { type DeliveredRecord } from '../../records/records.service';

/**
 * A sealed record (envelope v1, docs/envelope.md) as the SDK produced it. Only its JSON type is
 * checked here; its structure, signature and recipients are checked by the envelope verifier,
 * which names the offending member (e.g. `profile.wraps`).
 */
export function SealedRecordProperty(description: string, options: { required: boolean }): PropertyDecorator {
  const doc = { type: 'object', additionalProperties: true, description: `${description} Envelope v1 (docs/envelope.md), sealed by the SDK.` } as const;
  return options.required
    ? applyDecorators(ApiProperty(doc), IsObject())
    : applyDecorators(ApiPropertyOptional(doc), MayBeOmitted(), IsObject());
}

export class DeliveredWrapDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() epoch!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The consent or mandate the wrap rests on; null for the author.' })
  consentId!: string | null;
  @ApiPropertyOptional({ description: "The caller's own wrap (base64)." }) wrap?: string;
  @ApiPropertyOptional({ description: "Every other agency's wrap is withheld: only its hash (base64), to check the author's signature." })
  wrapHash?: string;
}

export class DeliveredEnvelopeDto {
  @ApiProperty({ enum: [1] }) v!: 1;
  @ApiProperty({ enum: ['ccr1'] }) suite!: 'ccr1';
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ format: 'uuid' }) authorAgencyId!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) supersedes!: string | null;
  @ApiProperty() signerEpoch!: number;
  @ApiProperty() nonce!: string;
  @ApiProperty() ciphertext!: string;
  @ApiProperty() keyCommitment!: string;
  @ApiProperty({ type: [DeliveredWrapDto] }) wraps!: DeliveredWrapDto[];
  @ApiProperty() signature!: string;
}

export class DeliveryBasisDto {
  @ApiProperty({ enum: ['custodian', 'consent', 'mandate'] }) kind!: 'custodian' | 'consent' | 'mandate';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id!: string | null;
  @ApiProperty({ nullable: true, type: Number }) version!: number | null;
}

/** A record handed to the caller's agency, logged in the same transaction (`logIndex`). */
export class DeliveredRecordDto {
  @ApiProperty({ type: DeliveredEnvelopeDto }) record!: DeliveredEnvelopeDto;
  @ApiProperty({ type: DeliveryBasisDto }) basis!: DeliveryBasisDto;
  @ApiProperty({ description: 'Index of the access or disclosure entry in the disclosure log.' }) logIndex!: number;

  static from(delivered: DeliveredRecord): DeliveredRecordDto {
    return { record: delivered.record, basis: delivered.basis, logIndex: delivered.logIndex };
  }
}
