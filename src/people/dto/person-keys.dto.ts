import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { KeyRegistrationDto } from '../../keys/dto/key-registration.dto';
import { decodeBase64Exact, fromBase64Strict, toBase64 } from '../../crypto/base64';
import { IsBase64Bytes } from './base64-bytes';
import { EnrolmentCodeDto } from './people.dto';
import { type PersonKeysView } from '../person-keys.service';
import { type WrapRow } from '../person-keys.repository';

export class RegisterPersonKeysDto {
  @ApiProperty({ description: 'Ed25519 public key (base64, 32 bytes), made on your device.' })
  @IsBase64Bytes(32, 32)
  signPublicKey!: string;

  @ApiProperty({ description: 'X25519 public key (base64, 32 bytes): membership wraps are sealed to it.' })
  @IsBase64Bytes(32, 32)
  boxPublicKey!: string;

  @ApiProperty({ description: 'Password envelope (base64): both private keys under a key derived from your OPAQUE export key. The server cannot open it.' })
  @IsBase64Bytes(41, 1024)
  envelope!: string;
}

export class PersonPublicKeysDto {
  @ApiProperty() signPublicKey!: string;
  @ApiProperty() boxPublicKey!: string;
  @ApiProperty({ example: '3f2a-91c0-…', description: 'Compare aloud with the person before wrapping the agency keys to them.' }) fingerprint!: string;

  static from(view: PersonKeysView): PersonPublicKeysDto {
    return { signPublicKey: toBase64(view.signPublicKey), boxPublicKey: toBase64(view.boxPublicKey), fingerprint: view.fingerprint };
  }
}

export class MembershipWrapDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() epoch!: number;
  @ApiProperty({ description: 'crypto_box_seal of the epoch keys to your box key (base64).' }) wrap!: string;
  @ApiProperty({ description: "The agency's epoch key's signature (base64): verify it against the key directory before use." }) signature!: string;
  @ApiProperty({ format: 'uuid', description: 'The member whose client made it.' }) issuedBy!: string;

  static from(row: WrapRow): MembershipWrapDto {
    return { agencyId: row.agencyId, epoch: row.epoch, wrap: toBase64(row.wrap), signature: toBase64(row.signature), issuedBy: row.issuedBy };
  }
}

export class MyPersonKeysDto extends PersonPublicKeysDto {
  @ApiProperty({ description: 'Your password envelope (base64).' }) envelope!: string;
  @ApiProperty({ description: 'Version of the envelope key (bound in its associated data).' }) keyVersion!: number;
  @ApiProperty({ type: [MembershipWrapDto] }) wraps!: MembershipWrapDto[];
  @ApiProperty({ description: "A member was removed since your agency's current epoch: rotate the agency keys (a new epoch) and re-wrap to the remaining members." })
  rotationDue!: boolean;
}

export class MemberRemovedDto {
  @ApiProperty({ description: 'Index of the member_removed log entry.' }) logIndex!: number;
  @ApiProperty({ description: 'True until the agency registers a new epoch: records sealed after it are closed to the removed person.' }) rotationDue!: boolean;
}

export class NewWrapDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  epoch!: number;

  @ApiProperty({ description: 'crypto_box_seal of PAE(member-wrap, agency, epoch, person, createdAt, sign secret, box secret) to the person (base64).' })
  @IsBase64Bytes(48, 4096)
  wrap!: string;

  @ApiProperty({ description: "Ed25519 signature by the agency's key of this epoch over the membership statement (base64, 64 bytes)." })
  @IsBase64Bytes(64, 64)
  signature!: string;
}

/** The wrap's bytes (the DTO was validated: both decode). */
export function decodedWrap(dto: NewWrapDto): { epoch: number; wrap: Uint8Array; signature: Uint8Array } {
  return { epoch: dto.epoch, wrap: fromBase64Strict(dto.wrap) as Uint8Array, signature: decodeBase64Exact(dto.signature, 64) as Uint8Array };
}

export class AddWrapsDto {
  @ApiProperty({ type: [NewWrapDto], description: 'One wrap per epoch the newcomer needs (every live epoch).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NewWrapDto)
  wraps!: NewWrapDto[];
}

export class WrapsAddedDto {
  @ApiProperty({ type: [Number] }) epochs!: number[];
  @ApiProperty({ description: 'Index of the member_added log entry.' }) logIndex!: number;
}

export class MemberDto extends PersonPublicKeysDto {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ description: 'Their sign-in name, so a member knows whom they add or remove (your own agency only).' }) username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({
    type: MembershipWrapDto,
    nullable: true,
    description: "The person's wrap of the highest epoch they hold: its signature by that epoch's agency key is the proof of membership a rotating client checks before re-wrapping to these keys. Null: keys registered, not yet added.",
  })
  latestWrap!: MembershipWrapDto | null;
}

export class MembersDto {
  @ApiProperty({ type: [MemberDto] }) members!: MemberDto[];
  @ApiProperty({ description: 'A member was removed since the current epoch: rotate.' }) rotationDue!: boolean;
}

export class RotationWrapDto extends NewWrapDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;
}

export class RotationDto {
  @ApiProperty({ type: KeyRegistrationDto, description: "The agency's next epoch, signed by the current one (as POST /agencies/{agencyId}/keys)." })
  @IsObject()
  @ValidateNested()
  @Type(() => KeyRegistrationDto)
  registration!: KeyRegistrationDto;

  @ApiProperty({
    type: [RotationWrapDto],
    description: 'For every remaining member: the new epoch (and, if they lack them, older ones), each signed by its epoch key. Empty only when a keystore-holding system rotates with no people left.',
  })
  @IsArray()
  @ArrayMaxSize(2000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RotationWrapDto)
  wraps!: RotationWrapDto[];
}

export class RotatedDto {
  @ApiProperty() epoch!: number;
  @ApiProperty({ description: "The new epoch's fingerprint." }) fingerprint!: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The people who hold the new epoch.' }) people!: string[];
  @ApiProperty({ description: 'Index of the members_rewrapped log entry.' }) logIndex!: number;
}

export class RecoveryStartedDto extends EnrolmentCodeDto {
  @ApiProperty({ description: 'Index of the person_recovery_started log entry.' }) logIndex!: number;
}
