import { NOTE_CATEGORIES, type NoteCategory } from '../../consent/consent.vocabulary';
import type { DeliveredRecordV1, SharedWrapV1 } from '../../crypto';
import { CcrUsageError } from '../errors';
import { apiPath } from '../http/api-path';
import { newRecordId } from '../ids';
import type { AreaContext } from './area-context';
import { ReleaseNotUsable } from './area-errors';
import type { ConsentsApi } from './consents-api';
import type { NewNote, Note, NoteWithRecipients, ReadNote, RecordShare, WrittenNote } from './note-types';
import { checkOpened, factsOf } from './opened-record';
import { allItems, type Page } from './paging';
import { openedText, type TextContent, textBytes } from './plaintext';
import { type CaseReleases, decideUnderRelease, noteRecipients, type NoteRecipients } from './release-policy';
import { sendRepeatable } from './repeat-recovery';
import { oneOf, requireUuid } from './validate';

interface NoteWithContent extends Note {
  content: DeliveredRecordV1;
  share: SharedWrapV1 | null;
}

/**
 * Case notes. The recipients of every version are computed here, exactly: this agency plus each
 * agency a release of the case (signed by this agency, checked here) permits for the category
 * now. A note the releases do not cover is therefore never wrapped; privileged counselling stays
 * home. Bodies are UTF-8 text.
 */
export class NotesApi {
  constructor(
    private readonly context: AreaContext,
    private readonly consents: ConsentsApi,
  ) {}

  /** Who a note of this category on this case would go to now, and who not (no note is written). */
  async recipientsFor(caseId: string, category: NoteCategory): Promise<NoteRecipients> {
    return noteRecipients(await this.releasesOf(caseId), oneOf(category, NOTE_CATEGORIES, 'category'));
  }

  /**
   * Writes a note for this agency and exactly the agencies the releases allow. With `intendedFor`,
   * refuses (ReleaseNotUsable, nothing sealed) unless every agency listed may receive it.
   */
  async add(caseId: string, note: NewNote): Promise<WrittenNote> {
    requireUuid(caseId, 'caseId');
    const noteId = note.noteId === undefined ? newRecordId() : requireUuid(note.noteId, 'noteId');
    const { grants, excluded } = await this.recipientsFor(caseId, note.category);
    for (const agencyId of note.intendedFor ?? []) assertReaches({ grants, excluded }, requireUuid(agencyId, 'intendedFor'), note.category);
    const content = await this.context.records().seal({ caseId, category: note.category, body: textBytes(note.content, 'the note'), recipients: grants });
    const send = async () =>
      (await this.context.http.request<NoteWithRecipients>({ method: 'POST', path: apiPath`/cases/${caseId}/notes`, json: { noteId, category: note.category, content }, safeToRepeat: true })).body;
    const written = await sendRepeatable(send, 'note-exists', () => this.storedWith(caseId, noteId, content.recordId));
    return { ...written, excluded };
  }

  /** A new version with a fresh key, superseding the current one; recipients are computed anew. */
  async amend(noteId: string, content: TextContent): Promise<WrittenNote> {
    const current = await this.fetch(noteId);
    if (current.authorAgencyId !== this.context.agencyId) throw new CcrUsageError('only the agency that wrote a note amends it');
    const { grants, excluded } = await this.recipientsFor(current.caseId, current.category);
    const sealed = await this.context.records().seal({ caseId: current.caseId, category: current.category, body: textBytes(content, 'the note'), recipients: grants, supersedes: current.currentRecordId });
    const send = async () =>
      (await this.context.http.request<NoteWithRecipients>({ method: 'POST', path: apiPath`/notes/${current.id}/versions`, json: { content: sealed }, safeToRepeat: true })).body;
    const written = await sendRepeatable(send, 'note-version-conflict', () => this.storedWith(current.caseId, current.id, sealed.recordId));
    return { ...written, excluded };
  }

  /** This agency's notes of the case, each with who can read it. */
  async list(caseId: string): Promise<NoteWithRecipients[]> {
    return (await this.context.http.request<NoteWithRecipients[]>({ method: 'GET', path: apiPath`/cases/${requireUuid(caseId, 'caseId')}/notes` })).body;
  }

  async sharedPage(options: { cursor?: string; limit?: number } = {}): Promise<Page<Note>> {
    return (await this.context.http.request<Page<Note>>({ method: 'GET', path: '/notes', query: { cursor: options.cursor, limit: options.limit } })).body;
  }

  /** Notes of other agencies currently shared with this one, newest first. */
  sharedWithMe(options: { limit?: number } = {}): AsyncGenerator<Note, void, undefined> {
    return allItems((cursor) => this.sharedPage({ cursor, limit: options.limit }));
  }

  /** Fetches (a logged read), verifies against pinned keys and opens the current version. */
  async read(noteId: string): Promise<ReadNote> {
    const response = await this.context.http.request<NoteWithContent>({ method: 'GET', path: apiPath`/notes/${requireUuid(noteId, 'noteId')}` });
    const { content, share, ...note } = response.body;
    const opened = await this.context.records().open(content, { share: share ?? undefined });
    checkOpened(opened, { recordId: note.currentRecordId, caseId: note.caseId, category: note.category, authorAgencyId: note.authorAgencyId });
    const record = factsOf(opened);
    return { note, record, text: await openedText(opened.body, response.requestId) };
  }

  /**
   * Gives an agency that consented after the note was written its current version: the DEK is
   * re-wrapped here for that agency's pinned key. The release must permit it now (checked here,
   * and again by the server); without `consentId` the release decide() prefers is used.
   */
  async shareWithNewlyConsented(noteId: string, agencyId: string, consentId?: string): Promise<RecordShare> {
    requireUuid(agencyId, 'agencyId');
    const note = await this.fetch(noteId);
    if (note.authorAgencyId !== this.context.agencyId) throw new CcrUsageError('only the agency that wrote a note shares it');
    const releases = await this.releasesOf(note.caseId);
    const basis = consentId === undefined ? this.preferredRelease(releases, note, agencyId) : this.namedRelease(releases, note, agencyId, requireUuid(consentId, 'consentId'));
    const share = await this.context.records().share(note.content, { agencyId, consentId: basis });
    return (await this.context.http.request<RecordShare>({ method: 'POST', path: apiPath`/records/${note.currentRecordId}/shares`, json: { share } })).body;
  }

  private preferredRelease(releases: CaseReleases, note: Note, agencyId: string): string {
    return assertReaches(noteRecipients(releases, note.category), agencyId, note.category);
  }

  private namedRelease(releases: CaseReleases, note: Note, agencyId: string, consentId: string): string {
    const decision = decideUnderRelease(releases, { recipientAgencyId: agencyId, category: note.category, action: 'receive_notes' }, consentId);
    if (decision.decision === 'deny') throw new ReleaseNotUsable(consentId, decision.reason, `release ${consentId} does not let agency ${agencyId} receive ${note.category} notes now (${decision.reason})`);
    return consentId;
  }

  /** The case's releases, each verified against this agency's own key, and the directory. */
  private async releasesOf(caseId: string): Promise<CaseReleases> {
    const [consents, agencies] = await Promise.all([this.consents.list(caseId), this.context.agencies.list()]);
    for (const consent of consents) await this.consents.verify(consent);
    return { caseId, ownAgencyId: this.context.agencyId, consents, agencies, now: new Date() };
  }

  private async fetch(noteId: string): Promise<NoteWithContent> {
    return (await this.context.http.request<NoteWithContent>({ method: 'GET', path: apiPath`/notes/${requireUuid(noteId, 'noteId')}` })).body;
  }

  /** A repeat that met its own first attempt: the note's current version is the record this call sealed. */
  private async storedWith(caseId: string, noteId: string, recordId: string): Promise<(NoteWithRecipients & { replayed: true }) | undefined> {
    const note = (await this.list(caseId)).find((each) => each.id === noteId);
    return note?.currentRecordId === recordId ? { ...note, replayed: true } : undefined;
  }
}

/** The release a note of `category` reaches `agencyId` under, or ReleaseNotUsable saying why not. */
function assertReaches(recipients: NoteRecipients, agencyId: string, category: NoteCategory): string {
  const grant = recipients.grants.find((each) => each.agencyId === agencyId);
  if (grant) return grant.consentId;
  const reason = recipients.excluded.find((each) => each.agencyId === agencyId)?.reason ?? 'no_consent';
  throw new ReleaseNotUsable(null, reason, `no release of this case lets agency ${agencyId} receive ${category} notes now (${reason})`);
}
