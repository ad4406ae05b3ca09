import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MayBeOmitted } from '../../../platform/http/may-be-omitted';
import { LogNumber } from '../../dto/log-number';
import { CheckpointDto, ConsistencyProofDto, KeyTransitionDto } from '../../log/dto/log.dto';

export const ACCOUNTING_FORMATS = ['json', 'html'] as const;
export type AccountingFormat = (typeof ACCOUNTING_FORMATS)[number];

export class AccountingQueryDto {
  @ApiPropertyOptional({ enum: ACCOUNTING_FORMATS, description: 'json (default) or a printable html page; the Accept header decides when absent.' })
  @MayBeOmitted()
  @IsIn(ACCOUNTING_FORMATS)
  format?: AccountingFormat;

  @LogNumber('Tree size of the receipt the advocate kept from an earlier accounting: a consistency proof from it is included.', { optional: true })
  since?: number;
}

export class AgencyRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'From the CCR directory; null if the agency is unknown to it.' }) name!: string | null;
}

export class CodeLabelDto {
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'Plain-language label.' }) label!: string;
}

export class NotificationDto {
  @ApiProperty({ enum: ['notified', 'pending', 'delayed', 'withheld'] }) status!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) notifiedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ description: 'Plain-language statement.' }) text!: string;
}

export class BasisDto {
  @ApiProperty({ enum: ['custodian', 'consent', 'mandate'] }) kind!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) consentId!: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) consentVersion!: number | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) mandateId!: string | null;
  @ApiProperty({ description: 'True for a compelled disclosure (court order or statute), shown prominently.' }) compelled!: boolean;
  @ApiPropertyOptional({ type: NotificationDto, nullable: true, description: 'For compelled disclosures: whether the survivor was told.' })
  notification!: NotificationDto | null;
}

export class AccountingEntryDto {
  @ApiProperty({ type: 'integer', description: 'Leaf index in the log.' }) index!: number;
  @ApiProperty({ type: 'integer', description: 'Position in this case\'s chain: 1, 2, 3, ... with no gaps.' }) caseSeq!: number;
  @ApiProperty({ format: 'date-time' }) time!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ description: 'What happened, in plain language.' }) description!: string;
  @ApiPropertyOptional({ type: AgencyRefDto, nullable: true }) actorAgency!: AgencyRefDto | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The staff account or system that acted (resolvable by the custodian for insider reviews).' })
  actorPrincipal!: string | null;
  @ApiPropertyOptional({ type: AgencyRefDto, nullable: true }) discloser!: AgencyRefDto | null;
  @ApiPropertyOptional({ type: AgencyRefDto, nullable: true }) recipient!: AgencyRefDto | null;
  @ApiProperty({ type: [CodeLabelDto] }) categories!: CodeLabelDto[];
  @ApiPropertyOptional({ type: CodeLabelDto, nullable: true }) purpose!: CodeLabelDto | null;
  @ApiPropertyOptional({ type: BasisDto, nullable: true }) basis!: BasisDto | null;
  @ApiPropertyOptional({ enum: ['permitted', 'denied'], nullable: true }) outcome!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reasonCode!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it was or was not shared, in plain language.' }) reasonText!: string | null;
  @ApiProperty({ description: 'base64 leaf hash (SHA-256 of 0x00 and the entry bytes).' }) leafHash!: string;
  @ApiProperty({ description: 'base64 of the exact entry bytes, so anyone can recompute the leaf hash.' }) bytes!: string;
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Inclusion proof against the receipt; null if the entry is newer than the receipt (proved by the next accounting).' })
  inclusionProof!: string[] | null;
}

export const VERSION_FATES = ['in_force', 'not_yet_in_force', 'amended', 'narrowed', 'revoked', 'expired'] as const;
export type VersionFate = (typeof VERSION_FATES)[number];

export class VersionFateDto {
  @ApiProperty({
    enum: VERSION_FATES,
    description: 'What became of this version, from the data: still in force, not started yet, replaced by the next version (amended), ended by a next version that shares less (narrowed), withdrawn by the survivor (revoked), or past its end (expired).',
  })
  code!: VersionFate;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When it ended (or, in force, until when).' }) at!: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'The version that replaced it (amended, narrowed).' }) byVersion!: number | null;
  @ApiProperty({ description: 'Plain-language statement.' }) text!: string;
}

export class AccountingConsentVersionDto {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: [CodeLabelDto] }) categories!: CodeLabelDto[];
  @ApiProperty({ type: [String] }) actions!: string[];
  @ApiProperty({ type: CodeLabelDto }) purpose!: CodeLabelDto;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time' }) validUntil!: string;
  @ApiProperty() captureMode!: string;
  @ApiProperty() language!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: [AgencyRefDto], description: "The survivor's deny instructions in this version: never to these agencies." }) denyAgencies!: AgencyRefDto[];
  @ApiProperty({ type: VersionFateDto }) fate!: VersionFateDto;
}

export class DenyInstructionDto {
  @ApiProperty({ type: AgencyRefDto, description: 'The agency the survivor said must never receive anything of this case.' }) agency!: AgencyRefDto;
  @ApiProperty({ description: 'True while the current version of any release of the case states it, whatever that release\'s status (as decide() applies it): it binds every disclosure of the case, consent or mandate.' })
  inForce!: boolean;
  @ApiProperty({ type: [String], description: 'Where it was stated: "<consent id> v<version>".' }) statedIn!: string[];
  @ApiProperty({ description: 'Plain-language statement.' }) text!: string;
}

export class WitnessedAnchorDto {
  @ApiProperty({ type: CheckpointDto, description: 'The newest checkpoint witnesses had cosigned when the receipt (signed for this accounting) had no cosignature yet.' })
  checkpoint!: CheckpointDto;
  @ApiProperty({ type: ConsistencyProofDto, description: 'From that checkpoint to the receipt: the receipt extends what the witnesses saw.' }) consistency!: ConsistencyProofDto;
}

export class ConsentHistoryDto {
  @ApiProperty({ format: 'uuid' }) consentId!: string;
  @ApiProperty({ type: AgencyRefDto }) recipient!: AgencyRefDto;
  @ApiProperty({ enum: ['active', 'pending', 'revoked', 'expired'] }) status!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) revocationChannel!: string | null;
  @ApiProperty({ type: [AccountingConsentVersionDto] }) versions!: AccountingConsentVersionDto[];
}

export class AccountingMandateDto {
  @ApiProperty({ format: 'uuid' }) mandateId!: string;
  @ApiProperty({ type: AgencyRefDto }) recipient!: AgencyRefDto;
  @ApiProperty({ enum: ['court_order', 'statute'] }) basis!: string;
  @ApiProperty({ type: [CodeLabelDto] }) categories!: CodeLabelDto[];
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) validUntil!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) withdrawnAt!: string | null;
  @ApiProperty({ type: NotificationDto }) notification!: NotificationDto;
}

export class LinkedCaseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: AgencyRefDto, description: 'The agency that holds it; its accounting is theirs to give.' }) agency!: AgencyRefDto;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
}

export class AccountingSummaryDto {
  @ApiProperty({ type: 'integer', description: 'Times information left the custodian agency.' }) disclosures!: number;
  @ApiProperty({ type: 'integer', description: 'Of those, compelled by a court order or statute.' }) compelled!: number;
  @ApiProperty({ type: 'integer', description: 'Attempts that were refused.' }) refused!: number;
  @ApiProperty({ type: 'integer', description: 'Times the custodian\'s own staff opened records.' }) internalAccess!: number;
  @ApiProperty({ type: 'integer', description: 'Entries in the chain.' }) entries!: number;
  @ApiProperty({ type: 'integer', description: 'Entries newer than the receipt (no proof yet): 0, the receipt is signed to cover them all.' }) pending!: number;
}

export class AccountingDto {
  @ApiProperty({ example: 'ccr-accounting/v1' }) format!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: AgencyRefDto }) custodian!: AgencyRefDto;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: AccountingSummaryDto }) summary!: AccountingSummaryDto;
  @ApiProperty({ type: [AccountingEntryDto], description: "Every entry of the case's chain, oldest first." }) entries!: AccountingEntryDto[];
  @ApiProperty({ type: [ConsentHistoryDto] }) consents!: ConsentHistoryDto[];
  @ApiProperty({ type: [DenyInstructionDto], description: "The survivor's deny instructions across all releases of the case." }) denyInstructions!: DenyInstructionDto[];
  @ApiProperty({ type: [AccountingMandateDto] }) mandates!: AccountingMandateDto[];
  @ApiPropertyOptional({ type: LinkedCaseDto, nullable: true, description: 'The case this one was opened from by a referral.' }) linkedFrom!: LinkedCaseDto | null;
  @ApiProperty({ type: [LinkedCaseDto], description: 'Cases other agencies opened from this one by referral.' }) linkedTo!: LinkedCaseDto[];
  @ApiPropertyOptional({
    type: CheckpointDto,
    nullable: true,
    description: 'The receipt: a checkpoint covering every entry listed (signed for this accounting if needed). Keep its note as a file and pass it to `ccrx ledger accounting --previous <file>` next time (the API takes its treeSize as `since`).',
  })
  receipt!: CheckpointDto | null;
  @ApiPropertyOptional({ type: WitnessedAnchorDto, nullable: true, description: 'When the receipt has no witness cosignature yet: the witnessed checkpoint it extends.' })
  witnessed!: WitnessedAnchorDto | null;
  @ApiPropertyOptional({ type: ConsistencyProofDto, nullable: true, description: 'From `since` to the receipt.' }) consistency!: ConsistencyProofDto | null;
  @ApiProperty({
    type: [KeyTransitionDto],
    description: "The log's key transitions up to the receipt, so that the bundle verifies offline after a change of the log key (a verifier follows them from the root key in its trust policy).",
  })
  logKeyTransitions!: KeyTransitionDto[];
  @ApiProperty({ type: 'integer', description: 'Log index of the accounting_provided entry written for this accounting.' }) accountingEntryIndex!: number;
  @ApiProperty({ type: [String], description: 'Plain-language notes every accounting carries.' }) notices!: string[];
}
