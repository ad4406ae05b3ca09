import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { DeadlineSweeper, type SweepResult } from '../referrals/deadline-sweeper.service';
import { ActionSweeper } from '../risk/meetings/action-sweeper.service';
import { Clock } from './clock';
import { JobScheduler } from './job-scheduler';
import { DEADLINE_SWEEP_QUEUE } from './scheduler.queues';

/**
 * The deadline sweep (decision 0070), and the overdue sweep of high-risk team actions (decision
 * 0126) with it, as a scheduled job: every minute by cron, and once when a
 * process starts (a sweep missed while every process was down runs at once). One sweep runs at a
 * time across the deployment (the queue's 'singleton' policy under one key); the sweep itself is
 * idempotent, so a job retried after a crash does each thing once.
 */
@Injectable()
export class DeadlineSweepJob implements OnModuleInit {
  constructor(
    private readonly logger: PinoLogger,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly scheduler: JobScheduler,
    private readonly sweeper: DeadlineSweeper,
    private readonly actions: ActionSweeper,
    private readonly clock: Clock,
  ) {
    this.logger.setContext(DeadlineSweepJob.name);
  }

  onModuleInit(): void {
    this.scheduler.register(DEADLINE_SWEEP_QUEUE, () => this.run(), { expression: this.config.scheduler.sweepCron, singletonKey: 'sweep' });
    this.scheduler.onStarted(() => this.scheduler.send(DEADLINE_SWEEP_QUEUE, { singletonKey: 'sweep' }));
  }

  private async run(): Promise<void> {
    await this.sweepAt(this.clock.now());
  }

  /** One pass of both sweeps at `now`: what the scheduled job does, and what `npm run admin -- sweep` runs once. */
  async sweepAt(now: Date): Promise<SweepOutcome> {
    const result = await this.sweeper.sweep(now);
    if (result.dueSoon + result.overdue + result.expired > 0) this.logger.info({ ...result }, 'deadline sweep');
    const actions = await this.actions.sweepOverdueActions(now);
    if (actions.overdue > 0) this.logger.info({ overdueActions: actions.overdue }, 'action sweep');
    return { ...result, overdueActions: actions.overdue };
  }
}

export interface SweepOutcome extends SweepResult {
  overdueActions: number;
}
