import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CasesModule } from '../cases/cases.module';
import { ConsentModule } from '../consent/consent.module';
import { EventsModule } from '../events/events.module';
import { KeysModule } from '../keys/keys.module';
import { LedgerCoreModule } from '../ledger/ledger-core.module';
import { RecordsModule } from '../records/records.module';
import { ReferralPolicy } from './referral-policy';
import { ReferralRevocationParticipant } from './referral-revocation.participant';
import { ReferralStatusService } from './referral-status.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [AgreementsModule, CasesModule, ConsentModule, EventsModule, KeysModule, LedgerCoreModule, RecordsModule],
  controllers: [ReferralsController],
  providers: [ReferralsRepository, ReferralsService, ReferralPolicy, ReferralStatusService, ReferralRevocationParticipant],
})
export class ReferralsModule {}
