import { type ChainBreak, CaseChains } from '../case-chain';
import { EntryFormatError, parseEntry } from '../entry-format';
import { type TransitionEntry } from './key-checks';
import { type VerificationFailure } from './report';

/**
 * Checks on each entry beyond its leaf hash, in log order with the RECOMPUTED leaf hash: the entry
 * format, every case's chain, and (for locating swapped rows only) time order. Times are written
 * under the log's lock, so an honest log's times never decrease; a clock stepping back is not
 * tampering, so disorder alone is never reported as a failure.
 */
export class EntryChecks {
  private readonly chains = new CaseChains();
  private previousTime: string | null = null;
  formatFailure: VerificationFailure | null = null;
  /** The first break of any case's chain, located later against the signed tree (log-verifier). */
  chainBreak: ChainBreak | null = null;
  /** The first position whose entry is newer than the next one, if any. */
  firstDisorder: number | null = null;
  /** The log key transitions met on the way, with their index. */
  readonly keyTransitions: TransitionEntry[] = [];

  check(index: number, recomputedLeafHash: Buffer, bytes: Uint8Array): void {
    let entry;
    try {
      entry = parseEntry(bytes);
    } catch (error) {
      if (!(error instanceof EntryFormatError)) throw error;
      this.formatFailure ??= { code: 'malformed-entry', index, message: `entry ${index}: ${error.message}` };
      return;
    }
    if (this.previousTime !== null && entry.time < this.previousTime) this.firstDisorder ??= index - 1;
    this.previousTime = entry.time;
    if (entry.kind === 'log_key_transition') this.keyTransitions.push({ index, note: entry.detail?.transition });
    const broken = this.chains.accept({ index, leafHash: recomputedLeafHash, entry });
    if (broken) this.chainBreak ??= broken;
  }
}
