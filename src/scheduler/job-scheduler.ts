import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import PgBoss from 'pg-boss';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { SCHEDULER_SCHEMA } from './scheduler.queues';

export type JobHandler = () => Promise<void>;

interface Registration {
  queue: string;
  handler: JobHandler;
  cron?: { expression: string; singletonKey: string };
}

/** Waiting longer than this for jobs in progress at shutdown fails them (pg-boss retries them elsewhere). */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The one pg-boss instance of an API process (decision 0118). Jobs live in PostgreSQL: every
 * process polls for them, and each job is taken by one (SKIP LOCKED), so however many processes
 * run, a job runs once at a time. Cron schedules are kept in the database too and fired by one
 * process per minute. Modules register their queues before the application starts; pg-boss
 * starts with it (migrate:false: the migration made the schema as the owner) and stops with it,
 * before the pool closes. Off unless `scheduler.enabled` (tests turn it on themselves).
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly registrations: Registration[] = [];
  private readonly startedHooks: (() => Promise<unknown>)[] = [];
  private boss: PgBoss | null = null;
  private closePool: (() => Promise<void>) | null = null;

  constructor(
    private readonly logger: PinoLogger,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.logger.setContext(JobScheduler.name);
  }

  get running(): boolean {
    return this.boss !== null;
  }

  /** A worker for `queue`, and optionally a cron schedule that sends it jobs. Before start-up only. */
  register(queue: string, handler: JobHandler, cron?: Registration['cron']): void {
    if (this.boss) throw new Error(`register ${queue} before the scheduler starts`);
    this.registrations.push({ queue, handler, cron });
  }

  /** Runs once the scheduler has started in this process (never when it is off). */
  onStarted(hook: () => Promise<unknown>): void {
    this.startedHooks.push(hook);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.scheduler.enabled) await this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /**
   * Asks for a job now (or at `startAfter`). Answers false when the scheduler is off here or the
   * queue's policy dropped it as a duplicate of one already waiting.
   */
  async send(queue: string, options: { singletonKey?: string; startAfter?: Date } = {}): Promise<boolean> {
    if (!this.boss) return false;
    return (await this.boss.send(queue, {}, options)) !== null;
  }

  private async start(): Promise<void> {
    const pool = new Pool(this.poolOptions());
    pool.on('error', (error) => this.logger.warn({ err: error }, 'scheduler connection failed'));
    let open = true;
    this.closePool = async () => {
      open = false;
      await pool.end();
    };
    const boss = new PgBoss({
      // A job already fetched when the process stops can finish after pg-boss said it stopped; its
      // last statement (complete or fail) then finds no pool and changes nothing: the job's lease
      // runs out and another process retries it, which the idempotent jobs allow.
      db: { executeSql: (text: string, values: unknown[]) => (open ? pool.query(text, values) : Promise.resolve({ rows: [], rowCount: 0 })) },
      schema: SCHEDULER_SCHEMA,
      migrate: false,
      supervise: true,
      schedule: true,
      pollingIntervalSeconds: this.config.scheduler.pollingIntervalSeconds,
    });
    boss.on('error', (error) => this.logger.warn({ err: error }, 'scheduler error'));
    await boss.start();
    this.boss = boss;
    for (const each of this.registrations) {
      await boss.work(each.queue, { pollingIntervalSeconds: this.config.scheduler.pollingIntervalSeconds, batchSize: 1 }, () => each.handler());
      if (each.cron) await boss.schedule(each.queue, each.cron.expression, {}, { tz: 'UTC', singletonKey: each.cron.singletonKey });
    }
    this.logger.info({ queues: this.registrations.map((each) => each.queue) }, 'scheduler started');
    for (const hook of this.startedHooks) await hook();
  }

  private async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS, close: false });
    await this.closePool?.();
    this.closePool = null;
  }

  /** The runtime data source's database and session settings (the API role, timeouts), a pool of its own. */
  private poolOptions(): ConstructorParameters<typeof Pool>[0] {
    const options = this.dataSource.options as { url?: string; extra?: { options?: string } };
    return { connectionString: options.url, options: options.extra?.options, max: 3, application_name: 'ccr-exchange-scheduler' };
  }
}
