import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { SealedRecordProperty } from '../../cases/dto/sealed-record.dto';
import {
  CAPTURE_MODES,
  type CaptureMode,
  CONSENT_ACTIONS,
  type ConsentAction,
  INFORMED_CONSENT_ITEMS,
  type InformedConsentItem,
  INTERPRETER_AFFILIATIONS,
  type InterpreterAffiliation,
  PURPOSE_CODES,
  type PurposeCode,
  SHAREABLE_NOTE_CATEGORIES,
  type NoteCategory,
} from '../consent.vocabulary';
import { BASE64_SIGNATURE, IsIsoInstant, LANGUAGE_TAG, LOWERCASE_UUID, MAX_KEY_EPOCH } from './validators';

const MAX_DENY_PROVISIONS = 64;

export class InterpreterDto {
  @ApiProperty({ description: 'Whether an interpreter took part in the consent conversation.' })
  @IsBoolean()
  used!: boolean;

  @ApiPropertyOptional({ description: 'Required when used: was the interpreter qualified.' })
  @MayBeOmitted()
  @IsBoolean()
  qualified?: boolean;

  @ApiPropertyOptional({ enum: INTERPRETER_AFFILIATIONS, description: 'Required when used.' })
  @MayBeOmitted()
  @IsIn(INTERPRETER_AFFILIATIONS)
  affiliation?: InterpreterAffiliation;

  @ApiPropertyOptional({ description: 'Required (and must be true) when used: not family, a child or the person causing harm.' })
  @MayBeOmitted()
  @IsBoolean()
  notFamilyOrPersonCausingHarm?: boolean;
}

/**
 * The terms of a consent version, as signed by the custodian agency (see ConsentTermsV1 in
 * src/consent/consent-terms.ts for the exact signed object). Identifying words are never here:
 * they go in the sealed `terms` record.
 */
export class ConsentTermsDto {
  @ApiProperty({ enum: SHAREABLE_NOTE_CATEGORIES, isArray: true, description: 'Note categories the recipient may receive (with receive_notes only). privileged_counseling is never shareable.' })
  @IsArray()
  @ArrayMaxSize(SHAREABLE_NOTE_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(SHAREABLE_NOTE_CATEGORIES, { each: true })
  categories!: NoteCategory[];

  @ApiProperty({ enum: CONSENT_ACTIONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONSENT_ACTIONS.length)
  @ArrayUnique()
  @IsIn(CONSENT_ACTIONS, { each: true })
  actions!: ConsentAction[];

  @ApiProperty({ enum: PURPOSE_CODES, description: "The coded purpose; the survivor's own words go in the sealed terms record." })
  @IsIn(PURPOSE_CODES)
  purpose!: PurposeCode;

  @ApiProperty({ example: '2026-01-31T00:00:00.000Z' })
  @IsIsoInstant()
  validFrom!: string;

  @ApiProperty({ example: '2026-07-31T00:00:00.000Z', description: 'Required: every release ends, at most CONSENT_MAX_DAYS after validFrom.' })
  @IsDefined({ message: 'validUntil is required: every release must end' })
  @IsIsoInstant()
  validUntil!: string;

  @ApiProperty({ enum: CAPTURE_MODES })
  @IsIn(CAPTURE_MODES)
  captureMode!: CaptureMode;

  @ApiProperty({ example: 'es', description: 'BCP 47 tag of the language of the conversation and the form.' })
  @Matches(LANGUAGE_TAG, { message: 'language must be a BCP 47 language tag, e.g. en or es-MX' })
  language!: string;

  @ApiProperty({ type: InterpreterDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => InterpreterDto)
  interpreter!: InterpreterDto;

  @ApiProperty({ enum: INFORMED_CONSENT_ITEMS, isArray: true, description: 'The informed-consent checklist: every item must have been discussed.' })
  @IsArray()
  @ArrayMaxSize(INFORMED_CONSENT_ITEMS.length)
  @ArrayUnique()
  @IsIn(INFORMED_CONSENT_ITEMS, { each: true })
  informedConsent!: InformedConsentItem[];

  @ApiPropertyOptional({ type: [String], description: "The survivor's deny provisions: never to these agencies, whatever any release says. Default []." })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(MAX_DENY_PROVISIONS)
  @ArrayUnique()
  @Matches(LOWERCASE_UUID, { each: true, message: 'each of denyAgencyIds must be a lowercase UUID' })
  denyAgencyIds?: string[];

  @ApiPropertyOptional({ description: 'Lowercase hex SHA-256 of the signed release document the custodian keeps (never the document).' })
  @MayBeOmitted()
  @Matches(/^[0-9a-f]{64}$/, { message: 'releaseDocumentSha256 must be 64 lowercase hex digits' })
  releaseDocumentSha256?: string;

  @ApiProperty({ description: "The custodian agency's key epoch that signed the terms (its current one)." })
  @IsInt()
  @Min(1)
  @Max(MAX_KEY_EPOCH)
  signerEpoch!: number;

  @ApiProperty({ description: 'Base64 Ed25519 signature: signConsentTerms(consentId, version, ConsentTermsV1, key).' })
  @Matches(BASE64_SIGNATURE, { message: 'signature must be a 64-byte Ed25519 signature in base64' })
  signature!: string;

  @SealedRecordProperty("The survivor's own words of purpose and other free text: category `consent_terms`, wrapped for your agency only.", { required: false })
  terms?: Record<string, unknown>;
}

export class RecordConsentDto extends ConsentTermsDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client (lowercase UUID): the signature binds it.' })
  @Matches(LOWERCASE_UUID, { message: 'consentId must be a lowercase UUID' })
  consentId!: string;

  @ApiProperty({ format: 'uuid', description: 'The ONE agency this release allows to receive.' })
  @Matches(LOWERCASE_UUID, { message: 'recipientAgencyId must be a lowercase UUID' })
  recipientAgencyId!: string;
}

export class AmendConsentDto extends ConsentTermsDto {
  @ApiProperty({ minimum: 2, description: 'The new version number: the current version + 1 (409 otherwise). Signed with the terms.' })
  @IsInt()
  @Min(2)
  @Max(MAX_KEY_EPOCH)
  version!: number;
}
