import { Global, Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module';
import { Clock } from './clock';
import { DeadlineSweepJob } from './deadline-sweep.job';
import { JobScheduler } from './job-scheduler';

/** pg-boss and the jobs it runs (decision 0118). Global: modules register their own queues. */
@Global()
@Module({
  imports: [ReferralsModule],
  providers: [JobScheduler, Clock, DeadlineSweepJob],
  exports: [JobScheduler, Clock],
})
export class SchedulerModule {}
