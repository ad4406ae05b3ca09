import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../ledger/ledger-core.module';
import { RecordsRepository } from './records.repository';
import { RecordsService } from './records.service';

/** Sealed-record storage and its logging read path; used by referrals, notes, cases and consent. */
@Module({
  imports: [LedgerCoreModule],
  providers: [RecordsRepository, RecordsService],
  exports: [RecordsService],
})
export class RecordsModule {}
