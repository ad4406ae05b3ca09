import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import type { ActionNotDoneReason, ActionStatus, MeetingNoteKind } from '../team/team.vocabulary';

export interface MeetingRow {
  id: string;
  teamId: string;
  chairAgencyId: string;
  heldAt: Date;
  attendeeAgencyIds: string[];
  createdAt: Date;
}

export interface MeetingNoteRow {
  noteId: string;
  meetingId: string;
  referralId: string;
  kind: MeetingNoteKind;
  authorAgencyId: string;
  createdAt: Date;
}

export interface ActionRow {
  id: string;
  meetingId: string;
  referralId: string;
  ownerAgencyId: string;
  noteId: string;
  dueAt: Date;
  status: ActionStatus;
  notDoneReason: ActionNotDoneReason | null;
  overdueAt: Date | null;
  createdAt: Date;
  updatedAt: Date | null;
}

/** A sealed note the agency wrote for a meeting, with where it was said and the case it is sealed on (no content). */
export interface ContributionRow extends MeetingNoteRow {
  teamId: string;
  teamName: string;
  heldAt: Date;
  attendeeAgencyIds: string[];
  /** The author's own case the note is sealed on. */
  caseId: string;
}

/** An open action past due, claimed by one sweep (locked; other sweeps skip it). */
export interface ClaimedOverdueAction {
  id: string;
  referralId: string;
  ownerAgencyId: string;
  dueAt: Date;
  caseId: string;
  chairAgencyId: string;
}

const MEETING_COLUMNS = `m.id, m.team_id AS "teamId", t.chair_agency_id AS "chairAgencyId", m.held_at AS "heldAt",
  ARRAY(SELECT unnest(m.attendee_agency_ids)::text ORDER BY 1) AS "attendeeAgencyIds", m.created_at AS "createdAt"`;
const NOTE_COLUMNS = `n.note_id AS "noteId", n.meeting_id AS "meetingId", n.referral_id AS "referralId", n.kind, n.author_agency_id AS "authorAgencyId", n.created_at AS "createdAt"`;
const ACTION_COLUMNS = `a.id, a.meeting_id AS "meetingId", a.referral_id AS "referralId", a.owner_agency_id AS "ownerAgencyId", a.note_id AS "noteId", a.due_at AS "dueAt",
  a.status, a.not_done_reason AS "notDoneReason", a.overdue_at AS "overdueAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;
/** The referral is one the agency receives ($2 in shared_with). */
const SEES_REFERRAL = (alias: string) => `EXISTS (SELECT 1 FROM risk_team_referrals r WHERE r.id = ${alias}.referral_id AND $2 = ANY(r.shared_with))`;

/**
 * Meetings, their agenda, sealed notes and action items, always read through an agency: a meeting
 * through a member of its team; agenda items, notes and actions only for referrals the agency
 * receives.
 */
@Injectable()
export class MeetingsRepository {
  async insert(manager: EntityManager, meeting: { id: string; teamId: string; heldAt: Date; attendeeAgencyIds: string[] }, referralIds: readonly string[]): Promise<void> {
    await manager.query(`INSERT INTO risk_meetings (id, team_id, held_at, attendee_agency_ids) VALUES ($1, $2, $3, $4::uuid[])`, [meeting.id, meeting.teamId, meeting.heldAt, meeting.attendeeAgencyIds]);
    await manager.query(`INSERT INTO risk_meeting_items (meeting_id, referral_id, position) SELECT $1, id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS agenda(id, ord)`, [meeting.id, referralIds]);
  }

  async findForMember(manager: EntityManager, meetingId: string, agencyId: string): Promise<MeetingRow | null> {
    const rows: MeetingRow[] = await manager.query(
      `SELECT ${MEETING_COLUMNS} FROM risk_meetings m JOIN risk_teams t ON t.id = m.team_id
        WHERE m.id = $1 AND EXISTS (SELECT 1 FROM risk_team_members tm WHERE tm.team_id = m.team_id AND tm.agency_id = $2)`,
      [meetingId, agencyId],
    );
    return rows[0] ?? null;
  }

  listForTeam(manager: EntityManager, teamId: string): Promise<MeetingRow[]> {
    return manager.query(`SELECT ${MEETING_COLUMNS} FROM risk_meetings m JOIN risk_teams t ON t.id = m.team_id WHERE m.team_id = $1 ORDER BY m.held_at DESC, m.id`, [teamId]);
  }

  /** The agenda's referral ids the agency receives, in order. */
  async agendaFor(manager: EntityManager, meetingId: string, agencyId: string): Promise<string[]> {
    const rows: { referralId: string }[] = await manager.query(
      `SELECT i.referral_id AS "referralId" FROM risk_meeting_items i WHERE i.meeting_id = $1 AND ${SEES_REFERRAL('i')} ORDER BY i.position`,
      [meetingId, agencyId],
    );
    return rows.map((row) => row.referralId);
  }

  async insertNote(manager: EntityManager, note: Omit<MeetingNoteRow, 'createdAt'>): Promise<void> {
    await manager.query(`INSERT INTO risk_meeting_notes (note_id, meeting_id, referral_id, kind, author_agency_id) VALUES ($1, $2, $3, $4, $5)`, [note.noteId, note.meetingId, note.referralId, note.kind, note.authorAgencyId]);
  }

  notesFor(manager: EntityManager, meetingId: string, agencyId: string): Promise<MeetingNoteRow[]> {
    return manager.query(`SELECT ${NOTE_COLUMNS} FROM risk_meeting_notes n WHERE n.meeting_id = $1 AND ${SEES_REFERRAL('n')} ORDER BY n.created_at, n.note_id`, [meetingId, agencyId]);
  }

  async findNote(manager: EntityManager, meetingId: string, noteId: string): Promise<MeetingNoteRow | null> {
    const rows: MeetingNoteRow[] = await manager.query(`SELECT ${NOTE_COLUMNS} FROM risk_meeting_notes n WHERE n.meeting_id = $1 AND n.note_id = $2`, [meetingId, noteId]);
    return rows[0] ?? null;
  }

  /** The contributions and minutes this agency wrote, newest first (its own only: the author is the caller). */
  listContributionsBy(manager: EntityManager, authorAgencyId: string, limit: number): Promise<ContributionRow[]> {
    return manager.query(
      `SELECT ${NOTE_COLUMNS}, m.team_id AS "teamId", t.name AS "teamName", m.held_at AS "heldAt",
              ARRAY(SELECT unnest(m.attendee_agency_ids)::text ORDER BY 1) AS "attendeeAgencyIds", nt.case_id AS "caseId"
         FROM risk_meeting_notes n
         JOIN risk_meetings m ON m.id = n.meeting_id
         JOIN risk_teams t ON t.id = m.team_id
         JOIN notes nt ON nt.id = n.note_id AND nt.author_agency_id = $1
        WHERE n.author_agency_id = $1
        ORDER BY n.created_at DESC, n.note_id DESC
        LIMIT $2`,
      [authorAgencyId, limit],
    );
  }

  async insertAction(manager: EntityManager, action: Pick<ActionRow, 'id' | 'meetingId' | 'referralId' | 'ownerAgencyId' | 'noteId' | 'dueAt'>): Promise<void> {
    await manager.query(`INSERT INTO risk_actions (id, meeting_id, referral_id, owner_agency_id, note_id, due_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      action.id,
      action.meetingId,
      action.referralId,
      action.ownerAgencyId,
      action.noteId,
      action.dueAt,
    ]);
  }

  /** Actions taken at this meeting, and those of earlier meetings of the team on its agenda's referrals (for review). */
  actionsFor(manager: EntityManager, meeting: MeetingRow, agencyId: string): Promise<ActionRow[]> {
    return manager.query(
      `SELECT ${ACTION_COLUMNS} FROM risk_actions a JOIN risk_meetings am ON am.id = a.meeting_id
        WHERE (a.meeting_id = $1 OR (am.team_id = $3 AND am.held_at < $4 AND a.referral_id IN (SELECT referral_id FROM risk_meeting_items WHERE meeting_id = $1)))
          AND ${SEES_REFERRAL('a')}
        ORDER BY a.due_at, a.id`,
      [meeting.id, agencyId, meeting.teamId, meeting.heldAt],
    );
  }

  /** The owner agency's action (another agency's answers nothing). */
  async findOwnedAction(manager: EntityManager, actionId: string, ownerAgencyId: string, lock = false): Promise<(ActionRow & { caseId: string }) | null> {
    const rows: (ActionRow & { caseId: string })[] = await manager.query(
      `SELECT ${ACTION_COLUMNS}, r.case_id AS "caseId" FROM risk_actions a JOIN risk_team_referrals r ON r.id = a.referral_id
        WHERE a.id = $1 AND a.owner_agency_id = $2${lock ? ' FOR UPDATE OF a' : ''}`,
      [actionId, ownerAgencyId],
    );
    return rows[0] ?? null;
  }

  listOwned(manager: EntityManager, ownerAgencyId: string): Promise<ActionRow[]> {
    return manager.query(`SELECT ${ACTION_COLUMNS} FROM risk_actions a WHERE a.owner_agency_id = $1 ORDER BY a.due_at, a.id`, [ownerAgencyId]);
  }

  async setStatus(manager: EntityManager, actionId: string, status: ActionStatus, notDoneReason: ActionNotDoneReason | null, at: Date): Promise<void> {
    await manager.query(`UPDATE risk_actions SET status = $2, not_done_reason = $3, updated_at = $4 WHERE id = $1`, [actionId, status, notDoneReason, at]);
  }

  /** Open actions past due and not yet announced: locked, skipping rows another sweep holds. */
  claimOverdue(manager: EntityManager, now: Date, limit: number): Promise<ClaimedOverdueAction[]> {
    return manager.query(
      `SELECT a.id, a.referral_id AS "referralId", a.owner_agency_id AS "ownerAgencyId", a.due_at AS "dueAt", r.case_id AS "caseId", t.chair_agency_id AS "chairAgencyId"
         FROM risk_actions a JOIN risk_team_referrals r ON r.id = a.referral_id JOIN risk_teams t ON t.id = r.team_id
        WHERE a.status = 'open' AND a.overdue_at IS NULL AND a.due_at <= $1
        ORDER BY a.due_at, a.id
        LIMIT $2
        FOR UPDATE OF a SKIP LOCKED`,
      [now, limit],
    );
  }

  async markOverdue(manager: EntityManager, actionId: string, now: Date): Promise<void> {
    await manager.query(`UPDATE risk_actions SET overdue_at = $2 WHERE id = $1 AND overdue_at IS NULL`, [actionId, now]);
  }
}
