import { type ConsentRecord, type NoteWithRecipients, type Referral } from '../../../src/sdk/browser';
import { isOverdue, otherAgencyId } from './referral-rules';

/** A disclosure-log entry of the case as the survivor's accounting lists it (ids, codes and times only). */
export interface AccountingEntry {
  index: number;
  time: string;
  kind: string;
  discloser: { id: string } | null;
  recipient: { id: string } | null;
  categories: { code: string }[];
  outcome: string | null;
  reasonCode: string | null;
}

export type TimelineEvent =
  | { kind: 'referral'; at: string; id: string; direction: 'in' | 'out'; agencyId: string; referral: Referral; overdue: boolean }
  | { kind: 'note'; at: string; id: string; agencyId: string; note: NoteWithRecipients; readers: string[] }
  | { kind: 'release'; at: string; id: string; agencyId: string; consent: ConsentRecord }
  | { kind: 'revocation'; at: string; id: string; agencyId: string; consent: ConsentRecord }
  | { kind: 'disclosure'; at: string; id: string; agencyId: string; fromAgencyId: string | null; refused: boolean; categories: string[] };

export interface CaseHistory {
  caseId: string;
  referrals: readonly Referral[];
  notes: readonly NoteWithRecipients[];
  consents: readonly ConsentRecord[];
  /** null when the accounting could not be had (e.g. a role without it): the timeline then shows no disclosures. */
  accounting: readonly AccountingEntry[] | null;
  now?: Date;
}

/** Log entries that are a disclosure of the case to another agency, or an attempt refused. */
const DISCLOSURE_KINDS = new Set(['disclosure', 'denied']);

/**
 * One case's history in time order (oldest first): its referrals, notes, releases (and their
 * revocations) and the disclosures the log holds, each with the other agency's id for its name.
 * Ties keep a stable order by kind, then id, so the list never reshuffles between loads.
 */
export function caseTimeline(history: CaseHistory): TimelineEvent[] {
  const now = history.now ?? new Date();
  const events: TimelineEvent[] = [
    ...history.referrals
      .filter((referral) => referral.caseId === history.caseId)
      .map((referral): TimelineEvent => ({ kind: 'referral', at: referral.createdAt, id: referral.id, direction: referral.yourSide === 'receiver' ? 'in' : 'out', agencyId: otherAgencyId(referral), referral, overdue: isOverdue(referral, now) })),
    ...history.notes.map((note): TimelineEvent => ({ kind: 'note', at: note.createdAt, id: note.id, agencyId: note.authorAgencyId, note, readers: readersOf(note) })),
    ...history.consents.flatMap((consent): TimelineEvent[] => [
      { kind: 'release', at: consent.createdAt, id: consent.id, agencyId: consent.recipientAgencyId, consent },
      ...(consent.revocation ? [{ kind: 'revocation' as const, at: consent.revocation.revokedAt, id: consent.id, agencyId: consent.recipientAgencyId, consent }] : []),
    ]),
    ...(history.accounting ?? []).filter(isDisclosure).map(
      (entry): TimelineEvent => ({
        kind: 'disclosure',
        at: entry.time,
        id: String(entry.index),
        agencyId: entry.recipient?.id ?? '',
        fromAgencyId: entry.discloser?.id ?? null,
        refused: entry.kind === 'denied' || entry.outcome === 'denied',
        categories: entry.categories.map((category) => category.code),
      }),
    ),
  ];
  return events.sort(byTime);
}

/** Agencies that can read the note now, the author first: wraps deleted by a revocation do not count. */
export function readersOf(note: NoteWithRecipients): string[] {
  const readers = new Set(note.recipients.filter((recipient) => recipient.canRead).map((recipient) => recipient.agencyId));
  const others = [...readers].filter((agencyId) => agencyId !== note.authorAgencyId);
  return readers.has(note.authorAgencyId) ? [note.authorAgencyId, ...others] : others;
}

function isDisclosure(entry: AccountingEntry): boolean {
  return DISCLOSURE_KINDS.has(entry.kind) && entry.recipient !== null;
}

const KIND_ORDER: Record<TimelineEvent['kind'], number> = { release: 0, referral: 1, note: 2, disclosure: 3, revocation: 4 };

function byTime(a: TimelineEvent, b: TimelineEvent): number {
  return Date.parse(a.at) - Date.parse(b.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id);
}

/** The first eight characters of a case handle: enough to tell a desk's cases apart, never a name. */
export function shortHandle(caseId: string): string {
  return caseId.slice(0, 8);
}
