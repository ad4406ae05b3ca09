import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CasesModule } from '../cases/cases.module';
import { KeysModule } from '../keys/keys.module';
import { LedgerCoreModule } from '../ledger/ledger-core.module';
import { RecordsModule } from '../records/records.module';
import { CaseWorldRepository } from './case-world.repository';
import { ConsentDecisionService } from './consent-decision.service';
import { ConsentSignatures } from './consent-signatures';
import { ConsentViews } from './consent-views';
import { ConsentsController } from './consents.controller';
import { ConsentsRepository } from './consents.repository';
import { ConsentsService } from './consents.service';
import { MandateViews } from './mandate-views';
import { MandatesController } from './mandates.controller';
import { MandatesRepository } from './mandates.repository';
import { MandatesService } from './mandates.service';
import { PartiesRepository } from './parties.repository';
import { RevocationParticipants } from './revocation-participants';
import { RevocationService } from './revocation.service';
import { WrapReconciler } from './wrap-reconciler';

/**
 * Releases, the mandate register, and THE door to the policy (ConsentDecisionService). Modules
 * that move survivor data import this one; it depends on none of them — they join the
 * revocation cascade through @RevocationParticipantProvider() (revocation-participant.ts).
 */
@Module({
  imports: [DiscoveryModule, CasesModule, KeysModule, RecordsModule, LedgerCoreModule],
  controllers: [ConsentsController, MandatesController],
  providers: [
    ConsentsRepository,
    MandatesRepository,
    PartiesRepository,
    CaseWorldRepository,
    ConsentDecisionService,
    ConsentSignatures,
    ConsentViews,
    MandateViews,
    ConsentsService,
    MandatesService,
    RevocationParticipants,
    RevocationService,
    WrapReconciler,
  ],
  exports: [ConsentDecisionService, RevocationParticipants],
})
export class ConsentModule {}
