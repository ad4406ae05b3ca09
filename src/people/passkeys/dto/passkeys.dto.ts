import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, Matches, registerDecorator, ValidateIf, ValidateNested } from 'class-validator';
import { toBase64 } from '../../../crypto/base64';
import { MayBeOmitted } from '../../../platform/http/may-be-omitted';
import { IsBase64Bytes } from '../../dto/base64-bytes';
import { type PasskeyRow } from '../passkeys.repository';

/** WebAuthn's JSON encodes bytes as base64url; credential ids are at most 1023 bytes. */
const CREDENTIAL_ID = /^[A-Za-z0-9_-]{16,1366}$/;
const B64URL = (max: number) => new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`);
const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

/**
 * The client's extension outputs, taken as an object — except a PRF result: the PRF output is the
 * passkey envelope's key root (decision 0112) and must never reach the server, so a request that
 * carries one is refused rather than quietly dropped.
 */
function HasNoPrfOutput(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'hasNoPrfOutput',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must not carry the PRF output (prf.results): it never leaves your device' },
      validator: {
        validate(value: unknown): boolean {
          const prf = (value as { prf?: unknown } | null)?.prf;
          return typeof prf !== 'object' || prf === null || !('results' in prf);
        },
      },
    });
  };
}

abstract class CredentialDto {
  @ApiProperty({ description: 'Credential id (base64url).' })
  @Matches(CREDENTIAL_ID, { message: 'id must be a base64url credential id' })
  id!: string;

  @ApiProperty({ description: 'The same credential id (base64url).' })
  @Matches(CREDENTIAL_ID, { message: 'rawId must be a base64url credential id' })
  rawId!: string;

  @ApiProperty({ enum: ['public-key'] })
  @IsIn(['public-key'])
  type!: 'public-key';

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Client extension outputs; never the PRF output.' })
  @IsObject()
  @HasNoPrfOutput()
  clientExtensionResults!: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['platform', 'cross-platform'] })
  @MayBeOmitted()
  @IsIn(['platform', 'cross-platform'])
  authenticatorAttachment?: 'platform' | 'cross-platform';
}

export class AttestationResponseDto {
  @ApiProperty() @Matches(B64URL(4096), { message: 'clientDataJSON must be base64url' }) clientDataJSON!: string;
  @ApiProperty() @Matches(B64URL(16384), { message: 'attestationObject must be base64url' }) attestationObject!: string;
  @ApiPropertyOptional() @MayBeOmitted() @Matches(B64URL(16384), { message: 'authenticatorData must be base64url' }) authenticatorData?: string;
  @ApiPropertyOptional({ type: [String] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(TRANSPORTS, { each: true })
  transports?: string[];
  @ApiPropertyOptional() @MayBeOmitted() @IsIn([-7, -8, -257]) publicKeyAlgorithm?: number;
  @ApiPropertyOptional() @MayBeOmitted() @Matches(B64URL(2048), { message: 'publicKey must be base64url' }) publicKey?: string;
}

export class AssertionResponseDto {
  @ApiProperty() @Matches(B64URL(4096), { message: 'clientDataJSON must be base64url' }) clientDataJSON!: string;
  @ApiProperty() @Matches(B64URL(4096), { message: 'authenticatorData must be base64url' }) authenticatorData!: string;
  @ApiProperty() @Matches(B64URL(1024), { message: 'signature must be base64url' }) signature!: string;
  @ApiPropertyOptional() @MayBeOmitted() @Matches(B64URL(128), { message: 'userHandle must be base64url' }) userHandle?: string;
}

export class RegistrationCredentialDto extends CredentialDto {
  @ApiProperty({ type: AttestationResponseDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AttestationResponseDto)
  response!: AttestationResponseDto;
}

export class AuthenticationCredentialDto extends CredentialDto {
  @ApiProperty({ type: AssertionResponseDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AssertionResponseDto)
  response!: AssertionResponseDto;
}

export class RegisterPasskeyDto {
  @ApiProperty({ type: RegistrationCredentialDto, description: 'navigator.credentials.create() as JSON (e.g. @simplewebauthn/browser startRegistration).' })
  @IsObject()
  @ValidateNested()
  @Type(() => RegistrationCredentialDto)
  credential!: RegistrationCredentialDto;
}

export class PasskeyAssertionDto {
  @ApiProperty({ type: AuthenticationCredentialDto, description: 'navigator.credentials.get() as JSON (startAuthentication), without the PRF output.' })
  @IsObject()
  @ValidateNested()
  @Type(() => AuthenticationCredentialDto)
  credential!: AuthenticationCredentialDto;
}

export class FinishPasskeySignInDto extends PasskeyAssertionDto {
  @ApiProperty({ format: 'uuid', description: 'From passkey sign-in start.' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'challengeId must be a uuid' })
  challengeId!: string;
}

export class PasskeyEnvelopeDto {
  @ApiProperty({ nullable: true, description: 'Passkey envelope (base64, decision 0112): your keys under a key from this passkey’s PRF output, sealed on your device; null drops it.' })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsBase64Bytes(41, 1024)
  envelope!: string | null;
}

export class PasskeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The credential id (base64url), as the authenticator names it.' }) credentialId!: string;
  @ApiProperty({ type: [String] }) transports!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Passkey envelope (base64) if this passkey unlocks your keys.' }) envelope!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastUsedAt!: string | null;

  static from(row: PasskeyRow): PasskeyDto {
    return {
      id: row.id,
      credentialId: row.credentialId,
      transports: row.transports,
      envelope: row.envelope ? toBase64(row.envelope) : null,
      createdAt: new Date(row.createdAt).toISOString(),
      lastUsedAt: row.lastUsedAt ? new Date(row.lastUsedAt).toISOString() : null,
    };
  }
}

export class PasskeyListDto {
  @ApiProperty({ type: [PasskeyDto] }) passkeys!: PasskeyDto[];
}

export class PasskeySignInStartedDto {
  @ApiProperty({ format: 'uuid' }) challengeId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get().' }) options!: Record<string, unknown>;
}
