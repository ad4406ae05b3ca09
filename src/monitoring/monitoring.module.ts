import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { MonitoringController } from './monitoring.controller';
import { MonitoringRepository } from './monitoring.repository';
import { MonitoringService } from './monitoring.service';

/** CCR monitoring figures (issue 23), computed from the disclosure log's entries. */
@Module({
  imports: [LedgerModule],
  controllers: [MonitoringController],
  providers: [MonitoringService, MonitoringRepository],
})
export class MonitoringModule {}
