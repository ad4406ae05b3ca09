import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../../auth/caller-context';
import { Roles } from '../../auth/decorators/roles.decorator';
import { NoteDto, NoteWithContentDto, NoteWithRecipientsDto } from '../../notes/dto/note.dto';
import { ACCESS_PROBLEMS, ApiProblems, BODY_PROBLEMS } from '../../platform/errors/api-problems';
import { IdParam } from '../../platform/http/id-param';
import { ConveneMeetingDto, RiskActionDto, RiskContributionDto, RiskMeetingDto, RiskMeetingViewDto, SealedMeetingNoteDto, SetActionStatusDto, TakeActionDto } from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('risk-teams')
@ApiBearerAuth()
@Roles('advocate', 'agency_worker')
@Controller()
@ApiProblems(ACCESS_PROBLEMS)
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('risk-teams/:teamId/meetings')
  @ApiOperation({ summary: 'The chair convenes a meeting: when, the attending member agencies, an agenda of open referrals' })
  @ApiCreatedResponse({ type: RiskMeetingViewDto })
  @ApiProblems(403, 404, BODY_PROBLEMS, 503)
  async convene(@Caller() caller: CallerContext, @IdParam('teamId', 'risk team') teamId: string, @Body() body: ConveneMeetingDto): Promise<RiskMeetingViewDto> {
    return RiskMeetingViewDto.fromView(await this.meetings.convene(caller, teamId, { heldAt: new Date(body.heldAt), attendeeAgencyIds: body.attendeeAgencyIds, referralIds: body.referralIds }));
  }

  @Get('risk-teams/:teamId/meetings')
  @ApiOperation({ summary: "The team's meetings, newest first" })
  @ApiOkResponse({ type: [RiskMeetingDto] })
  @ApiProblems(404, 503)
  async list(@Caller() caller: CallerContext, @IdParam('teamId', 'risk team') teamId: string): Promise<RiskMeetingDto[]> {
    return (await this.meetings.list(caller, teamId)).map((row) => RiskMeetingDto.from(row));
  }

  @Get('risk-meetings/:meetingId')
  @ApiOperation({ summary: 'A meeting of your team: agenda, sealed notes and actions on the referrals your agency receives' })
  @ApiOkResponse({ type: RiskMeetingViewDto })
  @ApiProblems(404, 503)
  async get(@Caller() caller: CallerContext, @IdParam('meetingId', 'team meeting') meetingId: string): Promise<RiskMeetingViewDto> {
    return RiskMeetingViewDto.fromView(await this.meetings.get(caller, meetingId));
  }

  @Post('risk-meetings/:meetingId/contributions')
  @ApiOperation({ summary: "An attending agency's sealed contribution on an agenda item, a note of its own case wrapped for attending agencies decide() allows (refusals logged)" })
  @ApiCreatedResponse({ type: NoteWithRecipientsDto })
  @ApiProblems(403, 404, 409, BODY_PROBLEMS, 503)
  async contribute(@Caller() caller: CallerContext, @IdParam('meetingId', 'team meeting') meetingId: string, @Body() body: SealedMeetingNoteDto): Promise<NoteWithRecipientsDto> {
    return NoteWithRecipientsDto.withRecipients(await this.meetings.addNote(caller, meetingId, 'contribution', body));
  }

  @Post('risk-meetings/:meetingId/minutes')
  @ApiOperation({ summary: 'The sealed minutes of an agenda item, by the agency that referred the case, wrapped for attending agencies decide() allows' })
  @ApiCreatedResponse({ type: NoteWithRecipientsDto })
  @ApiProblems(403, 404, 409, BODY_PROBLEMS, 503)
  async minutes(@Caller() caller: CallerContext, @IdParam('meetingId', 'team meeting') meetingId: string, @Body() body: SealedMeetingNoteDto): Promise<NoteWithRecipientsDto> {
    return NoteWithRecipientsDto.withRecipients(await this.meetings.addNote(caller, meetingId, 'minutes', body));
  }

  @Get('risk-meetings/:meetingId/notes/:noteId')
  @ApiOperation({ summary: 'Opens a sealed meeting note: attending agencies only, decided again and logged (a refusal is logged and answers 404)' })
  @ApiOkResponse({ type: NoteWithContentDto })
  @ApiProblems(404, 503)
  async readNote(@Caller() caller: CallerContext, @IdParam('meetingId', 'team meeting') meetingId: string, @IdParam('noteId', 'meeting note') noteId: string): Promise<NoteWithContentDto> {
    const { note, content } = await this.meetings.readNote(caller, meetingId, noteId);
    return { ...NoteDto.from(note), content: content.record as unknown as Record<string, unknown>, share: content.share as unknown as Record<string, unknown> | null };
  }

  @Get('risk-contributions')
  @ApiOperation({ summary: "The sealed contributions and minutes your agency wrote for team meetings, newest first (the latest 200), with whom each is wrapped for" })
  @ApiOkResponse({ type: [RiskContributionDto] })
  @ApiProblems(503)
  async contributions(@Caller() caller: CallerContext): Promise<RiskContributionDto[]> {
    return (await this.meetings.listMyContributions(caller)).map((row) => RiskContributionDto.fromContribution(row));
  }

  @Post('risk-meetings/:meetingId/actions')
  @ApiOperation({ summary: 'Your agency takes an action on an agenda item: what (sealed like a contribution) and when it is due' })
  @ApiCreatedResponse({ type: RiskActionDto })
  @ApiProblems(403, 404, 409, BODY_PROBLEMS, 503)
  async takeAction(@Caller() caller: CallerContext, @IdParam('meetingId', 'team meeting') meetingId: string, @Body() body: TakeActionDto): Promise<RiskActionDto> {
    return RiskActionDto.from(await this.meetings.takeAction(caller, meetingId, { ...body, dueAt: new Date(body.dueAt) }));
  }

  @Get('risk-actions')
  @ApiOperation({ summary: 'The action items your agency owns, soonest due first' })
  @ApiOkResponse({ type: [RiskActionDto] })
  @ApiProblems(503)
  async mine(@Caller() caller: CallerContext): Promise<RiskActionDto[]> {
    return (await this.meetings.listMyActions(caller)).map((row) => RiskActionDto.from(row));
  }

  @Put('risk-actions/:actionId/status')
  @ApiOperation({ summary: 'The owner agency sets its action done, or not done with a coded reason (logged on the case)' })
  @ApiOkResponse({ type: RiskActionDto })
  @ApiProblems(404, BODY_PROBLEMS, 503)
  async setStatus(@Caller() caller: CallerContext, @IdParam('actionId', 'action item') actionId: string, @Body() body: SetActionStatusDto): Promise<RiskActionDto> {
    return RiskActionDto.from(await this.meetings.setActionStatus(caller, actionId, body.status, body.notDoneReason));
  }
}
