import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { type StoredCosignature } from '../witnesses.service';
import { type WitnessRow } from '../witnesses.repository';

export class RegisterWitnessDto {
  @ApiProperty({ example: 'witness.dvcoalition.example/w1', description: 'The witness key name (no spaces, no "+"); must equal the name in verifierKey.' })
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\s+]+$/, { message: 'name must contain no white space and no "+"' })
  name!: string;

  @ApiProperty({ description: 'C2SP verifier key of type 0x04 (cosignature/v1): <name>+<key id>+<base64>. Produce it with `ccrx witness init`.' })
  @IsString()
  @MaxLength(400)
  verifierKey!: string;

  @ApiProperty({ format: 'uuid', description: 'The member agency that runs the witness; its service accounts post the cosignatures.' })
  @IsUUID()
  agencyId!: string;
}

export class WitnessDto {
  @ApiProperty() name!: string;
  @ApiProperty() verifierKey!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;

  static from(row: WitnessRow): WitnessDto {
    return { name: row.name, verifierKey: row.verifierKey, agencyId: row.agencyId, registeredAt: row.registeredAt.toISOString() };
  }
}

export class PostCosignatureDto {
  @ApiProperty({ type: 'integer', description: 'Tree size of the checkpoint the witness cosigned.' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize!: number;

  @ApiProperty({ description: 'The witness\'s cosignature/v1 line: "— <witness name> <base64(key id || timestamp || signature)>".' })
  @IsString()
  @MaxLength(400)
  cosignature!: string;
}

export class CosignatureReceiptDto {
  @ApiProperty({ type: 'integer' }) treeSize!: number;
  @ApiProperty() witness!: string;
  @ApiProperty({ type: 'integer', description: 'The timestamp inside the cosignature (Unix seconds).' }) timestamp!: number;
  @ApiProperty({ format: 'date-time', description: 'When the service stored it.' }) cosignedAt!: string;

  static from(stored: StoredCosignature): CosignatureReceiptDto {
    return { treeSize: stored.treeSize, witness: stored.witness, timestamp: stored.timestamp, cosignedAt: stored.cosignedAt.toISOString() };
  }
}
