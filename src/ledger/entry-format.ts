import { isUtf8 } from 'node:buffer';
import { type LedgerActor, type LedgerBasis } from './ledger.vocabulary';

/**
 * A log entry as the database wrote it (docs/ledger-format.md §3): the UTF-8 text PostgreSQL
 * renders for a jsonb object, hashed exactly as stored. Readers parse it to show or check fields;
 * they never re-serialize it (the bytes are the leaf).
 */
export interface LedgerEntryV1 {
  v: 1;
  id: string;
  kind: string;
  time: string;
  actor?: LedgerActor;
  discloser?: string;
  recipient?: string;
  case?: string;
  records?: string[];
  categories?: string[];
  purpose?: string;
  basis?: LedgerBasis;
  outcome?: 'permitted' | 'denied';
  reason?: string;
  requestId?: string;
  detail?: Record<string, unknown>;
  /** Position in the case's chain (1-based); present exactly when `case` is. */
  caseSeq?: number;
  /** Hex leaf hash of the previous entry of the same case; null for the first. */
  casePrev?: string | null;
}

export class EntryFormatError extends Error {
  override readonly name = 'EntryFormatError';
}

/** Parses entry bytes strictly: valid UTF-8, a JSON object of version 1 with its required fields. */
export function parseEntry(bytes: Uint8Array): LedgerEntryV1 {
  // isUtf8 + toString is several times faster than a fatal TextDecoder on a million entries.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) throw new EntryFormatError('entry is not UTF-8 JSON');
  let value: unknown;
  try {
    value = JSON.parse(buffer.toString('utf8'));
  } catch {
    throw new EntryFormatError('entry is not UTF-8 JSON');
  }
  if (!isObject(value) || value.v !== 1) throw new EntryFormatError('entry is not a version 1 object');
  if (typeof value.id !== 'string' || typeof value.kind !== 'string' || typeof value.time !== 'string') {
    throw new EntryFormatError('entry lacks id, kind or time');
  }
  if (value.case !== undefined && !isChainLink(value)) throw new EntryFormatError('entry of a case lacks a valid caseSeq or casePrev');
  return value as unknown as LedgerEntryV1;
}

function isChainLink(value: Record<string, unknown>): boolean {
  const { caseSeq, casePrev } = value;
  const seqOk = typeof caseSeq === 'number' && Number.isSafeInteger(caseSeq) && caseSeq >= 1;
  const prevOk = casePrev === null || isLowerHexHash(casePrev);
  return seqOk && prevOk && (caseSeq === 1) === (casePrev === null);
}

/** 64 lowercase hex digits. A loop: a verifier asks this a million times, and the regex was 3% of it. */
function isLowerHexHash(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const code = value.charCodeAt(i);
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
