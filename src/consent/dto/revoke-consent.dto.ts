import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { REVOCATION_CHANNELS, type RevocationChannel } from '../consent.vocabulary';
import { BASE64_SIGNATURE, MAX_KEY_EPOCH } from './validators';

/**
 * A survivor's revocation, as received by the caller (who is recorded as having received it).
 * Oral revocation takes effect at once (C-12): the signature is optional.
 */
export class RevokeConsentDto {
  @ApiProperty({ enum: REVOCATION_CHANNELS, description: "How the survivor's revocation reached your agency." })
  @IsIn(REVOCATION_CHANNELS)
  channel!: RevocationChannel;

  @ApiPropertyOptional({ description: 'With signature: the key epoch that signed the revocation (your agency\'s current one).' })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(MAX_KEY_EPOCH)
  signerEpoch?: number;

  @ApiPropertyOptional({ description: 'Base64 Ed25519 signature over PAE("ccr-exchange/v1/consent-revocation", consentId, current version, channel).' })
  @MayBeOmitted()
  @Matches(BASE64_SIGNATURE, { message: 'signature must be a 64-byte Ed25519 signature in base64' })
  signature?: string;
}
