import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module';
import { LedgerCoreModule } from '../ledger/ledger-core.module';
import { RecordsModule } from '../records/records.module';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { CustodianRecords } from './custodian-records';
import { HighRiskFlagService } from './high-risk-flag.service';

/** Case handles and the sealed survivor profile. */
@Module({
  imports: [KeysModule, RecordsModule, LedgerCoreModule],
  controllers: [CasesController],
  providers: [CasesRepository, CasesService, CustodianRecords, HighRiskFlagService],
  exports: [CasesService, CustodianRecords],
})
export class CasesModule {}
