import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { AGENCY_KINDS, type AgencyKind } from '../../agencies/agency.vocabulary';
import { PURPOSE_CODES, type PurposeCode } from '../../consent/consent.vocabulary';
import { BASE64_SIGNATURE, LOWERCASE_UUID, MAX_KEY_EPOCH } from '../../consent/dto/validators';
import { REFERRAL_PRIORITIES, type ReferralPriority } from '../../referrals/referral.vocabulary';
import {
  AGREEMENT_STEPS,
  type AgreementStep,
  CALENDAR_DATE,
  CLOCK_TIME,
  CONTACT_ROLE,
  ISO_WEEKDAYS,
  MAX_HANDOFFS,
  MAX_HOLIDAYS,
  MAX_PARTIES,
  MAX_STEP_MINUTES,
} from '../agreement.vocabulary';

/** Present and not null: then validated; absent or null: the other member names the side. */
const WhenGiven = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);

export class HandoffSideDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'A party agency. Name exactly one of agencyId and agencyKind.' })
  @WhenGiven()
  @Matches(LOWERCASE_UUID, { message: 'agencyId must be a lowercase UUID' })
  agencyId?: string | null;

  @ApiPropertyOptional({ enum: AGENCY_KINDS, nullable: true, description: 'Any party agency of this kind.' })
  @WhenGiven()
  @IsIn(AGENCY_KINDS)
  agencyKind?: AgencyKind | null;
}

export class StepAllowanceDto {
  @ApiProperty({ enum: AGREEMENT_STEPS, description: 'received: acknowledged; answered: accepted or rejected; first_contact: work with the survivor started (in_progress).' })
  @IsIn(AGREEMENT_STEPS)
  step!: AgreementStep;

  @ApiProperty({ minimum: 1, maximum: MAX_STEP_MINUTES, description: 'Business minutes allowed, counted from the referral\'s creation.' })
  @IsInt()
  @Min(1)
  @Max(MAX_STEP_MINUTES)
  withinMinutes!: number;
}

export class EscalationContactDto {
  @ApiProperty({ format: 'uuid', description: 'A party agency.' })
  @Matches(LOWERCASE_UUID, { message: 'agencyId must be a lowercase UUID' })
  agencyId!: string;

  @ApiProperty({ example: 'duty_supervisor', description: 'The point-of-contact role code (never a person\'s name).' })
  @Matches(CONTACT_ROLE, { message: 'role must be a lowercase code, e.g. duty_supervisor' })
  role!: string;
}

export class HandoffTermsDto {
  @ApiProperty({ type: HandoffSideDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HandoffSideDto)
  from!: HandoffSideDto;

  @ApiProperty({ type: HandoffSideDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HandoffSideDto)
  to!: HandoffSideDto;

  @ApiProperty({ enum: PURPOSE_CODES })
  @IsIn(PURPOSE_CODES)
  purpose!: PurposeCode;

  @ApiProperty({ enum: REFERRAL_PRIORITIES })
  @IsIn(REFERRAL_PRIORITIES)
  priority!: ReferralPriority;

  @ApiProperty({ type: [StepAllowanceDto], description: `In the order ${AGREEMENT_STEPS.join(', ')}; each at most once.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AGREEMENT_STEPS.length)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => StepAllowanceDto)
  steps!: StepAllowanceDto[];

  @ApiProperty({ type: EscalationContactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EscalationContactDto)
  escalateTo!: EscalationContactDto;
}

export class BusinessCalendarDto {
  @ApiProperty({ example: 'America/Chicago', description: 'IANA time zone of the CCR.' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5], description: 'ISO weekdays (1 = Monday … 7 = Sunday).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsIn(ISO_WEEKDAYS, { each: true })
  days!: number[];

  @ApiProperty({ example: '08:00', description: 'Local time business hours open (HH:MM).' })
  @Matches(CLOCK_TIME, { message: 'opens must be HH:MM' })
  opens!: string;

  @ApiProperty({ example: '17:00', description: 'Local time business hours close (HH:MM), after opens.' })
  @Matches(CLOCK_TIME, { message: 'closes must be HH:MM' })
  closes!: string;

  @ApiProperty({ type: [String], example: ['2026-12-25'], description: 'Local dates with no business hours (YYYY-MM-DD).' })
  @IsArray()
  @ArrayMaxSize(MAX_HOLIDAYS)
  @Matches(CALENDAR_DATE, { each: true, message: 'each holiday must be YYYY-MM-DD' })
  holidays!: string[];
}

/** AgreementTermsV1 without `v`: what every party signs (see docs/agreements.md). */
export class AgreementTermsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Every party agency, each once (the proposer among them).' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_PARTIES)
  @Matches(LOWERCASE_UUID, { each: true, message: 'each party must be a lowercase UUID' })
  parties!: string[];

  @ApiProperty({ type: BusinessCalendarDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BusinessCalendarDto)
  calendar!: BusinessCalendarDto;

  @ApiProperty({ type: [HandoffTermsDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_HANDOFFS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => HandoffTermsDto)
  handoffs!: HandoffTermsDto[];
}

export class AgreementSignatureInputDto {
  @ApiProperty({ minimum: 1, description: 'Your agency\'s current key epoch, whose Ed25519 key signed.' })
  @IsInt()
  @Min(1)
  @Max(MAX_KEY_EPOCH)
  signerEpoch!: number;

  @ApiProperty({ description: 'Base64 Ed25519 signature over PAE("ccr-exchange/v1/agreement", agreementId, version, canonicalJson(terms)).' })
  @Matches(BASE64_SIGNATURE, { message: 'signature must be a 64-byte Ed25519 signature in base64' })
  signature!: string;
}

export class ProposeAgreementDto extends AgreementSignatureInputDto {
  @ApiProperty({ format: 'uuid', description: 'Chosen by the client (lowercase UUID): the signature binds it.' })
  @Matches(LOWERCASE_UUID, { message: 'agreementId must be a lowercase UUID' })
  agreementId!: string;

  @ApiProperty({ type: AgreementTermsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementTermsDto)
  terms!: AgreementTermsDto;
}

export class ProposeAgreementVersionDto extends AgreementSignatureInputDto {
  @ApiProperty({ minimum: 2, description: 'The latest version + 1 (409 otherwise). Signed with the terms.' })
  @IsInt()
  @Min(2)
  @Max(MAX_KEY_EPOCH)
  version!: number;

  @ApiProperty({ type: AgreementTermsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementTermsDto)
  terms!: AgreementTermsDto;
}
