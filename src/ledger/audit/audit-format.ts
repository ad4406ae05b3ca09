import { type LedgerEntryV1 } from '../entry-format';
import { type StoredEntry } from '../log/log-tree.repository';

/** One log entry as auditors receive it: exact bytes for verification, fields for reading. */
export interface AuditRow {
  index: number;
  leafHash: string;
  /** base64 of the exact entry bytes (what the leaf hash covers). */
  bytes: string;
  /** The entry parsed; null if the stored bytes are not JSON (a damaged log: verify it). */
  entry: LedgerEntryV1 | null;
}

export function toAuditRow(stored: StoredEntry): AuditRow {
  return { index: stored.index, leafHash: stored.leafHash.toString('base64'), bytes: stored.entry.toString('base64'), entry: parseQuietly(stored.entry) };
}

export function ndjsonLine(stored: StoredEntry): string {
  return `${JSON.stringify(toAuditRow(stored))}\n`;
}

/** The fixed CSV column set (docs/ledger-format.md §13). Lists are joined with ";". */
export const AUDIT_CSV_COLUMNS = [
  'index',
  'time',
  'kind',
  'actor_principal',
  'actor_agency',
  'actor_roles',
  'discloser',
  'recipient',
  'case',
  'case_seq',
  'records',
  'categories',
  'purpose',
  'basis_kind',
  'basis_consent',
  'basis_version',
  'basis_mandate',
  'outcome',
  'reason',
  'request_id',
  'detail',
  'leaf_hash',
] as const;

export function csvHeader(): string {
  return csvLine([...AUDIT_CSV_COLUMNS]);
}

export function csvRow(stored: StoredEntry): string {
  const entry = parseQuietly(stored.entry);
  const basis = (entry?.basis ?? {}) as { kind?: string; consent?: string; version?: number; mandate?: string };
  const cells: Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number | undefined> = {
    index: stored.index,
    time: entry?.time,
    kind: entry?.kind ?? 'unreadable',
    actor_principal: entry?.actor?.principal,
    actor_agency: entry?.actor?.agency,
    actor_roles: entry?.actor?.roles?.join(';'),
    discloser: entry?.discloser,
    recipient: entry?.recipient,
    case: entry?.case,
    case_seq: entry?.caseSeq,
    records: entry?.records?.join(';'),
    categories: entry?.categories?.join(';'),
    purpose: entry?.purpose,
    basis_kind: basis.kind,
    basis_consent: basis.consent,
    basis_version: basis.version,
    basis_mandate: basis.mandate,
    outcome: entry?.outcome,
    reason: entry?.reason,
    request_id: entry?.requestId,
    detail: entry?.detail === undefined ? undefined : JSON.stringify(entry.detail),
    leaf_hash: stored.leafHash.toString('base64'),
  };
  return csvLine(AUDIT_CSV_COLUMNS.map((column) => cells[column]));
}

/** RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, quotes doubled. */
function csvLine(values: readonly (string | number | undefined)[]): string {
  return `${values.map((value) => csvCell(value === undefined ? '' : String(value))).join(',')}\r\n`;
}

export function csvCell(value: string): string {
  const safe = neutralizeFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab/CR) as a formula. Request ids come
 * from callers, so such a value is prefixed with an apostrophe (OWASP "CSV injection"). Values
 * are shown, not verified, from CSV: the NDJSON export carries the exact bytes.
 */
function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function parseQuietly(bytes: Buffer): LedgerEntryV1 | null {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as LedgerEntryV1) : null;
  } catch {
    return null;
  }
}
