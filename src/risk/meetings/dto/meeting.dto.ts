import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsObject, IsUUID, Matches } from 'class-validator';
import { IsIsoInstant } from '../../../consent/dto/validators';
import { LOWERCASE_UUID } from '../../../crypto/identifiers';
import { MayBeOmitted } from '../../../platform/http/may-be-omitted';
import { MAX_TEAM_MEMBERS } from '../../team/dto/risk-team.dto';
import { ACTION_NOT_DONE_REASONS, ACTION_STATUSES, MEETING_NOTE_KINDS, type ActionNotDoneReason, type ActionStatus, type MeetingNoteKind } from '../../team/team.vocabulary';
import type { ActionRow, MeetingNoteRow, MeetingRow } from '../meetings.repository';
import { NoteRecipientDto } from '../../../notes/dto/note.dto';
import type { Contribution, MeetingView } from '../meetings.service';

/** MARAC agendas run to about 20–30 cases a meeting. */
export const MAX_AGENDA = 100;

export class ConveneMeetingDto {
  @ApiProperty({ example: '2026-12-08T14:00:00.000Z', description: 'When the meeting is (or was) held.' })
  @IsIsoInstant()
  heldAt!: string;

  @ApiProperty({ type: [String], description: 'The member agencies attending: only they receive its sealed notes.', maxItems: MAX_TEAM_MEMBERS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TEAM_MEMBERS)
  @ArrayUnique()
  @Matches(LOWERCASE_UUID, { each: true, message: 'each of attendeeAgencyIds must be a lowercase UUID' })
  attendeeAgencyIds!: string[];

  @ApiProperty({ type: [String], description: 'The agenda: open referrals of this team, in order.', maxItems: MAX_AGENDA })
  @IsArray()
  @ArrayMaxSize(MAX_AGENDA)
  @ArrayUnique()
  @Matches(LOWERCASE_UUID, { each: true, message: 'each of referralIds must be a lowercase UUID' })
  referralIds!: string[];
}

export class SealedMeetingNoteDto {
  @ApiProperty({ format: 'uuid', description: 'The agenda item (a referral of the team) the note is about.' })
  @Matches(LOWERCASE_UUID, { message: 'referralId must be a lowercase UUID' })
  referralId!: string;

  @ApiProperty({ format: 'uuid', description: "Your agency's case the note is sealed on (for minutes: the referred case)." })
  @Matches(LOWERCASE_UUID, { message: 'caseId must be a lowercase UUID' })
  caseId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Choose the id yourself to make a retry safe (a repeat is 409).' })
  @MayBeOmitted()
  @IsUUID()
  noteId?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Sealed record (envelope v1, category risk, case = caseId), wrapped for your agency and attending agencies a basis covers.' })
  @IsObject()
  content!: Record<string, unknown>;
}

export class TakeActionDto extends SealedMeetingNoteDto {
  @ApiProperty({ example: '2026-12-15T17:00:00.000Z' })
  @IsIsoInstant()
  dueAt!: string;
}

export class SetActionStatusDto {
  @ApiProperty({ enum: ['done', 'not_done'] })
  @IsIn(['done', 'not_done'])
  status!: 'done' | 'not_done';

  @ApiPropertyOptional({ enum: ACTION_NOT_DONE_REASONS, description: 'Required when not done.' })
  @MayBeOmitted()
  @IsIn(ACTION_NOT_DONE_REASONS)
  notDoneReason?: ActionNotDoneReason;
}

export class MeetingNoteDto {
  @ApiProperty({ format: 'uuid' }) noteId!: string;
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ enum: MEETING_NOTE_KINDS }) kind!: MeetingNoteKind;
  @ApiProperty({ format: 'uuid' }) authorAgencyId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(row: MeetingNoteRow): MeetingNoteDto {
    return { noteId: row.noteId, referralId: row.referralId, kind: row.kind, authorAgencyId: row.authorAgencyId, createdAt: row.createdAt.toISOString() };
  }
}

/** An action item: who owns it, when it is due, where it stands; what it is stays in its sealed note. */
export class RiskActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ format: 'uuid' }) ownerAgencyId!: string;
  @ApiProperty({ format: 'uuid', description: 'The sealed note saying what the action is.' }) noteId!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status!: ActionStatus;
  @ApiProperty({ enum: ACTION_NOT_DONE_REASONS, nullable: true, type: String }) notDoneReason!: ActionNotDoneReason | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the overdue sweep found it open past its due date.' }) overdueAt!: string | null;
  @ApiProperty({ description: 'Open and past its due date now (whether or not the sweep has announced it yet).' }) overdue!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(row: ActionRow): RiskActionDto {
    return {
      id: row.id,
      meetingId: row.meetingId,
      referralId: row.referralId,
      ownerAgencyId: row.ownerAgencyId,
      noteId: row.noteId,
      dueAt: row.dueAt.toISOString(),
      status: row.status,
      notDoneReason: row.notDoneReason,
      overdueAt: row.overdueAt?.toISOString() ?? null,
      overdue: row.status === 'open' && row.dueAt.getTime() <= Date.now(),
      createdAt: row.createdAt.toISOString(),
    };
  }
}

export class RiskMeetingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ format: 'uuid' }) chairAgencyId!: string;
  @ApiProperty({ format: 'date-time' }) heldAt!: string;
  @ApiProperty({ type: [String] }) attendeeAgencyIds!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(row: MeetingRow): RiskMeetingDto {
    return { id: row.id, teamId: row.teamId, chairAgencyId: row.chairAgencyId, heldAt: row.heldAt.toISOString(), attendeeAgencyIds: row.attendeeAgencyIds, createdAt: row.createdAt.toISOString() };
  }
}

export class RiskMeetingViewDto extends RiskMeetingDto {
  @ApiProperty({ type: [String], description: 'The agenda items (referrals) your agency receives, in order.' }) agenda!: string[];
  @ApiProperty({ type: [MeetingNoteDto], description: 'Sealed contributions and minutes on those items (open each: a decided, logged read).' }) notes!: MeetingNoteDto[];
  @ApiProperty({ type: [RiskActionDto], description: 'Actions taken at this meeting and, for review, those of earlier meetings on its agenda.' }) actions!: RiskActionDto[];

  static fromView(view: MeetingView): RiskMeetingViewDto {
    return { ...RiskMeetingDto.from(view), agenda: view.agenda, notes: view.notes.map((note) => MeetingNoteDto.from(note)), actions: view.actions.map((action) => RiskActionDto.from(action)) };
  }
}

/** A sealed note your agency wrote for a meeting: where and when, the case it is sealed on, and whom it is wrapped for. */
export class RiskContributionDto extends MeetingNoteDto {
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty() teamName!: string;
  @ApiProperty({ format: 'date-time', description: 'When the meeting is (or was) held.' }) meetingHeldAt!: string;
  @ApiProperty({ type: [String], description: 'The agencies attending the meeting.' }) attendeeAgencyIds!: string[];
  @ApiProperty({ format: 'uuid', description: "Your agency's case the note is sealed on." }) caseId!: string;
  @ApiProperty({ type: [NoteRecipientDto], description: 'Your agency and the attending agencies the note is wrapped for; canRead is false once a wrap was deleted.' }) recipients!: NoteRecipientDto[];

  static fromContribution(row: Contribution): RiskContributionDto {
    return {
      ...MeetingNoteDto.from(row),
      meetingId: row.meetingId,
      teamId: row.teamId,
      teamName: row.teamName,
      meetingHeldAt: row.heldAt.toISOString(),
      attendeeAgencyIds: row.attendeeAgencyIds,
      caseId: row.caseId,
      recipients: row.recipients.map((recipient) => ({ agencyId: recipient.agencyId, basisKind: recipient.basisKind, basisId: recipient.basisId, canRead: recipient.wrapPresent })),
    };
  }
}
