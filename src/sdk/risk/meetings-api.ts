import type { AreaContext } from '../api/area-context';
import { ReleaseNotUsable } from '../api/area-errors';
import type { Note, NoteRecipient, NoteWithRecipients, ReadNote } from '../api/note-types';
import type { NotesApi } from '../api/notes-api';
import { checkOpened, factsOf } from '../api/opened-record';
import { openedText, type TextContent, textBytes } from '../api/plaintext';
import { requireUuid } from '../api/validate';
import { CcrUsageError } from '../errors';
import { apiPath } from '../http/api-path';
import { newRecordId } from '../ids';
import type { DeliveredRecordV1, SharedWrapV1 } from '../../crypto';
import type { ActionNotDoneReason, ActionStatus, MeetingNoteKind } from '../../risk/team/team.vocabulary';

export interface NewMeeting {
  heldAt: Date;
  /** The attending member agencies: only they receive the meeting's sealed notes. */
  attendeeAgencyIds: string[];
  /** The agenda: open referrals of the team, in order. */
  referralIds: string[];
}

export interface RiskMeeting {
  id: string;
  teamId: string;
  chairAgencyId: string;
  heldAt: string;
  attendeeAgencyIds: string[];
  createdAt: string;
}

export interface RiskAction {
  id: string;
  meetingId: string;
  referralId: string;
  ownerAgencyId: string;
  /** The sealed note saying what the action is. */
  noteId: string;
  dueAt: string;
  status: ActionStatus;
  notDoneReason: ActionNotDoneReason | null;
  overdueAt: string | null;
  /** Open and past its due date now. */
  overdue: boolean;
  createdAt: string;
}

export interface RiskMeetingView extends RiskMeeting {
  agenda: string[];
  notes: { noteId: string; referralId: string; kind: MeetingNoteKind; authorAgencyId: string; createdAt: string }[];
  /** Actions taken at this meeting and, for review, those of earlier meetings on its agenda. */
  actions: RiskAction[];
}

/** A sealed note this agency wrote for a meeting: where and when, its own case it is sealed on, whom it is wrapped for. */
export interface RiskContribution {
  noteId: string;
  kind: MeetingNoteKind;
  meetingId: string;
  teamId: string;
  teamName: string;
  meetingHeldAt: string;
  attendeeAgencyIds: string[];
  referralId: string;
  caseId: string;
  authorAgencyId: string;
  createdAt: string;
  /** This agency and the attending agencies the note is wrapped for (canRead false once a wrap was deleted). */
  recipients: NoteRecipient[];
}

export interface MeetingNoteInput {
  referralId: string;
  /** This agency's case the note is sealed on (for minutes: the referred case). */
  caseId: string;
  content: TextContent;
  noteId?: string;
}

interface NoteWithContent extends Note {
  content: DeliveredRecordV1;
  share: SharedWrapV1 | null;
}

/**
 * Meetings of high-risk teams (decision 0125). What an agency says is sealed here, as a `risk`
 * note of its own case, for exactly the attending agencies a release (or mandate) of that case
 * covers now; the server decides every wrap again and logs every refusal and every read.
 */
export class MeetingsApi {
  constructor(
    private readonly context: AreaContext,
    private readonly notes: NotesApi,
  ) {}

  async convene(teamId: string, meeting: NewMeeting): Promise<RiskMeetingView> {
    const json = { heldAt: meeting.heldAt.toISOString(), attendeeAgencyIds: meeting.attendeeAgencyIds.map((id) => requireUuid(id, 'attendeeAgencyIds')), referralIds: meeting.referralIds.map((id) => requireUuid(id, 'referralIds')) };
    return (await this.context.http.request<RiskMeetingView>({ method: 'POST', path: apiPath`/risk-teams/${requireUuid(teamId, 'teamId')}/meetings`, json })).body;
  }

  async list(teamId: string): Promise<RiskMeeting[]> {
    return (await this.context.http.request<RiskMeeting[]>({ method: 'GET', path: apiPath`/risk-teams/${requireUuid(teamId, 'teamId')}/meetings` })).body;
  }

  async get(meetingId: string): Promise<RiskMeetingView> {
    return (await this.context.http.request<RiskMeetingView>({ method: 'GET', path: apiPath`/risk-meetings/${requireUuid(meetingId, 'meetingId')}` })).body;
  }

  /** A contribution on an agenda item, sealed for the attending agencies a basis of the case covers. */
  contribute(meetingId: string, note: MeetingNoteInput): Promise<NoteWithRecipients> {
    return this.sendSealed(meetingId, 'contributions', note);
  }

  /** The minutes of an agenda item, by the agency that referred the case, on the referred case. */
  minutes(meetingId: string, note: MeetingNoteInput): Promise<NoteWithRecipients> {
    return this.sendSealed(meetingId, 'minutes', note);
  }

  /** This agency takes an action on an agenda item: what it is (sealed like a contribution), when due. */
  async takeAction(meetingId: string, action: MeetingNoteInput & { dueAt: Date }): Promise<RiskAction> {
    const body = await this.sealFor(meetingId, action);
    return (await this.context.http.request<RiskAction>({ method: 'POST', path: apiPath`/risk-meetings/${meetingId}/actions`, json: { ...body, dueAt: action.dueAt.toISOString() } })).body;
  }

  /** The contributions and minutes this agency wrote, newest first (the latest 200). */
  async myContributions(): Promise<RiskContribution[]> {
    return (await this.context.http.request<RiskContribution[]>({ method: 'GET', path: '/risk-contributions' })).body;
  }

  async myActions(): Promise<RiskAction[]> {
    return (await this.context.http.request<RiskAction[]>({ method: 'GET', path: '/risk-actions' })).body;
  }

  async setActionStatus(actionId: string, status: 'done' | 'not_done', notDoneReason?: ActionNotDoneReason): Promise<RiskAction> {
    const json = { status, ...(notDoneReason === undefined ? {} : { notDoneReason }) };
    return (await this.context.http.request<RiskAction>({ method: 'PUT', path: apiPath`/risk-actions/${requireUuid(actionId, 'actionId')}/status`, json })).body;
  }

  /** Opens a meeting note (a decided, logged read), verifying its author. */
  async readNote(meetingId: string, noteId: string): Promise<ReadNote> {
    const response = await this.context.http.request<NoteWithContent>({ method: 'GET', path: apiPath`/risk-meetings/${requireUuid(meetingId, 'meetingId')}/notes/${requireUuid(noteId, 'noteId')}` });
    const { content, share, ...note } = response.body;
    const opened = await this.context.records().open(content, { share: share ?? undefined });
    checkOpened(opened, { recordId: note.currentRecordId, caseId: note.caseId, category: note.category, authorAgencyId: note.authorAgencyId });
    return { note, record: factsOf(opened), text: await openedText(opened.body, response.requestId) };
  }

  private async sendSealed(meetingId: string, route: 'contributions' | 'minutes', note: MeetingNoteInput): Promise<NoteWithRecipients> {
    const body = await this.sealFor(meetingId, note);
    return (await this.context.http.request<NoteWithRecipients>({ method: 'POST', path: apiPath`/risk-meetings/${meetingId}/${route}`, json: body })).body;
  }

  /** Seals for this agency and each attending agency a release of the case lets receive `risk` notes now. */
  private async sealFor(meetingId: string, note: MeetingNoteInput): Promise<{ referralId: string; caseId: string; noteId: string; content: unknown }> {
    requireUuid(meetingId, 'meetingId');
    const caseId = requireUuid(note.caseId, 'caseId');
    const meeting = await this.get(meetingId);
    if (!meeting.attendeeAgencyIds.includes(this.context.agencyId)) throw new CcrUsageError('your agency did not attend this meeting');
    const { grants, excluded } = await this.notes.recipientsFor(caseId, 'risk');
    const attending = grants.filter((grant) => grant.agencyId !== this.context.agencyId && meeting.attendeeAgencyIds.includes(grant.agencyId));
    if (attending.length === 0) {
      const reason = excluded.find((each) => meeting.attendeeAgencyIds.includes(each.agencyId))?.reason ?? 'no_consent';
      throw new ReleaseNotUsable(null, reason, `no release of this case lets an attending agency receive it (${reason}): nothing was sealed`);
    }
    const content = await this.context.records().seal({ caseId, category: 'risk', body: textBytes(note.content, 'the note'), recipients: attending });
    return { referralId: requireUuid(note.referralId, 'referralId'), caseId, noteId: note.noteId === undefined ? newRecordId() : requireUuid(note.noteId, 'noteId'), content };
  }
}
