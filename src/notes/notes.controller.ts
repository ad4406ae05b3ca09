import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { IdParam } from '../platform/http/id-param';
import { AddNoteDto, AmendNoteDto, NoteDto, NoteWithContentDto, NoteWithRecipientsDto, RecordShareDto, SharedNotePageDto, SharedNotesQueryDto, ShareRecordDto } from './dto/note.dto';
import { NotesService } from './notes.service';
import { RecordSharesService } from './record-shares.service';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';

const ROLES = ['service', 'advocate', 'agency_worker'] as const;

@ApiTags('notes')
@ApiBearerAuth()
@Controller()
@ApiProblems(ACCESS_PROBLEMS)
export class NotesController {
  constructor(
    private readonly notes: NotesService,
    private readonly shares: RecordSharesService,
  ) {}

  @Post('cases/:caseId/notes')
  @Roles(...ROLES)
  @ApiCreatedResponse({ type: NoteWithRecipientsDto, description: 'A wrap for an agency no consent covers, or a shared privileged note → 422 (and a logged refusal).' })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async add(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string, @Body() body: AddNoteDto): Promise<NoteWithRecipientsDto> {
    return NoteWithRecipientsDto.withRecipients(await this.notes.add(caller, caseId, body));
  }

  @Get('cases/:caseId/notes')
  @Roles(...ROLES)
  @ApiOkResponse({ type: [NoteWithRecipientsDto], description: 'Your case\'s notes and who can read each (custodian only).' })
  @ApiProblems(404)
  async listForCase(@Caller() caller: CallerContext, @IdParam('caseId', 'case') caseId: string): Promise<NoteWithRecipientsDto[]> {
    return (await this.notes.listForCase(caller, caseId)).map((note) => NoteWithRecipientsDto.withRecipients(note));
  }

  @Get('notes')
  @Roles(...ROLES)
  @ApiOkResponse({ type: SharedNotePageDto, description: 'Notes of other agencies currently shared with yours, newest first.' })
  @ApiProblems(422)
  async sharedWithMe(@Caller() caller: CallerContext, @Query() query: SharedNotesQueryDto): Promise<SharedNotePageDto> {
    const page = await this.notes.listSharedWithMe(caller, query.cursor, query.limit ?? 50);
    return { items: page.items.map((note) => NoteDto.from(note)), nextCursor: page.nextCursor };
  }

  @Get('notes/:noteId')
  @Roles(...ROLES)
  @ApiOkResponse({ type: NoteWithContentDto, description: 'The sealed current version; consent is checked again and the read is logged.' })
  @ApiProblems(404, 503)
  async read(@Caller() caller: CallerContext, @IdParam('noteId', 'note') noteId: string): Promise<NoteWithContentDto> {
    const { note, content } = await this.notes.read(caller, noteId);
    return { ...NoteDto.from(note), content: content.record as unknown as Record<string, unknown>, share: content.share as unknown as Record<string, unknown> | null };
  }

  @Post('notes/:noteId/versions')
  @Roles(...ROLES)
  @ApiCreatedResponse({ type: NoteWithRecipientsDto })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async amend(@Caller() caller: CallerContext, @IdParam('noteId', 'note') noteId: string, @Body() body: AmendNoteDto): Promise<NoteWithRecipientsDto> {
    return NoteWithRecipientsDto.withRecipients(await this.notes.amend(caller, noteId, body.content));
  }

  @Post('records/:recordId/shares')
  @Roles(...ROLES)
  @ApiCreatedResponse({ type: RecordShareDto, description: 'Add a newly consented agency to an existing note record (custodian only).' })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async share(@Caller() caller: CallerContext, @IdParam('recordId', 'record') recordId: string, @Body() body: ShareRecordDto): Promise<RecordShareDto> {
    return this.shares.share(caller, recordId, body.share);
  }
}
