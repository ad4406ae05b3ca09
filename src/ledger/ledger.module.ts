import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AccountingController } from './accounting/accounting.controller';
import { AccountingRepository } from './accounting/accounting.repository';
import { AccountingService } from './accounting/accounting.service';
import { AuditController } from './audit/audit.controller';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { LedgerCoreModule } from './ledger-core.module';
import { CheckpointPublisher } from './log/checkpoint-publisher';
import { CheckpointsRepository } from './log/checkpoints.repository';
import { CheckpointsService } from './log/checkpoints.service';
import { EntriesService } from './log/entries.service';
import { LogController } from './log/log.controller';
import { logKeyringProvider } from './log/log-keyring';
import { LogKeysRepository } from './log/log-keys.repository';
import { LogKeysService } from './log/log-keys.service';
import { LogTreeRepository } from './log/log-tree.repository';
import { ProofsService } from './log/proofs.service';
import { ReadLogger } from './read-logger';
import { WitnessesController } from './witnesses/witnesses.controller';
import { WitnessesRepository } from './witnesses/witnesses.repository';
import { WitnessesService } from './witnesses/witnesses.service';

/**
 * The disclosure log's public face: signed checkpoints on a schedule, proofs, witnesses and their
 * cosignatures, the auditors' queries and exports, and the survivor's accounting. Writing entries
 * is LedgerCoreModule's (every module that acts imports that one).
 */
@Module({
  imports: [LedgerCoreModule, AgenciesModule],
  controllers: [LogController, WitnessesController, AuditController, AccountingController],
  providers: [
    logKeyringProvider,
    LogKeysRepository,
    LogKeysService,
    LogTreeRepository,
    CheckpointsRepository,
    ProofsService,
    CheckpointPublisher,
    CheckpointsService,
    EntriesService,
    ReadLogger,
    WitnessesRepository,
    WitnessesService,
    AuditRepository,
    AuditService,
    AccountingRepository,
    AccountingService,
  ],
  // The log's tree, checkpoints and read logging also serve the monitoring figures (src/monitoring).
  exports: [CheckpointPublisher, LogKeysService, LogTreeRepository, CheckpointsService, ReadLogger],
})
export class LedgerModule {}
