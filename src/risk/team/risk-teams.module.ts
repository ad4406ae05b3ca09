import { Module } from '@nestjs/common';
import { AgenciesModule } from '../../agencies/agencies.module';
import { RiskTeamsController } from './risk-teams.controller';
import { RiskTeamsRepository } from './risk-teams.repository';
import { RiskTeamsService } from './risk-teams.service';

/** Standing high-risk teams (issue 22). Referrals, decisions and meetings build on it. */
@Module({
  imports: [AgenciesModule],
  controllers: [RiskTeamsController],
  providers: [RiskTeamsRepository, RiskTeamsService],
})
export class RiskTeamsModule {}
