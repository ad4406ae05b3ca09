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

export interface EntriesPage {
  start: number;
  /** Exclusive; capped at the tree size and at start + MAX_ENTRIES_PAGE. */
  end: number;
  treeSize: number;
  entries: EncodedEntry[];
}

/** Raw leaves for verifiers (auditors): bytes exactly as hashed, each page read logged. */
@Injectable()
export class EntriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tree: LogTreeRepository,
    private readonly reads: ReadLogger,
  ) {}

  page(caller: CallerContext, start: number, requestedEnd: number | undefined): Promise<EntriesPage> {
    if (requestedEnd !== undefined && requestedEnd < start) throw new LogRangeError('end', 'end must not be below start');
    return inTransaction(this.dataSource, async (manager) => {
      const treeSize = await this.tree.treeSize(manager);
      if (start > treeSize) throw new LogRangeError('start', `start must not exceed the tree size (${treeSize})`);
      const end = Math.min(requestedEnd ?? start + DEFAULT_ENTRIES_PAGE, start + MAX_ENTRIES_PAGE, treeSize);
      const entries = await this.tree.encodedEntries(start, end, manager);
      // Last statement before commit: the log's lock is held for as short a time as possible.
      await this.reads.record(manager, caller, 'ledger_read', { detail: { view: 'entries', start, end } });
      return { start, end, treeSize, entries };
    });
  }
}
