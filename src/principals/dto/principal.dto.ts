import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { type ClientPublicJwk, type PrincipalEntity } from '../principal.entity';
import { PRINCIPAL_KINDS, PRINCIPAL_STATUSES, type PrincipalKind, type PrincipalStatus, type Role, ROLES } from '../principal.vocabulary';

const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{43}$/;

export class ClientJwkDto implements ClientPublicJwk {
  @ApiProperty({ enum: ['OKP', 'EC'] })
  @IsIn(['OKP', 'EC'])
  kty!: 'OKP' | 'EC';

  @ApiProperty({ enum: ['Ed25519', 'P-256'] })
  @IsIn(['Ed25519', 'P-256'])
  crv!: 'Ed25519' | 'P-256';

  @ApiProperty({ description: 'base64url public key (x coordinate for P-256)' })
  @Matches(BASE64URL_32_BYTES, { message: 'x must be 32 bytes, base64url' })
  x!: string;

  @ApiPropertyOptional({ description: 'y coordinate, P-256 only' })
  @ValidateIf((jwk: ClientJwkDto) => jwk.kty === 'EC')
  @Matches(BASE64URL_32_BYTES, { message: 'y must be 32 bytes, base64url' })
  y?: string;
}

export class CreatePrincipalDto {
  @ApiProperty({ enum: PRINCIPAL_KINDS })
  @IsIn(PRINCIPAL_KINDS)
  kind!: PrincipalKind;

  @ApiProperty({ example: 'dpd-records-system', description: 'Login name of a person; client_id of a service account.' })
  @Matches(/^[a-z0-9][a-z0-9._@-]{2,99}$/, { message: 'username must be 3-100 characters: lowercase letters, digits, . _ @ -' })
  username!: string;

  @ApiProperty({ example: 'DPD records management system' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ type: ClientJwkDto, description: 'Service accounts: public key for private_key_jwt (RFC 7523). Without it a client secret is issued.' })
  @MayBeOmitted()
  @ValidateNested()
  @Type(() => ClientJwkDto)
  clientJwk?: ClientJwkDto;
}

export class SetPrincipalStatusDto {
  @ApiProperty({ enum: PRINCIPAL_STATUSES })
  @IsIn(PRINCIPAL_STATUSES)
  status!: PrincipalStatus;
}

export class RotateCredentialsDto {
  @ApiPropertyOptional({ type: ClientJwkDto, description: 'Register a new client key; omit to issue a new secret.' })
  @MayBeOmitted()
  @ValidateNested()
  @Type(() => ClientJwkDto)
  clientJwk?: ClientJwkDto;
}

export class PrincipalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ enum: PRINCIPAL_KINDS }) kind!: PrincipalKind;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ enum: PRINCIPAL_STATUSES }) status!: PrincipalStatus;
  @ApiProperty({ enum: ['secret', 'private_key_jwt', 'none'] }) authentication!: 'secret' | 'private_key_jwt' | 'none';
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) credentialsRotatedAt!: string | null;

  static from(principal: PrincipalEntity): PrincipalDto {
    return {
      id: principal.id,
      agencyId: principal.agencyId,
      kind: principal.kind,
      username: principal.username,
      displayName: principal.displayName,
      roles: principal.roles,
      status: principal.status,
      authentication: principal.clientJwk ? 'private_key_jwt' : principal.secretHash ? 'secret' : 'none',
      credentialsRotatedAt: principal.credentialsRotatedAt?.toISOString() ?? null,
    };
  }
}

export class PrincipalWithSecretDto {
  @ApiProperty({ type: PrincipalDto }) principal!: PrincipalDto;

  @ApiPropertyOptional({ description: 'Shown once, never again: the password or client secret. Store it in a secret manager.' })
  oneTimeSecret?: string;
}

export class WhoAmIDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ enum: PRINCIPAL_KINDS }) kind!: PrincipalKind;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
}
