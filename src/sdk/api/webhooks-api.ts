import { CcrUsageError } from '../errors';
import { apiPath } from '../http/api-path';
import type { AreaContext } from './area-context';
import { requireUuid } from './validate';

/** An endpoint of this agency's system for push delivery (Standard Webhooks). */
export interface Webhook {
  id: string;
  url: string;
  /** Empty: every event type. */
  eventTypes: string[];
  createdAt: string;
  /** After a rotation, the previous secret signs too until then. */
  previousSecretValidUntil: string | null;
}

/** As registered or rotated: the signing secret is in this answer only. */
export interface WebhookWithSecret extends Webhook {
  secret: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

/** One event sent to one endpoint, as the delivery log shows it. */
export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  replay: boolean;
  createdAt: string;
}

/**
 * Push delivery to this agency's systems (decisions 0119–0121): endpoints, secret rotation, the
 * delivery log and replays. Verify what arrives with the `standardwebhooks` library's
 * `Webhook.verify` and the secret.
 */
export class WebhooksApi {
  constructor(private readonly context: AreaContext) {}

  async add(url: string, eventTypes: readonly string[] = []): Promise<WebhookWithSecret> {
    if (typeof url !== 'string' || url.length === 0) throw new CcrUsageError('a webhook needs a URL');
    return (await this.context.http.request<WebhookWithSecret>({ method: 'POST', path: apiPath`/agencies/${this.context.agencyId}/webhooks`, json: { url, eventTypes } })).body;
  }

  async list(): Promise<Webhook[]> {
    return (await this.context.http.request<Webhook[]>({ method: 'GET', path: apiPath`/agencies/${this.context.agencyId}/webhooks` })).body;
  }

  async rotateSecret(webhookId: string): Promise<WebhookWithSecret> {
    const path = apiPath`/agencies/${this.context.agencyId}/webhooks/${requireUuid(webhookId, 'webhookId')}/secret`;
    return (await this.context.http.request<WebhookWithSecret>({ method: 'POST', path, json: {} })).body;
  }

  async remove(webhookId: string): Promise<void> {
    await this.context.http.request({ method: 'DELETE', path: apiPath`/agencies/${this.context.agencyId}/webhooks/${requireUuid(webhookId, 'webhookId')}` });
  }

  async deliveries(options: { limit?: number; status?: WebhookDeliveryStatus } = {}): Promise<WebhookDelivery[]> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.status !== undefined) query.set('status', options.status);
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    return (await this.context.http.request<WebhookDelivery[]>({ method: 'GET', path: `${apiPath`/agencies/${this.context.agencyId}/webhook-deliveries`}${suffix}` })).body;
  }

  /** Delivers an event of this agency again to each endpoint that takes its type; answers the new deliveries' ids. */
  async replay(eventId: string): Promise<string[]> {
    if (!/^[1-9]\d{0,17}$/.test(eventId)) throw new CcrUsageError('eventId must be an event id (digits)');
    const path = apiPath`/agencies/${this.context.agencyId}/webhook-deliveries`;
    return (await this.context.http.request<{ deliveryIds: string[] }>({ method: 'POST', path, json: { eventId } })).body.deliveryIds;
  }
}
