import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../../agencies/agency.entity';
import { AgencyEventEntity } from '../../events/agency-event.entity';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * An agency system's HTTPS endpoint for push delivery (decision 0119). The secret signs (Standard
 * Webhooks HMAC): the server must hold it to sign, it opens nothing, and it is shown once. After a
 * rotation the previous secret signs too, until `previous_secret_until`.
 */
@Entity({ name: 'webhook_endpoints' })
@Index('webhook_endpoints_agency', ['agencyId'])
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Column({ type: 'text' })
  url!: string;

  /** The event types delivered; empty: every type. */
  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  @Column({ type: 'text' })
  secret!: string;

  @Column({ name: 'previous_secret', type: 'text', nullable: true })
  previousSecret!: string | null;

  @Column({ name: 'previous_secret_until', type: 'timestamptz', nullable: true })
  previousSecretUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Removed endpoints are kept for the delivery log; nothing more is delivered to them. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}

/**
 * The outbox: one row per event and endpoint, written by a trigger on agency_events in the
 * transaction that wrote the event (decision 0120), then delivered, retried, or dead-lettered.
 */
@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('webhook_deliveries_agency', ['agencyId', 'createdAt', 'id'])
@Index('webhook_deliveries_endpoint', ['endpointId'])
@Index('webhook_deliveries_event', ['eventId'])
@Check('webhook_deliveries_status', `"status" IN ('pending', 'delivered', 'dead', 'cancelled')`)
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @ManyToOne(() => WebhookEndpointEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpointEntity;

  @Column({ name: 'event_id', type: 'bigint' })
  eventId!: string;

  @ManyToOne(() => AgencyEventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: AgencyEventEntity;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When a dispatcher may take it next (also its lease while one delivers it). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** A manual replay (by event id), not the event's first delivery. */
  @Column({ type: 'boolean', default: false })
  replay!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
