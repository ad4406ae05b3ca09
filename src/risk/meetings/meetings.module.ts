import { Module } from '@nestjs/common';
import { AgenciesModule } from '../../agencies/agencies.module';
import { CasesModule } from '../../cases/cases.module';
import { ConsentModule } from '../../consent/consent.module';
import { EventsModule } from '../../events/events.module';
import { LedgerCoreModule } from '../../ledger/ledger-core.module';
import { NotesModule } from '../../notes/notes.module';
import { RiskTeamsModule } from '../team/risk-teams.module';
import { ActionSweeper } from './action-sweeper.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

/** Meetings of high-risk teams: agenda, sealed contributions and minutes, action items and their overdue sweep. */
@Module({
  imports: [AgenciesModule, RiskTeamsModule, NotesModule, CasesModule, ConsentModule, EventsModule, LedgerCoreModule],
  controllers: [MeetingsController],
  providers: [MeetingsRepository, MeetingsService, ActionSweeper],
  exports: [ActionSweeper],
})
export class RiskMeetingsModule {}
