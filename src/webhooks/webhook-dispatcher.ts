import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { Clock } from '../scheduler/clock';
import { JobScheduler } from '../scheduler/job-scheduler';
import { WEBHOOK_DISPATCH_QUEUE } from '../scheduler/scheduler.queues';
import { retryDelayMs } from './backoff';
import { sendWebhook, type SendOutcome } from './webhook-sender';
import { signatureHeader } from './webhook-signing';
import { resolveTarget, TargetRefused } from './webhook-targets';
import { type ClaimedDelivery, WebhooksRepository } from './webhooks.repository';

/** Deliveries taken (and sent in parallel) per claim. */
const BATCH = 20;

export interface DispatchResult {
  delivered: number;
  retrying: number;
  dead: number;
}

/**
 * Delivers the outbox (decision 0120). Woken by a pg-boss job: the outbox trigger queues one with
 * the events, a failure queues one for when the next retry falls due, a process queues one when it
 * starts, and a cron job every minute catches anything else. Each run takes due deliveries with a
 * lease (SKIP LOCKED, committed), sends them, and records the outcome: delivered; failed and due
 * again after an exponential back-off with jitter; or, once the next try would fall outside the
 * retry window (24 hours by default) from the event, dead-lettered. `now` is a parameter (tests pass
 * their own); signatures carry the real time, which receivers check.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit {
  constructor(
    private readonly logger: PinoLogger,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhooksRepository,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
  ) {
    this.logger.setContext(WebhookDispatcher.name);
  }

  onModuleInit(): void {
    this.scheduler.register(WEBHOOK_DISPATCH_QUEUE, () => this.runScheduled(), { expression: '* * * * *', singletonKey: 'cron' });
    this.scheduler.onStarted(() => this.scheduler.send(WEBHOOK_DISPATCH_QUEUE, { singletonKey: 'start' }));
  }

  async dispatchDue(now: Date): Promise<DispatchResult> {
    const result: DispatchResult = { delivered: 0, retrying: 0, dead: 0 };
    const lease = new Date(now.getTime() + this.config.webhooks.requestTimeoutMs + 30_000);
    for (;;) {
      const claimed = await this.webhooks.claimDue(now, lease, BATCH);
      await Promise.all(claimed.map((delivery) => this.deliver(delivery, now, result)));
      if (claimed.length < BATCH) return result;
    }
  }

  private async runScheduled(): Promise<void> {
    const now = this.clock.now();
    await this.dispatchDue(now);
    const next = await this.webhooks.nextDue();
    // One job per second a retry falls due in: the queue keeps one waiting per key.
    if (next && next > now) await this.scheduler.send(WEBHOOK_DISPATCH_QUEUE, { startAfter: next, singletonKey: `at-${Math.ceil(next.getTime() / 1000)}` });
  }

  private async deliver(delivery: ClaimedDelivery, now: Date, result: DispatchResult): Promise<void> {
    const outcome = await this.send(delivery, now);
    if (outcome.ok) {
      await this.webhooks.delivered(delivery.id, outcome.statusCode ?? 200, new Date());
      result.delivered += 1;
      return;
    }
    const { retryBaseMs, retryMaxMs, retryWindowSeconds } = this.config.webhooks;
    const retryAt = new Date(now.getTime() + retryDelayMs(delivery.attempts, retryBaseMs, retryMaxMs));
    const giveUp = retryAt.getTime() > new Date(delivery.createdAt).getTime() + retryWindowSeconds * 1000;
    await this.webhooks.failed(delivery.id, outcome.statusCode, outcome.error ?? 'failed', giveUp ? null : retryAt);
    if (giveUp) result.dead += 1;
    else result.retrying += 1;
    this.logger.warn({ delivery: delivery.id, attempt: delivery.attempts, status: outcome.statusCode, error: outcome.error, deadLettered: giveUp }, 'webhook delivery failed');
  }

  private async send(delivery: ClaimedDelivery, now: Date): Promise<SendOutcome> {
    let target;
    try {
      target = await resolveTarget(delivery.url, this.config.webhooks);
    } catch (error) {
      if (error instanceof TargetRefused) return { statusCode: null, ok: false, error: `target refused: ${error.message}` };
      throw error;
    }
    const payload = webhookPayload(delivery);
    const secrets = [delivery.secret];
    if (delivery.previousSecret && delivery.previousSecretUntil && new Date(delivery.previousSecretUntil) > now) secrets.push(delivery.previousSecret);
    const sentAt = new Date();
    const headers = {
      'webhook-id': delivery.id,
      'webhook-timestamp': Math.floor(sentAt.getTime() / 1000).toString(),
      'webhook-signature': signatureHeader(secrets, delivery.id, sentAt, payload),
    };
    return sendWebhook(target, headers, payload, this.config.webhooks.requestTimeoutMs);
  }
}

/** Standard Webhooks' payload shape: the event's type, when it happened, and its ids — never content. */
export function webhookPayload(delivery: Pick<ClaimedDelivery, 'eventId' | 'eventType' | 'occurredAt' | 'referralId' | 'consentId' | 'recordId' | 'caseId'>): string {
  const ids = { referralId: delivery.referralId, consentId: delivery.consentId, recordId: delivery.recordId, caseId: delivery.caseId };
  const data = Object.fromEntries(Object.entries({ eventId: delivery.eventId, ...ids }).filter(([, value]) => value !== null));
  return JSON.stringify({ type: delivery.eventType, timestamp: new Date(delivery.occurredAt).toISOString(), data });
}
