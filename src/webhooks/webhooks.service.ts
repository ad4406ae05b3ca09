import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type CallerContext } from '../auth/caller-context';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { Clock } from '../scheduler/clock';
import { type DeliveryStatus } from './entities/webhook.entities';
import { newWebhookSecret } from './webhook-signing';
import { parseTarget, resolveTarget, TargetRefused } from './webhook-targets';
import { NoWebhookForEventError, TooManyWebhooksError, WebhookEventNotFoundError, WebhookNotFoundError, WebhookTargetRefusedError } from './webhooks.errors';
import { type DeliveryRow, type EndpointRow, WebhooksRepository } from './webhooks.repository';

/** Enough for an agency's systems (a case system, a test one, a rotation's overlap). */
export const MAX_WEBHOOKS_PER_AGENCY = 10;

export interface RegisteredWebhook extends EndpointRow {
  /** Shown once, here: the server keeps it only to sign. */
  secret: string;
}

/** Agencies' webhook endpoints, their secrets, their delivery log and replays (decision 0119). */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhooksRepository,
    private readonly clock: Clock,
  ) {}

  async register(caller: CallerContext, url: string, eventTypes: readonly string[]): Promise<RegisteredWebhook> {
    await this.checkTarget(url);
    const agencyId = caller.principal.agencyId;
    if ((await this.webhooks.countActive(agencyId)) >= MAX_WEBHOOKS_PER_AGENCY) throw new TooManyWebhooksError(MAX_WEBHOOKS_PER_AGENCY);
    const secret = newWebhookSecret();
    const row = await this.webhooks.insertEndpoint(agencyId, randomUUID(), url, [...new Set(eventTypes)], secret);
    return { ...row, secret };
  }

  list(caller: CallerContext): Promise<EndpointRow[]> {
    return this.webhooks.listActive(caller.principal.agencyId);
  }

  async remove(caller: CallerContext, id: string): Promise<void> {
    if (!(await this.webhooks.remove(caller.principal.agencyId, id))) throw new WebhookNotFoundError();
  }

  /** A new secret, shown once; the old one keeps signing through the overlap, so receivers switch without a gap. */
  async rotateSecret(caller: CallerContext, id: string): Promise<RegisteredWebhook> {
    const secret = newWebhookSecret();
    const until = new Date(this.clock.now().getTime() + this.config.webhooks.secretOverlapSeconds * 1000);
    const row = await this.webhooks.rotate(caller.principal.agencyId, id, secret, until);
    if (!row) throw new WebhookNotFoundError();
    return { ...row, secret };
  }

  deliveries(caller: CallerContext, limit: number, status?: DeliveryStatus): Promise<DeliveryRow[]> {
    return this.webhooks.deliveries(caller.principal.agencyId, limit, status);
  }

  async replay(caller: CallerContext, eventId: string): Promise<string[]> {
    const agencyId = caller.principal.agencyId;
    if ((await this.webhooks.eventType(agencyId, eventId)) === null) throw new WebhookEventNotFoundError();
    const ids = await this.webhooks.replay(agencyId, eventId);
    if (ids.length === 0) throw new NoWebhookForEventError();
    return ids;
  }

  /**
   * The URL's shape always; in production also where it resolves to now (it is checked again, and
   * pinned, at every delivery: an answer can change).
   */
  private async checkTarget(url: string): Promise<void> {
    try {
      parseTarget(url, this.config.webhooks);
      if (this.config.webhooks.refusePrivateTargets) await resolveTarget(url, this.config.webhooks);
    } catch (error) {
      if (error instanceof TargetRefused) throw new WebhookTargetRefusedError(error.message);
      throw error;
    }
  }
}
