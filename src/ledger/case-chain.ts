import { type LedgerEntryV1 } from './entry-format';

/**
 * The per-case chain (docs/ledger-format.md §3.3): every entry about a case carries caseSeq
 * (1, 2, 3, ...) and casePrev (the hex leaf hash of the case's previous entry, null for the
 * first). Both are inside the hashed bytes, so a missing, inserted or reordered entry of a case
 * breaks the chain at its exact position. Used by the accounting (server side, before anything is
 * shown) and by the offline verifier.
 */
export interface ChainLink {
  readonly index: number;
  readonly leafHash: Uint8Array;
  readonly entry: LedgerEntryV1;
}

export type ChainBreakReason = 'sequence' | 'previous-hash' | 'other-case';

export interface ChainBreak {
  /**
   * The earliest log index that may be bad: for a wrong casePrev, the previous entry of the case
   * (its bytes no longer hash to what its successor committed to); otherwise the entry itself.
   */
  readonly index: number;
  /** The entry at which the chain was found broken. */
  readonly foundAt: number;
  readonly reason: ChainBreakReason;
  readonly expectedSeq: number;
}

interface ChainHead {
  index: number;
  seq: number;
  leafHash: Uint8Array;
}

/** Follows many cases' chains at once, in log order (the full-log verifier). */
export class CaseChains {
  private readonly heads = new Map<string, ChainHead>();

  /** Checks one entry in log order; entries without a case are not part of any chain. */
  accept(link: ChainLink): ChainBreak | null {
    const caseId = link.entry.case;
    if (caseId === undefined) return null;
    const head = this.heads.get(caseId);
    const found = linkBreak(link, head);
    // The head moves in place: one object per case, not one per entry of a million-entry log.
    if (head) moveHead(head, link);
    else this.heads.set(caseId, headOf(link));
    return found;
  }
}

/**
 * Checks that `links` (in log order) are one case's complete chain from its first entry: the
 * first break, or null. Completeness of the tail is what receipts and the next accounting prove.
 */
export function checkCaseChain(caseId: string, links: readonly ChainLink[]): ChainBreak | null {
  let head: ChainHead | undefined;
  for (const link of links) {
    if (link.entry.case !== caseId) return { index: link.index, foundAt: link.index, reason: 'other-case', expectedSeq: (head?.seq ?? 0) + 1 };
    const found = linkBreak(link, head);
    if (found) return found;
    head = headOf(link);
  }
  return null;
}

/**
 * A head keeps its own copy of the leaf hash: hashes are small slices of Node's shared 8 KB buffer
 * pool, and a head per case holding a slice would keep a whole pool alive for each case.
 */
function headOf(link: ChainLink): ChainHead {
  return { index: link.index, seq: link.entry.caseSeq ?? 0, leafHash: new Uint8Array(link.leafHash) };
}

function moveHead(head: ChainHead, link: ChainLink): void {
  head.index = link.index;
  head.seq = link.entry.caseSeq ?? 0;
  if (head.leafHash.length === link.leafHash.length) head.leafHash.set(link.leafHash);
  else head.leafHash = new Uint8Array(link.leafHash);
}

function linkBreak(link: ChainLink, head: ChainHead | undefined): ChainBreak | null {
  const expectedSeq = (head?.seq ?? 0) + 1;
  if (link.entry.caseSeq !== expectedSeq) return { index: link.index, foundAt: link.index, reason: 'sequence', expectedSeq };
  const prev = link.entry.casePrev ?? null;
  if (head === undefined ? prev === null : prev !== null && isHexOf(prev, head.leafHash)) return null;
  return { index: head?.index ?? link.index, foundAt: link.index, reason: 'previous-hash', expectedSeq };
}

/** Character codes of the lowercase hex digits, by value. */
const LOWER_HEX_CODES = Uint8Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

/**
 * `hex` is exactly the lowercase hex spelling of `bytes` (the format of casePrev). Compared in
 * place, by character code: this runs once per entry of a million-entry log, where a hex string
 * per entry (and then a one-character string per digit) showed up.
 */
function isHexOf(hex: string, bytes: Uint8Array): boolean {
  if (hex.length !== bytes.length * 2) return false;
  for (let i = 0; i < bytes.length; i += 1) {
    if (hex.charCodeAt(2 * i) !== LOWER_HEX_CODES[bytes[i] >> 4] || hex.charCodeAt(2 * i + 1) !== LOWER_HEX_CODES[bytes[i] & 15]) return false;
  }
  return true;
}

/** One line for reports: what is wrong at the break. */
export function describeChainBreak(found: ChainBreak): string {
  switch (found.reason) {
    case 'sequence':
      return `entry ${found.index} is not number ${found.expectedSeq} of its case's chain (an entry of the case is missing, added or moved)`;
    case 'previous-hash':
      return found.index === found.foundAt
        ? `entry ${found.index} does not link to the previous entry of its case (casePrev differs)`
        : `entry ${found.index} no longer hashes to what the next entry of its case (${found.foundAt}) committed to: one of them was changed`;
    case 'other-case':
      return `entry ${found.index} belongs to another case`;
  }
}
