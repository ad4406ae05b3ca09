import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, ValidateIf } from 'class-validator';

/**
 * The wire KeyRegistrationV1 (docs/envelope.md §7.1). Only the JSON types are checked here; the
 * exact formats, key validity and signatures are checked by src/crypto, whose reason codes the
 * client gets back (422 key-registration-rejected).
 */
export class KeyRegistrationDto {
  @ApiProperty({ enum: [1], example: 1 })
  @IsInt()
  v!: number;

  @ApiProperty({ enum: ['ccr1'], example: 'ccr1' })
  @IsString()
  suite!: string;

  @ApiProperty({ format: 'uuid', description: 'Must be the agency in the path (lowercase).' })
  @IsString()
  agencyId!: string;

  @ApiProperty({ minimum: 1, description: 'The next epoch: 1 for a first registration, else the current epoch + 1.' })
  @IsInt()
  epoch!: number;

  @ApiProperty({ format: 'byte', description: 'Ed25519 public key, standard base64 of 32 bytes.' })
  @IsString()
  signPublicKey!: string;

  @ApiProperty({ format: 'byte', description: 'X25519 public key, standard base64 of 32 bytes.' })
  @IsString()
  boxPublicKey!: string;

  @ApiProperty({ example: '2026-11-21T05:37:23.123Z', description: 'ISO-8601 UTC with milliseconds.' })
  @IsString()
  createdAt!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'epoch - 1, or null for epoch 1.' })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  previousEpoch!: number | null;

  @ApiProperty({ format: 'byte', description: 'Ed25519 signature by the new signing key (proof of possession).' })
  @IsString()
  selfSignature!: string;

  @ApiProperty({ type: String, format: 'byte', nullable: true, description: "Ed25519 signature by the previous epoch's signing key; null for epoch 1." })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  rotationSignature!: string | null;
}
