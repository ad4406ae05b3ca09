import type { OpenedRecord } from '../../crypto';
import { UnexpectedRecord } from './area-errors';

/** What a caller may expect of a delivered record beyond its signature: that it is the one asked for. */
export interface RecordExpectations {
  recordId?: string;
  caseId?: string;
  category?: string;
  authorAgencyId?: string;
}

/** Refuses (and wipes) an opened record that is not the record the server was asked for. */
export function checkOpened(opened: OpenedRecord, expected: RecordExpectations): void {
  for (const field of ['recordId', 'caseId', 'category', 'authorAgencyId'] as const) {
    const want = expected[field];
    if (want !== undefined && opened.metadata[field] !== want) {
      opened.body.fill(0);
      throw new UnexpectedRecord(field, want);
    }
  }
}

/** The clear facts of an opened record a caller may show or keep (no plaintext). */
export interface OpenedFacts {
  recordId: string;
  caseId: string;
  category: string;
  authorAgencyId: string;
  createdAt: string;
  supersedes: string | null;
  signerEpoch: number;
  /** Set when this agency reads through a custodian's share, not the author's manifest. */
  sharedBy: { agencyId: string; epoch: number; consentId: string } | null;
}

export function factsOf(opened: OpenedRecord): OpenedFacts {
  return { ...opened.metadata, signerEpoch: opened.signerEpoch, sharedBy: opened.sharedBy };
}
