import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module';
import { LedgerCoreModule } from '../ledger/ledger-core.module';
import { AgreementDeadlines } from './agreement-deadlines.service';
import { AgreementSignatures } from './agreement-signatures';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';

/** Working agreements between agencies (DESIGN.md §8, decision 0068). */
@Module({
  imports: [KeysModule, LedgerCoreModule],
  controllers: [AgreementsController],
  providers: [AgreementsRepository, AgreementSignatures, AgreementsService, AgreementDeadlines],
  exports: [AgreementDeadlines],
})
export class AgreementsModule {}
