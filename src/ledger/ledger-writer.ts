import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { statement, type Statement } from '../database/statement';
import { queueAtCommit, runCommitSteps } from '../database/transactions';
import { type LedgerActor, type LedgerFields, type LedgerKind } from './ledger.vocabulary';

export function actorOf(caller: CallerContext): LedgerActor {
  return { principal: caller.principal.id, agency: caller.principal.agencyId, roles: [...caller.principal.roles] };
}

type RecordedKind = Exclude<LedgerKind, 'disclosure' | 'access'>;

interface QueuedEntry {
  kind: RecordedKind;
  fields: LedgerFields;
}

/** The index of the last entry each transaction appended. */
const lastAppended = new WeakMap<EntityManager, number>();

/**
 * Appends an entry for an act in the caller's transaction (`manager`): the act and its entry
 * commit together or not at all. The entries of a transaction are appended together at its end
 * (one call of ccr_ledger_record_many), so the log's lock is held only while they are written.
 * Disclosures are not written here but by ccr_open_record().
 */
@Injectable()
export class LedgerWriter {
  record(manager: EntityManager, kind: RecordedKind, fields: LedgerFields): Promise<void> {
    return queueAtCommit<QueuedEntry>(manager, this, { kind, fields }, (entries) => appendStatement(manager, entries));
  }

  /**
   * Writes what the transaction queued so far and returns the index of its last entry — for an act
   * whose answer names its entry. Call it as the transaction's last step: the log stays locked.
   */
  async flush(manager: EntityManager): Promise<number> {
    await runCommitSteps(manager);
    const index = lastAppended.get(manager);
    if (index === undefined) throw new Error('flush() with no entry recorded in this transaction');
    return index;
  }

  /** A refused attempt: written in its own (autocommit) statement, since the refused act was rolled back. */
  recordDenial(manager: EntityManager, caller: CallerContext, fields: Omit<LedgerFields, 'actor' | 'outcome' | 'requestId'> & { reason: string }): Promise<void> {
    return this.record(manager, 'denied', { ...fields, actor: actorOf(caller), outcome: 'denied', requestId: caller.requestId });
  }
}

function appendStatement(manager: EntityManager, entries: readonly QueuedEntry[]): Statement<void> {
  return statement(
    'SELECT ccr_ledger_record_many($1::text[], $2::jsonb[]) AS idx',
    [entries.map((entry) => entry.kind), entries.map((entry) => JSON.stringify(entry.fields))],
    (rows) => {
      lastAppended.set(manager, Number(rows[0].idx));
    },
  );
}
