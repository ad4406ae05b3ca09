import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { logAppend, nothing, type Statement } from '../database/statement';
import { integrateInTransaction, integrateQueued, queueAtCommit } from '../database/transactions';
import { type LedgerActor, type LedgerFields, type LedgerKind } from './ledger.vocabulary';

export function actorOf(caller: CallerContext): LedgerActor {
  return { principal: caller.principal.id, agency: caller.principal.agencyId, roles: [...caller.principal.roles] };
}

type RecordedKind = Exclude<LedgerKind, 'disclosure' | 'access'>;

interface QueuedEntry {
  kind: RecordedKind;
  fields: LedgerFields;
}

/**
 * Appends an entry for an act in the caller's transaction (`manager`): the act and its entry
 * commit together or not at all. The entries of a transaction are queued together at its end (one
 * call of ccr_ledger_record_many) and integrated into the log's tree in its COMMIT's round trip,
 * before the act answers (decisions 0036, 0168). Disclosures are not written here but by
 * ccr_open_record().
 */
@Injectable()
export class LedgerWriter {
  record(manager: EntityManager, kind: RecordedKind, fields: LedgerFields): Promise<void> {
    return queueAtCommit<QueuedEntry>(manager, this, { kind, fields }, appendStatement);
  }

  /**
   * Writes what the transaction queued so far, integrates it into the tree inside the transaction
   * and returns the index of its last entry — for an act whose answer names its entry. Call it as
   * the transaction's last step: the log stays locked until COMMIT.
   */
  async flush(manager: EntityManager): Promise<number> {
    const index = await integrateInTransaction(manager);
    if (index === null) throw new Error('flush() with no entry recorded in this transaction');
    return index;
  }

  /**
   * Brings every entry committed so far into the tree — for a decision that must see every
   * committed act in the log (a revocation listing what was already delivered, a checkpoint). In a
   * transaction, the log stays locked until its COMMIT.
   */
  integrateCommitted(manager: EntityManager): Promise<void> {
    return integrateQueued(manager);
  }

  /** A refused attempt: written in its own (autocommit) statement, since the refused act was rolled back. */
  recordDenial(manager: EntityManager, caller: CallerContext, fields: Omit<LedgerFields, 'actor' | 'outcome' | 'requestId'> & { reason: string }): Promise<void> {
    return this.record(manager, 'denied', { ...fields, actor: actorOf(caller), outcome: 'denied', requestId: caller.requestId });
  }
}

function appendStatement(entries: readonly QueuedEntry[]): Statement<void> {
  return logAppend(
    'SELECT ccr_ledger_record_many($1::text[], $2::jsonb[])',
    [entries.map((entry) => entry.kind), entries.map((entry) => JSON.stringify(entry.fields))],
    nothing,
  );
}
