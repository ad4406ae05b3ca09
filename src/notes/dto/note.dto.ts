import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { NOTE_CATEGORIES, type NoteCategory } from '../../consent/consent.vocabulary';
import { type NoteWithRecipients } from '../notes.service';
import { type NoteRow } from '../notes.repository';

export class AddNoteDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Choose the id yourself to make a retry safe (a repeat is 409).' })
  @MayBeOmitted()
  @IsUUID()
  noteId?: string;

  @ApiProperty({ enum: NOTE_CATEGORIES, description: 'privileged_counseling is never shared: wrap it for your agency only.' })
  @IsIn(NOTE_CATEGORIES)
  category!: NoteCategory;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Sealed record (envelope v1, category = the note category, case = this case), wrapped for your agency and each agency whose consent covers the category.',
  })
  @IsObject()
  content!: Record<string, unknown>;
}

export class AmendNoteDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A new sealed record (fresh DEK) whose `supersedes` is the current record id.' })
  @IsObject()
  content!: Record<string, unknown>;
}

export class ShareRecordDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A share (src/crypto rewrapForAgency): a new wrap for a newly consented agency, signed by your agency.' })
  @IsObject()
  share!: Record<string, unknown>;
}

export class SharedNotesQueryDto {
  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class NoteRecipientDto {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ enum: ['custodian', 'consent', 'mandate'] }) basisKind!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) basisId!: string | null;
  @ApiProperty({ description: 'False once the wrap was deleted (revocation, narrower consent).' }) canRead!: boolean;
}

export class NoteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) authorAgencyId!: string;
  @ApiProperty({ enum: NOTE_CATEGORIES }) category!: NoteCategory;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'uuid' }) currentRecordId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(note: NoteRow): NoteDto {
    return {
      id: note.id,
      caseId: note.caseId,
      authorAgencyId: note.authorAgencyId,
      category: note.category,
      version: note.currentVersion,
      currentRecordId: note.currentRecordId,
      createdAt: new Date(note.createdAt).toISOString(),
      updatedAt: new Date(note.updatedAt).toISOString(),
    };
  }
}

export class NoteWithRecipientsDto extends NoteDto {
  @ApiProperty({ type: [NoteRecipientDto] }) recipients!: NoteRecipientDto[];

  static withRecipients(note: NoteWithRecipients): NoteWithRecipientsDto {
    return {
      ...NoteDto.from(note),
      recipients: note.recipients.map((recipient) => ({ agencyId: recipient.agencyId, basisKind: recipient.basisKind, basisId: recipient.basisId, canRead: recipient.wrapPresent })),
    };
  }
}

export class NoteWithContentDto extends NoteDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The sealed current version with only your key wrap (a share, if you were added later).' })
  content!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) share!: Record<string, unknown> | null;
}

export class SharedNotePageDto {
  @ApiProperty({ type: [NoteDto] }) items!: NoteDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}

export class RecordShareDto {
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ format: 'uuid' }) basisId!: string;
}
