import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../../auth/caller-context';
import { inTransaction } from '../../database/transactions';
import { LogRangeError } from '../ledger.errors';
import { ReadLogger } from '../read-logger';
import { type EncodedEntry, LogTreeRepository } from './log-tree.repository';

/** Largest page of raw entries: 100 requests verify a million-entry log. */
export const MAX_ENTRIES_PAGE = 10_000;
export const DEFAULT_ENTRIES_PAGE = 1_000;
/** Entries read from the database at a time while a page is sent. */
const READ_BATCH = 1_000;

export interface EntriesPage {
  start: number;
  /** Exclusive; capped at the tree size and at start + MAX_ENTRIES_PAGE. */
  end: number;
  treeSize: number;
  /** The entries in index order, read batch by batch as they are consumed (decision 0039). */
  entries: AsyncIterable<EncodedEntry[]>;
}

/**
 * Raw leaves for verifiers (auditors): bytes exactly as hashed. The read of a page is logged
 * before any entry leaves (decision 0039): entries below the tree size never change, so they are
 * read after that commit, a batch at a time, while the page is sent.
 */
@Injectable()
export class EntriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tree: LogTreeRepository,
    private readonly reads: ReadLogger,
  ) {}

  async page(caller: CallerContext, start: number, requestedEnd: number | undefined): Promise<EntriesPage> {
    if (requestedEnd !== undefined && requestedEnd < start) throw new LogRangeError('end', 'end must not be below start');
    const { end, treeSize } = await inTransaction(this.dataSource, async (manager) => {
      const size = await this.tree.treeSize(manager);
      if (start > size) throw new LogRangeError('start', `start must not exceed the tree size (${size})`);
      const pageEnd = Math.min(requestedEnd ?? start + DEFAULT_ENTRIES_PAGE, start + MAX_ENTRIES_PAGE, size);
      await this.reads.record(manager, caller, 'ledger_read', { detail: { view: 'entries', start, end: pageEnd } });
      return { end: pageEnd, treeSize: size };
    });
    return { start, end, treeSize, entries: this.tree.encodedEntryBatches(start, end, READ_BATCH) };
  }
}
