import { ApiProperty } from '@nestjs/swagger';
import { type AgencyKeyView, type AgencyKeysView } from '../key-views';

/** Answer to a registration: the epoch as the directory now holds it. */
export class RegisteredKeyDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ minimum: 1 }) epoch!: number;
  @ApiProperty({ format: 'byte' }) signPublicKey!: string;
  @ApiProperty({ format: 'byte' }) boxPublicKey!: string;
  @ApiProperty({ description: "The registration's createdAt (the agency's claim, covered by its signatures)." }) createdAt!: string;
  @ApiProperty({ example: '3f2a 9c1d 0b7e 5a11 c0de 7f00 1b2c 3d4e', description: 'Compare out of band (envelope.md §7.3).' }) fingerprint!: string;
  @ApiProperty({ description: 'Whether this is the agency\'s current epoch (false only when retrying an epoch since rotated out).' }) current!: boolean;

  static from(view: AgencyKeyView): RegisteredKeyDto {
    const { agencyId, epoch, signPublicKey, boxPublicKey, createdAt, fingerprint } = view;
    return { agencyId, epoch, signPublicKey, boxPublicKey, createdAt, fingerprint, current: view.retiredAt === null };
  }
}

export class AgencyKeyEpochDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ minimum: 1 }) epoch!: number;
  @ApiProperty({ format: 'byte' }) signPublicKey!: string;
  @ApiProperty({ format: 'byte' }) boxPublicKey!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next epoch replaced it; null for the current epoch.' })
  retiredAt!: string | null;
  @ApiProperty() fingerprint!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The signed KeyRegistrationV1 as uploaded: verify it yourself (envelope.md §7).' })
  registration!: Record<string, unknown>;

  static from(view: AgencyKeyView): AgencyKeyEpochDto {
    return { ...view, retiredAt: view.retiredAt?.toISOString() ?? null };
  }
}

/** Every epoch, oldest first: old ones stay listed so records sealed under them can be verified and opened. */
export class AgencyKeysDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null while the agency has registered no keys.' }) currentEpoch!: number | null;
  @ApiProperty({ type: [AgencyKeyEpochDto] }) epochs!: AgencyKeyEpochDto[];

  static from(view: AgencyKeysView): AgencyKeysDto {
    return { agencyId: view.agencyId, currentEpoch: view.currentEpoch, epochs: view.epochs.map((epoch) => AgencyKeyEpochDto.from(epoch)) };
  }
}
