import type { NoteCategory } from '../../consent/consent.vocabulary';
import type { OpenedFacts } from './opened-record';
import type { TextContent } from './plaintext';
import type { Excluded } from './release-policy';

export interface Note {
  id: string;
  caseId: string;
  authorAgencyId: string;
  category: NoteCategory;
  version: number;
  currentRecordId: string;
  createdAt: string;
  updatedAt: string;
}

export interface NoteRecipient {
  agencyId: string;
  basisKind: 'custodian' | 'consent' | 'mandate';
  basisId: string | null;
  /** False once the wrap was deleted (revocation, a narrower release). */
  canRead: boolean;
}

export interface NoteWithRecipients extends Note {
  recipients: NoteRecipient[];
}

/** A stored note version, and who the SDK left out (and why): the survivor's releases decide. */
export interface WrittenNote extends NoteWithRecipients {
  excluded: Excluded[];
  /** True when a lost answer was repeated and the version was found stored by this call. */
  replayed?: boolean;
}

export interface ReadNote {
  note: Note;
  /** The plaintext of the current version. */
  text: string;
  record: OpenedFacts;
}

export interface NewNote {
  category: NoteCategory;
  /** UTF-8 text. */
  content: TextContent;
  /** Choose the id yourself; default a fresh one (either way a lost answer is safely repeated). */
  noteId?: string;
  /** Agencies the author means the note for: refuse unless the releases let each receive it. */
  intendedFor?: string[];
}

export interface RecordShare {
  recordId: string;
  agencyId: string;
  basisId: string;
}
