import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { CasesService } from '../cases/cases.service';
import { ConsentDecisionService } from '../consent/consent-decision.service';
import { WrapNotCoveredError } from '../consent/consent.errors';
import { type NoteCategory } from '../consent/consent.vocabulary';
import { type VerifiedRecordV1 } from '../crypto';
import { type Statement } from '../database/statement';
import { inTransaction, pipelined } from '../database/transactions';
import { EventsService } from '../events/events.service';
import { EnvelopeVerifier, type PrefetchedFacts } from '../keys/envelope-verifier';
import { LedgerWriter } from '../ledger/ledger-writer';
import { type LedgerFields } from '../ledger/ledger.vocabulary';
import { cursorCodec } from '../platform/paging/cursor';
import { RecordNoLongerAvailableError, RecordNotFoundError } from '../records/records.errors';
import { type DeliveredRecord, RecordsService } from '../records/records.service';
import { NoteWraps } from './note-wraps';
import { NoteAlreadyExistsError, NoteNotFoundError, NoteVersionConflictError } from './notes.errors';
import { type NoteRecipientRow, type NoteRow, NotesRepository } from './notes.repository';
import { isUuid } from '../crypto/identifiers';

export interface NoteWithRecipients extends NoteRow {
  recipients: NoteRecipientRow[];
}

/** A version about to be stored: its sealed content and what it must supersede. */
interface NewVersion {
  caseId: string;
  category: NoteCategory;
  content: unknown;
  supersedes: string | null;
  /** The key directory read already done for this content, if any. */
  directory?: PrefetchedFacts;
}

/** Notes shared with the caller's agency, newest first: (created_at, id) descending. */
export const SHARED_NOTE_CURSOR = cursorCodec('notes', { time: 'time', id: 'uuid' });

/**
 * Case notes: sealed by the author's SDK, wrapped for exactly the agencies whose consent covers
 * the category. Each amendment is a new sealed record (fresh DEK). Reads are checked against
 * consent again and logged as disclosures; refusals are logged too.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notes: NotesRepository,
    private readonly cases: CasesService,
    private readonly verifier: EnvelopeVerifier,
    private readonly wraps: NoteWraps,
    private readonly decisions: ConsentDecisionService,
    private readonly records: RecordsService,
    private readonly events: EventsService,
    private readonly ledger: LedgerWriter,
  ) {}

  /**
   * `within` runs in the note's transaction after it is stored: a module that files the note
   * elsewhere too (a high-risk team meeting) commits both or neither.
   */
  async add(
    caller: CallerContext,
    caseId: string,
    input: { noteId?: string; category: NoteCategory; content: unknown },
    within?: (manager: EntityManager, note: NoteWithRecipients) => Promise<void>,
  ): Promise<NoteWithRecipients> {
    return this.logRefusal(caller, caseId, input.category, input.content, () =>
      inTransaction(this.dataSource, async (manager) => {
        const noteId = input.noteId ?? randomUUID();
        // A retry of an add whose answer was lost finds its note (409): checked before the envelope.
        const [, taken, directory] = await pipelined(manager, [
          this.cases.prepareGetIn(caller, caseId),
          this.notes.existsStatement(noteId),
          this.verifier.directoryReadFor(input.content),
        ] as const);
        if (taken) throw new NoteAlreadyExistsError();
        const { verified, store } = await this.prepareVersion(manager, caller, { caseId, category: input.category, content: input.content, supersedes: null, directory });
        const author = { caseId, authorAgencyId: caller.principal.agencyId, category: input.category, principalId: caller.principal.id };
        const [, note, recipients] = await pipelined(manager, [
          store,
          this.notes.insertStatement({ id: noteId, ...author, recordId: verified.recordId }),
          this.notes.recipientsOfStatement([noteId]),
        ] as const);
        const written = { ...note, recipients };
        if (within) await within(manager, written);
        return written;
      }),
    );
  }

  /** A new version supersedes the current one; its record has its own fresh DEK and wraps. */
  async amend(caller: CallerContext, noteId: string, content: unknown): Promise<NoteWithRecipients> {
    const note = await this.findOwned(this.dataSource.manager, caller, noteId);
    return this.logRefusal(caller, note.caseId, note.category, content, () =>
      inTransaction(this.dataSource, async (manager) => {
        const current = await this.findOwned(manager, caller, noteId, true);
        const { verified, store } = await this.prepareVersion(manager, caller, { caseId: current.caseId, category: current.category, content, supersedes: current.currentRecordId });
        const [, amended, recipients] = await pipelined(manager, [
          store,
          this.notes.addVersionStatement(noteId, current.currentVersion + 1, verified.recordId, caller.principal.id),
          this.notes.recipientsOfStatement([noteId]),
        ] as const);
        return { ...amended, recipients };
      }),
    );
  }

  async listForCase(caller: CallerContext, caseId: string): Promise<NoteWithRecipients[]> {
    const manager = this.dataSource.manager;
    await this.cases.getIn(manager, caller, caseId);
    const notes = await this.notes.listForCase(manager, caseId, caller.principal.agencyId);
    const recipients = await this.notes.recipientsOf(manager, notes.map((note) => note.id));
    return notes.map((note) => ({ ...note, recipients: recipients.filter((recipient) => recipient.noteId === note.id) }));
  }

  /** Who each of the caller's own notes is wrapped for (and whether the wrap is still there); others' notes answer nothing. */
  async recipientsOfOwn(caller: CallerContext, noteIds: readonly string[]): Promise<NoteRecipientRow[]> {
    if (noteIds.length === 0) return [];
    return this.notes.recipientsOfOwned(this.dataSource.manager, noteIds, caller.principal.agencyId);
  }

  /** Notes of other agencies whose current version is wrapped for the caller's, newest first. */
  async listSharedWithMe(caller: CallerContext, cursor: string | undefined, limit: number): Promise<{ items: NoteRow[]; nextCursor: string | null }> {
    const after = cursor === undefined ? null : SHARED_NOTE_CURSOR.decode(cursor);
    const rows = await this.notes.listSharedWith(this.dataSource.manager, caller.principal.agencyId, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? SHARED_NOTE_CURSOR.encode({ time: last.position, id: last.id }) : null };
  }

  /**
   * The current version, sealed, with only the caller's wrap. Consent is checked again now; an
   * agency that may not read it — excluded by the survivor, not a recipient, release ended — gets
   * 404 and its attempt is logged (insider lookups matter).
   */
  async read(caller: CallerContext, noteId: string): Promise<{ note: NoteRow; content: DeliveredRecord }> {
    const manager = this.dataSource.manager;
    const note = await this.notes.findForRefusal(manager, noteId);
    if (!note) throw new NoteNotFoundError();
    const agencyId = caller.principal.agencyId;
    // A note read states no purpose: it asks under the basis of the reader's wrap, whose purpose the
    // disclosure entry carries (ccr_open_record) and a refusal records (decision 0044).
    const denial = { case: note.caseId, discloser: note.authorAgencyId, recipient: agencyId, records: [note.currentRecordId], categories: [note.category] };
    if (note.authorAgencyId !== agencyId) {
      const request = { caseId: note.caseId, discloserAgencyId: note.authorAgencyId, recipientAgencyId: agencyId, category: note.category, action: 'receive_notes' as const };
      const decision = await this.decisions.decide(manager, request);
      if (decision.decision === 'deny') await this.refuse(caller, denial, decision.reason);
    }
    try {
      return { note, content: await this.records.deliver(caller, note.currentRecordId, null, denial) };
    } catch (error) {
      if (error instanceof RecordNoLongerAvailableError) throw new NoteNotFoundError();
      if (error instanceof RecordNotFoundError) await this.refuse(caller, denial, 'not_a_recipient');
      throw error;
    }
  }

  private async refuse(caller: CallerContext, denial: Omit<LedgerFields, 'actor' | 'outcome' | 'requestId' | 'reason'>, reason: string): Promise<never> {
    const [recordId] = denial.records ?? [];
    const purpose = denial.purpose ?? (recordId ? await this.records.purposeAskedFor(recordId, caller.principal.agencyId) : undefined);
    await this.ledger.recordDenial(this.dataSource.manager, caller, { ...denial, purpose, reason });
    throw new NoteNotFoundError();
  }

  /**
   * Verifies a new version and decides the basis of each wrap; answers the store statement for the
   * caller's pipeline (events for the recipients are queued: they commit only with it).
   */
  private async prepareVersion(manager: EntityManager, caller: CallerContext, version: NewVersion): Promise<{ verified: VerifiedRecordV1; store: Statement<void> }> {
    const { caseId, category, supersedes } = version;
    const verified = await this.verifier.verifyUpload(version.content, { caseId, category, authorAgencyId: caller.principal.agencyId }, manager, version.directory);
    if (verified.supersedes !== supersedes) throw supersedes ? new NoteVersionConflictError(supersedes) : new NoteVersionConflictError('none');
    const basisOf = await this.wraps.basesFor(manager, verified, caseId, category);
    for (const wrap of verified.wraps.filter((each) => each.agencyId !== caller.principal.agencyId)) {
      await this.events.publish(manager, { agencyId: wrap.agencyId, type: 'note.shared', recordId: verified.recordId });
    }
    return { verified, store: this.records.prepareStore(manager, caller, verified, basisOf) };
  }

  private async findOwned(manager: EntityManager, caller: CallerContext, noteId: string, lock = false): Promise<NoteRow> {
    const note = await this.notes.findOwned(manager, noteId, caller.principal.agencyId, lock);
    if (!note) throw new NoteNotFoundError();
    return note;
  }


  /**
   * A wrap no consent covers is a refused disclosure: the attempt is logged, then refused (422). Its
   * purpose is that of the release the refused wrap names, if it is one of this case's (decision 0044).
   */
  private async logRefusal<T>(caller: CallerContext, caseId: string, category: NoteCategory, content: unknown, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof WrapNotCoveredError) {
        const consentId = consentNamedFor(content, error.recipientAgencyId);
        const purpose = consentId ? await this.notes.releasePurpose(this.dataSource.manager, consentId, caseId, caller.principal.agencyId) : null;
        await this.ledger.recordDenial(this.dataSource.manager, caller, {
          case: caseId,
          discloser: caller.principal.agencyId,
          recipient: error.recipientAgencyId,
          categories: [category],
          purpose: purpose ?? undefined,
          reason: error.reason,
          detail: { attempted: 'note_share' },
        });
      }
      throw error;
    }
  }
}

/** The consent id the (already refused) envelope's wrap for `agencyId` names, if it is well formed. */
function consentNamedFor(content: unknown, agencyId: string): string | null {
  const wraps = (content as { wraps?: unknown } | null)?.wraps;
  if (!Array.isArray(wraps)) return null;
  const wrap = wraps.find((each: unknown) => (each as { agencyId?: unknown } | null)?.agencyId === agencyId) as { consentId?: unknown } | undefined;
  return isUuid(wrap?.consentId) ? wrap.consentId : null;
}
