import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { type DeliveredRecord } from '../../records/records.service';
import {
  CAPTURE_MODES,
  type CaptureMode,
  CONSENT_ACTIONS,
  CONSENT_STATUSES,
  type ConsentAction,
  type ConsentStatus,
  INFORMED_CONSENT_ITEMS,
  type InformedConsentItem,
  INTERPRETER_AFFILIATIONS,
  type InterpreterAffiliation,
  PURPOSE_CODES,
  type PurposeCode,
  REVOCATION_CHANNELS,
  type RevocationChannel,
  SHAREABLE_NOTE_CATEGORIES,
  type NoteCategory,
} from '../consent.vocabulary';
import { type ConsentRecordView } from '../consent-views';
import { type ConsentVersionEntity } from '../entities/consent-version.entity';
import { type WithdrawnWrap } from '../wrap-reconciler';

export class InterpreterViewDto {
  @ApiProperty() used!: boolean;
  @ApiPropertyOptional() qualified?: boolean;
  @ApiPropertyOptional({ enum: INTERPRETER_AFFILIATIONS }) affiliation?: InterpreterAffiliation;
  @ApiPropertyOptional() notFamilyOrPersonCausingHarm?: boolean;
}

/** One version of the terms, with the custodian's signature (verifiable against ConsentTermsV1). */
export class ConsentVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: SHAREABLE_NOTE_CATEGORIES, isArray: true }) categories!: NoteCategory[];
  @ApiProperty({ enum: CONSENT_ACTIONS, isArray: true }) actions!: ConsentAction[];
  @ApiProperty({ enum: PURPOSE_CODES }) purpose!: PurposeCode;
  @ApiProperty() validFrom!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty({ enum: CAPTURE_MODES }) captureMode!: CaptureMode;
  @ApiProperty() language!: string;
  @ApiProperty({ type: InterpreterViewDto }) interpreter!: InterpreterViewDto;
  @ApiProperty({ enum: INFORMED_CONSENT_ITEMS, isArray: true }) informedConsent!: InformedConsentItem[];
  @ApiProperty({ type: [String] }) denyAgencyIds!: string[];
  @ApiProperty({ nullable: true, type: String }) releaseDocumentSha256!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: "The sealed record with the survivor's own words." })
  termsRecordId!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedByPrincipalId!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() signerEpoch!: number;
  @ApiProperty({ description: 'Base64 Ed25519 signature of the custodian agency over this version.' }) signature!: string;

  static from(version: ConsentVersionEntity): ConsentVersionDto {
    return {
      version: version.version,
      categories: version.categories,
      actions: version.actions,
      purpose: version.purpose,
      validFrom: version.validFrom.toISOString(),
      validUntil: version.validUntil.toISOString(),
      captureMode: version.captureMode,
      language: version.language,
      interpreter: version.interpreter,
      informedConsent: version.informedConsent,
      denyAgencyIds: version.denyAgencyIds,
      releaseDocumentSha256: version.releaseDocumentSha256?.toString('hex') ?? null,
      termsRecordId: version.termsRecordId,
      recordedByPrincipalId: version.recordedByPrincipalId,
      recordedAt: version.recordedAt.toISOString(),
      signerEpoch: version.signerEpoch,
      signature: version.signature.toString('base64'),
    };
  }
}

export class RevocationDto {
  @ApiProperty({ format: 'date-time' }) revokedAt!: string;
  @ApiProperty({ format: 'uuid', description: "The staff member who received the survivor's revocation." }) receivedByPrincipalId!: string;
  @ApiProperty({ enum: REVOCATION_CHANNELS }) channel!: RevocationChannel;
  @ApiProperty({ nullable: true, type: Number }) signerEpoch!: number | null;
  @ApiProperty({ nullable: true, type: String }) signature!: string | null;
}

export class ConsentWarningDto {
  @ApiProperty({ enum: ['verbal_consent_releases_nothing', 'recipient_excluded_by_survivor'] }) code!: string;
  @ApiProperty() message!: string;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) custodianAgencyId!: string;
  @ApiProperty({ format: 'uuid' }) recipientAgencyId!: string;
  @ApiProperty({ enum: CONSENT_STATUSES, description: 'Now: revoked wins; then expired (now >= validUntil), pending (now < validFrom), active.' })
  status!: ConsentStatus;
  @ApiProperty({ description: 'Whether anything can be disclosed under this release now. False while not active, and for a release that is recorded but releases nothing (see warnings).' })
  releasesData!: boolean;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ type: ConsentVersionDto, description: 'The terms in force (the current version).' }) current!: ConsentVersionDto;
  @ApiProperty({ type: [ConsentVersionDto], description: 'Every version, oldest first: amendments supersede, history is kept.' })
  versions!: ConsentVersionDto[];
  @ApiProperty({ type: RevocationDto, nullable: true }) revocation!: RevocationDto | null;
  @ApiProperty({ type: [ConsentWarningDto] }) warnings!: ConsentWarningDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(view: ConsentRecordView): ConsentDto {
    const { consent } = view;
    return {
      id: consent.id,
      caseId: consent.caseId,
      custodianAgencyId: consent.custodianAgencyId,
      recipientAgencyId: consent.recipientAgencyId,
      status: view.status,
      releasesData: view.status === 'active' && view.assessment.releasesData,
      currentVersion: consent.currentVersion,
      current: ConsentVersionDto.from(view.current),
      versions: view.versions.map((version) => ConsentVersionDto.from(version)),
      revocation:
        consent.revokedAt === null
          ? null
          : {
              revokedAt: consent.revokedAt.toISOString(),
              receivedByPrincipalId: consent.revokedByPrincipalId as string,
              channel: consent.revocationChannel as RevocationChannel,
              signerEpoch: consent.revocationSignerEpoch,
              signature: consent.revocationSignature?.toString('base64') ?? null,
            },
      warnings: view.assessment.warnings,
      createdAt: consent.createdAt.toISOString(),
    };
  }
}

export class WithdrawnWrapDto {
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ description: 'The policy reason code (docs/consent-model.md §5).' }) reason!: string;
}

/** A recorded or amended consent, and the wraps the change withdrew (deny provisions, a narrower scope). */
export class ConsentChangeDto extends ConsentDto {
  @ApiProperty({ type: [WithdrawnWrapDto], description: 'Key wraps deleted because the new terms no longer allow them: those agencies can no longer open those records.' })
  wrapsWithdrawn!: WithdrawnWrapDto[];

  static fromChange(view: ConsentRecordView, withdrawn: readonly WithdrawnWrap[]): ConsentChangeDto {
    return { ...ConsentDto.from(view), wrapsWithdrawn: withdrawn.map((wrap) => ({ ...wrap })) };
  }
}

export class TermsRecordQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'The version whose sealed words to read (default: the current one).' })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

/** A sealed record as delivered to the caller: ciphertext and only the caller's own key wrap. */
export class SealedRecordDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) record!: Record<string, unknown>;

  static from(delivered: DeliveredRecord): SealedRecordDto {
    return { record: delivered.record as unknown as Record<string, unknown> };
  }
}
