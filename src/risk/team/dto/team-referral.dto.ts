import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsObject, Matches, ValidateNested } from 'class-validator';
import { LOWERCASE_UUID } from '../../../crypto/identifiers';
import { MayBeOmitted } from '../../../platform/http/may-be-omitted';
import type { TeamDecisionRow } from '../team-referrals.repository';
import type { TeamReferralView } from '../team-referrals.service';
import {
  SURVIVOR_CONSENT_STATES,
  TEAM_CLOSE_REASONS,
  TEAM_MOTIONS,
  TEAM_REFERRAL_REASONS,
  TEAM_REFERRAL_STATUSES,
  TEAM_VOTES,
  type SurvivorConsentState,
  type TeamCloseReason,
  type TeamMotion,
  type TeamReferralReason,
  type TeamReferralStatus,
  type TeamVote,
} from '../team.vocabulary';
import { MAX_TEAM_MEMBERS } from './risk-team.dto';

export class ReferToTeamDto {
  @ApiProperty({ format: 'uuid', description: "Your agency's case (custodian only)." })
  @Matches(LOWERCASE_UUID, { message: 'caseId must be a lowercase UUID' })
  caseId!: string;

  @ApiProperty({ enum: TEAM_REFERRAL_REASONS, description: 'screened_high_risk, professional_judgement, escalation (3+ police-reported incidents in 12 months), or repeat (within 12 months of the last referral of this case, or of a case linked to it by a referral, that your agency may see).' })
  @IsIn(TEAM_REFERRAL_REASONS)
  reason!: TeamReferralReason;

  @ApiProperty({ description: 'Whether the survivor knows the case goes to the team.' })
  @IsBoolean()
  survivorInformed!: boolean;
}

export class TeamVoteDto {
  @ApiProperty({ format: 'uuid' })
  @Matches(LOWERCASE_UUID, { message: 'agencyId must be a lowercase UUID' })
  agencyId!: string;

  @ApiProperty({ enum: TEAM_VOTES })
  @IsIn(TEAM_VOTES)
  vote!: TeamVote;
}

export class RecordTeamDecisionDto {
  @ApiProperty({ enum: TEAM_MOTIONS })
  @IsIn(TEAM_MOTIONS)
  motion!: TeamMotion;

  @ApiPropertyOptional({ enum: TEAM_CLOSE_REASONS, description: 'Required with the close motion, refused with accept.' })
  @MayBeOmitted()
  @IsIn(TEAM_CLOSE_REASONS)
  closeReason?: TeamCloseReason;

  @ApiProperty({ type: [String], description: 'The member agencies present; the others are recorded absent.', maxItems: MAX_TEAM_MEMBERS })
  @IsArray()
  @ArrayMaxSize(MAX_TEAM_MEMBERS)
  @ArrayUnique()
  @Matches(LOWERCASE_UUID, { each: true, message: 'each of presentAgencyIds must be a lowercase UUID' })
  presentAgencyIds!: string[];

  @ApiProperty({ type: [TeamVoteDto], description: 'One vote per present agency at most; a present agency without one abstains.', maxItems: MAX_TEAM_MEMBERS })
  @IsArray()
  @ArrayMaxSize(MAX_TEAM_MEMBERS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TeamVoteDto)
  votes!: TeamVoteDto[];
}

export class AgencyVoteDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ enum: [...TEAM_VOTES, 'absent'] }) vote!: TeamVote | 'absent';
}

export class TeamDecisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TEAM_MOTIONS }) motion!: TeamMotion;
  @ApiProperty({ enum: TEAM_CLOSE_REASONS, nullable: true, type: String }) closeReason!: TeamCloseReason | null;
  @ApiProperty() carried!: boolean;
  @ApiProperty({ type: [AgencyVoteDto], description: 'Every member agency: its vote, abstain, or absent.' }) votes!: AgencyVoteDto[];
  @ApiProperty({ format: 'uuid' }) recordedByAgencyId!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;

  static from(row: TeamDecisionRow): TeamDecisionDto {
    return { id: row.id, motion: row.motion, closeReason: row.closeReason, carried: row.carried, votes: row.votes, recordedByAgencyId: row.recordedByAgencyId, recordedAt: row.recordedAt.toISOString() };
  }
}

/** A referral to the team: codes, ids and times; what the case is about stays sealed. */
export class TeamReferralDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ format: 'uuid', description: "The referring custodian's case." }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) referringAgencyId!: string;
  @ApiProperty({ enum: TEAM_REFERRAL_REASONS }) reason!: TeamReferralReason;
  @ApiProperty({ description: "A further referral within 12 months of the last one of this case, or of a case linked to it by a referral, that the custodian may see." }) repeat!: boolean;
  @ApiProperty() survivorInformed!: boolean;
  @ApiProperty({ enum: SURVIVOR_CONSENT_STATES, description: 'written, verbal, or none (some member receives it under a mandate).' }) consentState!: SurvivorConsentState;
  @ApiProperty() withoutConsent!: boolean;
  @ApiProperty({ type: [String], description: 'The member agencies a basis covered (the custodian included): only they see the referral.' }) sharedWith!: string[];
  @ApiProperty({ enum: TEAM_REFERRAL_STATUSES }) status!: TeamReferralStatus;
  @ApiProperty({ enum: TEAM_CLOSE_REASONS, nullable: true, type: String }) closeReason!: TeamCloseReason | null;
  @ApiProperty({ format: 'date-time' }) referredAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ type: [TeamDecisionDto] }) decisions!: TeamDecisionDto[];

  static from(row: TeamReferralView | (Omit<TeamReferralView, 'decisions'> & { decisions?: undefined })): TeamReferralDto {
    return {
      id: row.id,
      teamId: row.teamId,
      caseId: row.caseId,
      referringAgencyId: row.referringAgencyId,
      reason: row.reason,
      repeat: row.repeat,
      survivorInformed: row.survivorInformed,
      consentState: row.consentState,
      withoutConsent: row.withoutConsent,
      sharedWith: row.sharedWith,
      status: row.status,
      closeReason: row.closeReason,
      referredAt: row.referredAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decisions: (row.decisions ?? []).map((decision) => TeamDecisionDto.from(decision)),
    };
  }
}
