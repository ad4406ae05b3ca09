import type { CaseHandle, CasesApi } from '../api/cases-api';
import type { NotesApi } from '../api/notes-api';
import type { Note, WrittenNote } from '../api/note-types';
import type { OpenedFacts } from '../api/opened-record';
import { requireUuid } from '../api/validate';
import { CcrUsageError } from '../errors';
import type { ScreenInput, ScreenResult } from './instrument-types';
import { checkScreen, NotAScreen, screenBody, type SealedScreenV1 } from './screen-record';
import { scoreScreen } from './scoring';
import type { HighRiskReason } from '../../risk/risk.vocabulary';

export interface NewScreen extends ScreenInput {
  /** LAP: whether the victim spoke with the hotline advocate. */
  spokeWithHotline?: boolean;
  /** When the screen was asked (default now). */
  screenedAt?: Date;
  /** Agencies the screen is meant for: refuse unless the releases let each receive `risk` notes. */
  intendedFor?: string[];
  noteId?: string;
}

export interface RecordedScreen {
  note: WrittenNote;
  result: ScreenResult;
}

export interface ReadScreen {
  note: Note;
  record: OpenedFacts;
  screen: SealedScreenV1;
}

/**
 * Risk screens (decision 0096): scored here, on the client, and sealed as a `risk` note holding
 * the answers, the instrument version and the result, so they reach exactly the agencies the
 * survivor's releases let receive risk information. The server sees a note of category `risk`,
 * nothing more. Flagging the case high risk for the team is a separate, deliberate act
 * (`flagHighRisk`), the one risk value the server holds.
 */
export class ScreensApi {
  constructor(
    private readonly notes: NotesApi,
    private readonly cases: CasesApi,
  ) {}

  /** Scores a screen without recording it (pure, no request). */
  score(input: ScreenInput): ScreenResult {
    return scoreScreen(input);
  }

  async record(caseId: string, input: NewScreen): Promise<RecordedScreen> {
    const result = scoreScreen(input);
    const body = screenBody(input, result, { spokeWithHotline: input.spokeWithHotline, screenedAt: input.screenedAt ?? new Date() });
    const note = await this.notes.add(caseId, { category: 'risk', content: JSON.stringify(body), noteId: input.noteId, intendedFor: input.intendedFor });
    return { note, result };
  }

  /** Opens a screen (a logged read), verifies its author and checks its result against its answers. */
  async read(noteId: string): Promise<ReadScreen> {
    const read = await this.notes.read(requireUuid(noteId, 'noteId'));
    if (read.note.category !== 'risk') throw new NotAScreen(noteId);
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.text) as unknown;
    } catch {
      throw new NotAScreen(noteId);
    }
    return { note: read.note, record: read.record, screen: checkScreen(noteId, parsed) };
  }

  /** Sets the case's high-risk flag (custodian only; logged). Refuses a screen that did not screen in. */
  flagHighRisk(caseId: string, reason: HighRiskReason, screen?: ScreenResult): Promise<CaseHandle> {
    if (reason === 'screened_high_risk' && screen !== undefined && !screen.highRisk) throw new CcrUsageError('this screen did not screen the case in: flag it on professional judgement or escalation instead');
    return this.cases.setHighRisk(caseId, reason);
  }

  clearHighRisk(caseId: string): Promise<CaseHandle> {
    return this.cases.clearHighRisk(caseId);
  }
}
