import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgenciesRepository } from '../../agencies/agencies.repository';
import { type CallerContext } from '../../auth/caller-context';
import { ConsentDecisionService } from '../../consent/consent-decision.service';
import { inTransaction } from '../../database/transactions';
import { actorOf, LedgerWriter } from '../../ledger/ledger-writer';
import { type NoteWithRecipients, NotesService } from '../../notes/notes.service';
import { NoteNotFoundError } from '../../notes/notes.errors';
import { type NoteRecipientRow, type NoteRow } from '../../notes/notes.repository';
import { CasesService } from '../../cases/cases.service';
import { type DeliveredRecord } from '../../records/records.service';
import { NotTheChairError, RiskTeamNotFoundError, TeamReferralNotFoundError, TeamRequestRefusedError } from '../team/risk-teams.errors';
import { RiskTeamsRepository } from '../team/risk-teams.repository';
import { decideTeamDisclosure } from '../team/team-sharing';
import { type TeamReferralRow, TeamReferralsRepository } from '../team/team-referrals.repository';
import type { ActionNotDoneReason, ActionStatus, MeetingNoteKind } from '../team/team.vocabulary';
import { ActionNotFoundError, MeetingNoteNotFoundError, MeetingNotFoundError, MeetingShareRefusedError, NotAttendingError } from './meetings.errors';
import { type ActionRow, type ContributionRow, type MeetingNoteRow, type MeetingRow, MeetingsRepository } from './meetings.repository';

export interface NewMeeting {
  heldAt: Date;
  attendeeAgencyIds: string[];
  referralIds: string[];
}

/** A sealed note for the meeting: a sealed envelope of category `risk` on one of the caller's own cases. */
export interface SealedMeetingNote {
  referralId: string;
  caseId: string;
  noteId?: string;
  content: unknown;
}

/** A note the caller's agency wrote for a meeting, with whom it is wrapped for (its content stays sealed). */
export interface Contribution extends ContributionRow {
  recipients: NoteRecipientRow[];
}

/** A desk's working set: the newest contributions (a team meets a few times a month). */
export const MAX_CONTRIBUTIONS_LISTED = 200;

export interface MeetingView extends MeetingRow {
  agenda: string[];
  notes: MeetingNoteRow[];
  /** Actions taken at this meeting and, for review, those of earlier meetings on its agenda's cases. */
  actions: ActionRow[];
}

/**
 * Meetings of a high-risk team (decision 0125): the chair convenes them with an agenda of referred
 * cases and the attending agencies. What is said is sealed on the client in notes of the speaking
 * agency's own case, wrapped for attending agencies only; every wrap is decided by decide() (with
 * the team's written-consent rule) before it is stored, every refusal is logged, and every read
 * goes through the notes' read path: decide() again, a logged disclosure, or a logged refusal.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsRepository,
    private readonly teams: RiskTeamsRepository,
    private readonly referrals: TeamReferralsRepository,
    private readonly notes: NotesService,
    private readonly cases: CasesService,
    private readonly decisions: ConsentDecisionService,
    private readonly ledger: LedgerWriter,
    private readonly agencies: AgenciesRepository,
  ) {}

  convene(caller: CallerContext, teamId: string, input: NewMeeting): Promise<MeetingView> {
    return inTransaction(this.dataSource, async (manager) => {
      const agencyId = caller.principal.agencyId;
      const team = await this.teams.findForMember(manager, teamId, agencyId);
      if (!team) throw new RiskTeamNotFoundError();
      if (team.chairAgencyId !== agencyId) throw new NotTheChairError();
      const outsider = input.attendeeAgencyIds.find((each) => !team.memberAgencyIds.includes(each));
      if (outsider) throw new TeamRequestRefusedError('attendeeAgencyIds', `agency ${outsider} is not a member of the team`);
      for (const referralId of input.referralIds) {
        const referral = await this.referrals.findVisible(manager, referralId, agencyId);
        if (!referral || referral.teamId !== teamId || referral.status === 'closed') throw new TeamRequestRefusedError('referralIds', `referral ${referralId} is not an open referral of this team`);
      }
      const id = randomUUID();
      await this.meetings.insert(manager, { id, teamId, heldAt: input.heldAt, attendeeAgencyIds: input.attendeeAgencyIds }, input.referralIds);
      return this.viewIn(manager, caller, id);
    });
  }

  async list(caller: CallerContext, teamId: string): Promise<MeetingRow[]> {
    const manager = this.dataSource.manager;
    if (!(await this.teams.findForMember(manager, teamId, caller.principal.agencyId))) throw new RiskTeamNotFoundError();
    return this.meetings.listForTeam(manager, teamId);
  }

  get(caller: CallerContext, meetingId: string): Promise<MeetingView> {
    return this.viewIn(this.dataSource.manager, caller, meetingId);
  }

  /** A contribution (any attending agency, on its own case) or the minutes (the referring custodian, on the referred case). */
  async addNote(caller: CallerContext, meetingId: string, kind: MeetingNoteKind, input: SealedMeetingNote): Promise<NoteWithRecipients> {
    return this.storeSealed(caller, meetingId, input, kind === 'minutes', async (manager, meeting, note) => {
      await this.meetings.insertNote(manager, { noteId: note.id, meetingId: meeting.id, referralId: input.referralId, kind, authorAgencyId: caller.principal.agencyId });
    });
  }

  /** The caller's agency takes an action at the meeting: what it is, sealed like a contribution; when it is due. */
  async takeAction(caller: CallerContext, meetingId: string, input: SealedMeetingNote & { dueAt: Date }): Promise<ActionRow> {
    const id = randomUUID();
    const agencyId = caller.principal.agencyId;
    await this.storeSealed(caller, meetingId, input, false, async (manager, meeting, note) => {
      await this.meetings.insertAction(manager, { id, meetingId: meeting.id, referralId: input.referralId, ownerAgencyId: agencyId, noteId: note.id, dueAt: input.dueAt });
      // Codes and times only (decision 0162): what the action is stays in its sealed note.
      const [own] = await this.agencies.findByIds([agencyId], manager);
      await this.ledger.record(manager, 'team_action_taken', {
        actor: actorOf(caller),
        case: input.caseId,
        requestId: caller.requestId,
        detail: { team: meeting.teamId, meeting: meeting.id, action: id, referral: input.referralId, dueAt: input.dueAt.toISOString(), ownerKind: own?.kind ?? null },
      });
    });
    const action = await this.meetings.findOwnedAction(this.dataSource.manager, id, caller.principal.agencyId);
    return action as ActionRow;
  }

  /**
   * Opens a meeting note: only an attending agency (others get 404 and a logged refusal), then the
   * notes' read path, which asks decide() again (a basis that ended is a logged refusal and 404).
   */
  async readNote(caller: CallerContext, meetingId: string, noteId: string): Promise<{ note: NoteRow; content: DeliveredRecord }> {
    const manager = this.dataSource.manager;
    const agencyId = caller.principal.agencyId;
    const meeting = await this.meetings.findForMember(manager, meetingId, agencyId);
    const filed = meeting ? await this.meetings.findNote(manager, meetingId, noteId) : null;
    if (!meeting || !filed) throw new MeetingNoteNotFoundError();
    if (!meeting.attendeeAgencyIds.includes(agencyId) && filed.authorAgencyId !== agencyId) {
      await this.ledger.recordDenial(manager, caller, { discloser: filed.authorAgencyId, recipient: agencyId, categories: ['risk'], reason: 'not_attending', detail: { attempted: 'meeting_note_read', meeting: meetingId, note: noteId } });
      throw new MeetingNoteNotFoundError();
    }
    try {
      return await this.notes.read(caller, noteId);
    } catch (error) {
      if (error instanceof NoteNotFoundError) throw new MeetingNoteNotFoundError();
      throw error;
    }
  }

  /** The contributions and minutes the caller's agency wrote, newest first: only its own, with each one's readers. */
  async listMyContributions(caller: CallerContext): Promise<Contribution[]> {
    const rows = await this.meetings.listContributionsBy(this.dataSource.manager, caller.principal.agencyId, MAX_CONTRIBUTIONS_LISTED);
    const recipients = await this.notes.recipientsOfOwn(caller, rows.map((row) => row.noteId));
    return rows.map((row) => ({ ...row, recipients: recipients.filter((recipient) => recipient.noteId === row.noteId) }));
  }

  listMyActions(caller: CallerContext): Promise<ActionRow[]> {
    return this.meetings.listOwned(this.dataSource.manager, caller.principal.agencyId);
  }

  /** The owner agency sets an action done, or not done with a coded reason; each change is logged on the case. */
  setActionStatus(caller: CallerContext, actionId: string, status: Exclude<ActionStatus, 'open'>, notDoneReason: ActionNotDoneReason | undefined, now: Date = new Date()): Promise<ActionRow> {
    return inTransaction(this.dataSource, async (manager) => {
      const agencyId = caller.principal.agencyId;
      const action = await this.meetings.findOwnedAction(manager, actionId, agencyId, true);
      if (!action) throw new ActionNotFoundError();
      if ((status === 'not_done') !== (notDoneReason !== undefined)) throw new TeamRequestRefusedError('notDoneReason', 'an action not done needs a notDoneReason, and only then');
      const reason = notDoneReason ?? null;
      if (action.status === status && action.notDoneReason === reason) return action;
      await this.meetings.setStatus(manager, actionId, status, reason, now);
      await this.ledger.record(manager, 'team_action_updated', {
        actor: actorOf(caller),
        case: action.caseId,
        requestId: caller.requestId,
        detail: { action: actionId, referral: action.referralId, status, previousStatus: action.status, notDoneReason: reason, dueAt: action.dueAt.toISOString() },
      });
      return (await this.meetings.findOwnedAction(manager, actionId, agencyId)) as ActionRow;
    });
  }

  private async storeSealed(
    caller: CallerContext,
    meetingId: string,
    input: SealedMeetingNote,
    minutes: boolean,
    file: (manager: EntityManager, meeting: MeetingRow, note: NoteWithRecipients) => Promise<void>,
  ): Promise<NoteWithRecipients> {
    const manager = this.dataSource.manager;
    const agencyId = caller.principal.agencyId;
    const meeting = await this.meetings.findForMember(manager, meetingId, agencyId);
    if (!meeting) throw new MeetingNotFoundError();
    if (!meeting.attendeeAgencyIds.includes(agencyId)) throw new NotAttendingError();
    const referral = await this.onAgenda(manager, meeting, input.referralId, agencyId);
    if (minutes && (referral.referringAgencyId !== agencyId || referral.caseId !== input.caseId)) {
      throw new TeamRequestRefusedError('caseId', 'the minutes of a case are sealed by the agency that referred it, on the referred case');
    }
    await this.cases.get(caller, input.caseId);
    await this.checkWraps(caller, meeting, input);
    return this.notes.add(caller, input.caseId, { noteId: input.noteId, category: 'risk', content: input.content }, (inner, note) => file(inner, meeting, note));
  }

  private async onAgenda(manager: EntityManager, meeting: MeetingRow, referralId: string, agencyId: string): Promise<TeamReferralRow> {
    const agenda = await this.meetings.agendaFor(manager, meeting.id, agencyId);
    const referral = agenda.includes(referralId) ? await this.referrals.findVisible(manager, referralId, agencyId) : null;
    if (!referral) throw new TeamReferralNotFoundError();
    return referral;
  }

  /**
   * Every wrap besides the author's: an attending agency, and a disclosure decide() permits from the
   * author's case under the team's rule. The first refused is logged and refused; the notes path
   * then decides each wrap's named basis again under lock when it stores the note.
   */
  private async checkWraps(caller: CallerContext, meeting: MeetingRow, input: SealedMeetingNote): Promise<void> {
    const agencyId = caller.principal.agencyId;
    const recipients = wrapAgencies(input.content).filter((each) => each !== agencyId);
    if (recipients.length === 0) return;
    const team = await this.teams.findForMember(this.dataSource.manager, meeting.teamId, agencyId);
    const world = await this.decisions.loadWorld(this.dataSource.manager, input.caseId, recipients);
    for (const recipient of recipients) {
      const request = { caseId: input.caseId, discloserAgencyId: agencyId, recipientAgencyId: recipient, category: 'risk' as const, action: 'receive_notes' as const };
      const outcome = meeting.attendeeAgencyIds.includes(recipient)
        ? decideTeamDisclosure(request, { ...world, now: new Date() }, { requiresWrittenConsent: team?.requiresWrittenConsent ?? true })
        : { permitted: false as const, reason: 'not_attending' };
      if (!outcome.permitted) {
        await this.ledger.recordDenial(this.dataSource.manager, caller, { case: input.caseId, discloser: agencyId, recipient, categories: ['risk'], reason: outcome.reason, detail: { attempted: 'meeting_note', meeting: meeting.id, referral: input.referralId } });
        throw new MeetingShareRefusedError(recipient, outcome.reason);
      }
    }
  }

  private async viewIn(manager: EntityManager, caller: CallerContext, meetingId: string): Promise<MeetingView> {
    const agencyId = caller.principal.agencyId;
    const meeting = await this.meetings.findForMember(manager, meetingId, agencyId);
    if (!meeting) throw new MeetingNotFoundError();
    const [agenda, notes, actions] = [await this.meetings.agendaFor(manager, meetingId, agencyId), await this.meetings.notesFor(manager, meetingId, agencyId), await this.meetings.actionsFor(manager, meeting, agencyId)];
    return { ...meeting, agenda, notes, actions };
  }
}

/** The agency ids an (unverified) envelope's wraps name; the verifier refuses a malformed one later. */
function wrapAgencies(content: unknown): string[] {
  const wraps = (content as { wraps?: unknown } | null)?.wraps;
  if (!Array.isArray(wraps)) return [];
  return wraps.map((each: unknown) => (each as { agencyId?: unknown } | null)?.agencyId).filter((id): id is string => typeof id === 'string');
}
