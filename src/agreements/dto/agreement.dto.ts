import { ApiProperty } from '@nestjs/swagger';
import { AGREEMENT_VERSION_STATUSES, type AgreementVersionStatus } from '../agreement.vocabulary';
import { AgreementTermsDto } from './agreement-terms.dto';

export class SignedAgreementTermsDto extends AgreementTermsDto {
  @ApiProperty({ enum: [1], description: 'Terms format version.' })
  v!: 1;
}

export class AgreementSignatureDto {
  @ApiProperty({ format: 'uuid' })
  agencyId!: string;

  @ApiProperty()
  signerEpoch!: number;

  @ApiProperty({ description: 'Base64 Ed25519 signature, as the party sent it: verify it against the key directory.' })
  signature!: string;

  @ApiProperty({ format: 'uuid' })
  signedByPrincipalId!: string;

  @ApiProperty({ format: 'date-time' })
  signedAt!: string;
}

export class AgreementVersionDto {
  @ApiProperty()
  version!: number;

  @ApiProperty({ enum: AGREEMENT_VERSION_STATUSES, description: 'proposed: awaiting signatures; in_force; superseded: a later version came into force; lapsed: a later version was proposed before this one came into force.' })
  status!: AgreementVersionStatus;

  @ApiProperty({ type: SignedAgreementTermsDto, description: 'AgreementTermsV1 exactly as signed.' })
  terms!: SignedAgreementTermsDto;

  @ApiProperty({ format: 'uuid' })
  proposedByAgencyId!: string;

  @ApiProperty({ format: 'date-time' })
  proposedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  inForceAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  supersededAt!: string | null;

  @ApiProperty({ type: [AgreementSignatureDto] })
  signatures!: AgreementSignatureDto[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Parties that have not signed this version yet.' })
  awaiting!: string[];
}

export class AgreementDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  latestVersion!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'The version in force; null until every party has signed one.' })
  inForceVersion!: number | null;

  @ApiProperty({ type: [AgreementVersionDto], description: 'Every version, oldest first.' })
  versions!: AgreementVersionDto[];
}
