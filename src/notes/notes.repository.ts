import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type NoteCategory } from '../consent/consent.vocabulary';
import { constraintOf, sqlStateOf, UNIQUE_VIOLATION } from '../database/database-errors';
import { exactTime, ListingConditions, type ListingPosition, orderBy } from '../database/keyset';
import { rowsAs, statement, type Statement } from '../database/statement';
import { run } from '../database/transactions';
import { NoteAlreadyExistsError } from './notes.errors';

export interface NoteRow {
  id: string;
  caseId: string;
  authorAgencyId: string;
  category: NoteCategory;
  currentVersion: number;
  currentRecordId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A listed note with its exact keyset time, for the next page's cursor. */
export type ListedNote = NoteRow & { position: string };

export interface NoteRecipientRow {
  noteId: string;
  agencyId: string;
  basisKind: string;
  basisId: string | null;
  wrapPresent: boolean;
}

const COLUMNS = `n.id, n.case_id AS "caseId", n.author_agency_id AS "authorAgencyId", n.category, n.current_version AS "currentVersion",
  n.current_record_id AS "currentRecordId", n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;

const NOTES_PRIMARY_KEY = 'PK_af6206538ea96c4e77e9f400c3d';

@Injectable()
export class NotesRepository {
  /**
   * A new note at version 1 with its first version row, in one statement; returns the stored
   * note. A note id already taken fails with NoteAlreadyExistsError (the primary key decides).
   */
  insertStatement(note: { id: string; caseId: string; authorAgencyId: string; category: NoteCategory; recordId: string; principalId: string }): Statement<NoteRow> {
    return statement(
      `WITH n AS (
         INSERT INTO notes (id, case_id, author_agency_id, category, current_version, current_record_id)
         VALUES ($1, $2, $3, $4, 1, $5) RETURNING *),
       v AS (INSERT INTO note_versions (note_id, version, record_id, created_by_principal_id) SELECT id, 1, current_record_id, $6 FROM n)
       SELECT ${COLUMNS} FROM n`,
      [note.id, note.caseId, note.authorAgencyId, note.category, note.recordId, note.principalId],
      (rows) => rows[0] as unknown as NoteRow,
      (error) => (sqlStateOf(error) === UNIQUE_VIOLATION && constraintOf(error) === NOTES_PRIMARY_KEY ? new NoteAlreadyExistsError() : error),
    );
  }

  /** Makes `recordId` the note's current version `version`; answers the updated note. */
  addVersionStatement(noteId: string, version: number, recordId: string, principalId: string): Statement<NoteRow> {
    return statement(
      `WITH n AS (
         UPDATE notes SET current_version = $2, current_record_id = $3, updated_at = now() WHERE id = $1 RETURNING *),
       v AS (INSERT INTO note_versions (note_id, version, record_id, created_by_principal_id) SELECT id, $2, $3, $4 FROM n)
       SELECT ${COLUMNS} FROM n`,
      [noteId, version, recordId, principalId],
      (rows) => rows[0] as unknown as NoteRow,
    );
  }

  existsStatement(id: string): Statement<boolean> {
    return statement(`SELECT 1 FROM notes WHERE id = $1`, [id], (rows) => rows.length > 0);
  }

  /** A note the agency wrote (the custodian), optionally locked for an amendment. */
  async findOwned(manager: EntityManager, id: string, agencyId: string, lock = false): Promise<NoteRow | null> {
    const rows: NoteRow[] = await manager.query(`SELECT ${COLUMNS} FROM notes n WHERE n.id = $1 AND n.author_agency_id = $2 ${lock ? 'FOR UPDATE' : ''}`, [id, agencyId]);
    return rows[0] ?? null;
  }

  /**
   * Any note, whoever wrote it: only to decide and log a refusal (an attempt on another agency's
   * note is an insider-lookup signal), never to return it — the caller still gets 404.
   */
  async findForRefusal(manager: EntityManager, id: string): Promise<NoteRow | null> {
    const rows: NoteRow[] = await manager.query(`SELECT ${COLUMNS} FROM notes n WHERE n.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A note the agency wrote, or whose current version was ever wrapped for it. */
  async findReadable(manager: EntityManager, id: string, agencyId: string): Promise<NoteRow | null> {
    const rows: NoteRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM notes n
        WHERE n.id = $1 AND (n.author_agency_id = $2 OR EXISTS (
          SELECT 1 FROM record_recipients rr WHERE rr.record_id = n.current_record_id AND rr.agency_id = $2))`,
      [id, agencyId],
    );
    return rows[0] ?? null;
  }

  listForCase(manager: EntityManager, caseId: string, agencyId: string): Promise<NoteRow[]> {
    return manager.query(`SELECT ${COLUMNS} FROM notes n WHERE n.case_id = $1 AND n.author_agency_id = $2 ORDER BY n.created_at DESC, n.id DESC`, [caseId, agencyId]);
  }

  recipientsOf(manager: EntityManager, noteIds: readonly string[]): Promise<NoteRecipientRow[]> {
    return run(manager, this.recipientsOfStatement(noteIds));
  }

  /** The recipients of notes this agency wrote; another agency's note ids answer nothing. */
  recipientsOfOwned(manager: EntityManager, noteIds: readonly string[], authorAgencyId: string): Promise<NoteRecipientRow[]> {
    return manager.query(
      `SELECT n.id AS "noteId", rr.agency_id AS "agencyId", rr.basis_kind AS "basisKind", rr.basis_id AS "basisId",
              EXISTS (SELECT 1 FROM record_wraps rw WHERE rw.record_id = rr.record_id AND rw.agency_id = rr.agency_id) AS "wrapPresent"
         FROM notes n JOIN record_recipients rr ON rr.record_id = n.current_record_id
        WHERE n.id = ANY($1) AND n.author_agency_id = $2 ORDER BY n.id, rr.agency_id`,
      [noteIds, authorAgencyId],
    );
  }

  recipientsOfStatement(noteIds: readonly string[]): Statement<NoteRecipientRow[]> {
    return statement(
      `SELECT n.id AS "noteId", rr.agency_id AS "agencyId", rr.basis_kind AS "basisKind", rr.basis_id AS "basisId",
              EXISTS (SELECT 1 FROM record_wraps rw WHERE rw.record_id = rr.record_id AND rw.agency_id = rr.agency_id) AS "wrapPresent"
         FROM notes n JOIN record_recipients rr ON rr.record_id = n.current_record_id
        WHERE n.id = ANY($1) ORDER BY n.id, rr.agency_id`,
      [noteIds],
      rowsAs<NoteRecipientRow>(),
    );
  }

  /** Notes of other agencies whose current version is wrapped for this agency now, newest first. */
  /** Newest first, keyset on (created_at, id); each row carries its exact created_at for the next cursor. */
  listSharedWith(manager: EntityManager, agencyId: string, after: ListingPosition | null, limit: number): Promise<ListedNote[]> {
    const conditions = new ListingConditions();
    const agency = conditions.param(agencyId);
    conditions.where(`n.author_agency_id <> ${agency}`).pastPosition('n.created_at', 'n.id', 'newest_first', after);
    const limitParam = conditions.param(limit);
    return manager.query(
      `SELECT ${COLUMNS}, ${exactTime('n.created_at')} AS position FROM notes n
         JOIN record_wraps rw ON rw.record_id = n.current_record_id AND rw.agency_id = ${agency}
        ${conditions.toSql()}
        ${orderBy('n.created_at', 'n.id', 'newest_first')} LIMIT ${limitParam}`,
      conditions.values,
    );
  }


  /** The coded purpose of a release of the agency's case (current version), or null: what a wrap naming it asks under. */
  async releasePurpose(manager: EntityManager, consentId: string, caseId: string, custodianAgencyId: string): Promise<string | null> {
    const rows: { purpose: string }[] = await manager.query(
      `SELECT v.purpose FROM consents c JOIN consent_versions v ON v.consent_id = c.id AND v.version = c.current_version
        WHERE c.id = $1 AND c.case_id = $2 AND c.custodian_agency_id = $3`,
      [consentId, caseId, custodianAgencyId],
    );
    return rows[0]?.purpose ?? null;
  }
}
