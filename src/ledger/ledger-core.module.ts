import { Module } from '@nestjs/common';
import { LedgerWriter } from './ledger-writer';

/** Writing to the disclosure log, for every module that performs an act the log records. */
@Module({
  providers: [LedgerWriter],
  exports: [LedgerWriter],
})
export class LedgerCoreModule {}
