import { Global, Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module';
import { RiskMeetingsModule } from '../risk/meetings/meetings.module';
import { Clock } from './clock';
import { DeadlineSweepJob } from './deadline-sweep.job';
import { JobScheduler } from './job-scheduler';

/** pg-boss and the jobs it runs (decision 0118). Global: modules register their own queues. */
@Global()
@Module({
  imports: [ReferralsModule, RiskMeetingsModule],
  providers: [JobScheduler, Clock, DeadlineSweepJob],
  exports: [JobScheduler, Clock],
})
export class SchedulerModule {}
