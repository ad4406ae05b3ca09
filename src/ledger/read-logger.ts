import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { sqlStateOf } from '../database/database-errors';
import { LedgerUnavailableError } from './ledger.errors';
import { actorOf, LedgerWriter } from './ledger-writer';
import { type LedgerFields } from './ledger.vocabulary';

/** Reads that the log records about itself (DESIGN §5: reading the log is itself logged). */
export type ReadKind = 'ledger_read' | 'accounting_provided';

/**
 * Writes the entry that accompanies a read, in the read's transaction, at once (call it last: the
 * log's lock is then held until commit). If it cannot be written, the read fails with 503 and
 * nothing is returned: no disclosure without an entry.
 */
@Injectable()
export class ReadLogger {
  constructor(
    private readonly writer: LedgerWriter,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ReadLogger.name);
  }

  async record(manager: EntityManager, caller: CallerContext, kind: ReadKind, fields: Omit<LedgerFields, 'actor' | 'requestId'>): Promise<number> {
    try {
      await this.writer.record(manager, kind, { ...fields, actor: actorOf(caller), requestId: caller.requestId });
      return await this.writer.flush(manager);
    } catch (error) {
      // The SQLSTATE only: driver errors carry the query's parameters.
      this.logger.error(`the ${kind} entry could not be written (SQLSTATE ${sqlStateOf(error) ?? 'none'}); the read was refused`);
      throw new LedgerUnavailableError();
    }
  }
}
