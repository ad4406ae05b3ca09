import { Module } from '@nestjs/common';
import { AgenciesModule } from '../../agencies/agencies.module';
import { CasesModule } from '../../cases/cases.module';
import { ConsentModule } from '../../consent/consent.module';
import { LedgerCoreModule } from '../../ledger/ledger-core.module';
import { RiskTeamsController } from './risk-teams.controller';
import { RiskTeamsRepository } from './risk-teams.repository';
import { RiskTeamsService } from './risk-teams.service';
import { TeamReferralsController } from './team-referrals.controller';
import { TeamReferralsRepository } from './team-referrals.repository';
import { TeamReferralsService } from './team-referrals.service';

/** Standing high-risk teams (issue 22), the cases referred to them and the team's decisions. */
@Module({
  imports: [AgenciesModule, CasesModule, ConsentModule, LedgerCoreModule],
  controllers: [RiskTeamsController, TeamReferralsController],
  providers: [RiskTeamsRepository, RiskTeamsService, TeamReferralsRepository, TeamReferralsService],
  exports: [RiskTeamsRepository, TeamReferralsRepository],
})
export class RiskTeamsModule {}
