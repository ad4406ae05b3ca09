import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CasesModule } from '../cases/cases.module';
import { ConsentModule } from '../consent/consent.module';
import { EventsModule } from '../events/events.module';
import { KeysModule } from '../keys/keys.module';
import { LedgerCoreModule } from '../ledger/ledger-core.module';
import { RecordsModule } from '../records/records.module';
import { DeadlineSweepRepository } from './deadline-sweep.repository';
import { DeadlineSweeper } from './deadline-sweeper.service';
import { ReferralPolicy } from './referral-policy';
import { ReferralRevocationParticipant } from './referral-revocation.participant';
import { ReferralStatusService } from './referral-status.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [AgreementsModule, CasesModule, ConsentModule, EventsModule, KeysModule, LedgerCoreModule, RecordsModule],
  controllers: [ReferralsController],
  providers: [DeadlineSweepRepository, DeadlineSweeper, ReferralsRepository, ReferralsService, ReferralPolicy, ReferralStatusService, ReferralRevocationParticipant],
  exports: [DeadlineSweeper],
})
export class ReferralsModule {}
