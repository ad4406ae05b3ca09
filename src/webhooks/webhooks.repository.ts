import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WEBHOOK_DISPATCH_QUEUE } from '../scheduler/scheduler.queues';
import { type DeliveryStatus } from './entities/webhook.entities';

export interface EndpointRow {
  id: string;
  url: string;
  eventTypes: string[];
  createdAt: Date;
  previousSecretUntil: Date | null;
}

export interface DeliveryRow {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  replay: boolean;
  createdAt: Date;
}

/** A delivery taken by a dispatcher, with what it needs to send it (its endpoint's secrets, the event's ids). */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  createdAt: Date;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  referralId: string | null;
  consentId: string | null;
  recordId: string | null;
  caseId: string | null;
}

const ENDPOINT_COLUMNS = `id, url, event_types AS "eventTypes", created_at AS "createdAt", previous_secret_until AS "previousSecretUntil"`;
const DELIVERY_COLUMNS = `id, endpoint_id AS "endpointId", event_id::text AS "eventId", event_type AS "eventType", status, attempts,
  next_attempt_at AS "nextAttemptAt", last_status_code AS "lastStatusCode", last_error AS "lastError", delivered_at AS "deliveredAt", replay, created_at AS "createdAt"`;
/** Same as the outbox trigger's: one waiting wake-up of the dispatcher. */
const WAKE_DISPATCHER = `INSERT INTO pgboss.job (name, singleton_key, policy) VALUES ('${WEBHOOK_DISPATCH_QUEUE}', 'outbox', 'short') ON CONFLICT DO NOTHING`;

/**
 * The only SQL of webhooks. What an agency asks for takes its agency id; the dispatcher's claims
 * and outcomes work across agencies by design (it delivers everyone's outbox) and touch only rows
 * it claimed.
 */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertEndpoint(agencyId: string, id: string, url: string, eventTypes: readonly string[], secret: string): Promise<EndpointRow> {
    const rows: EndpointRow[] = await this.dataSource.query(
      `INSERT INTO webhook_endpoints (id, agency_id, url, event_types, secret) VALUES ($1, $2, $3, $4, $5) RETURNING ${ENDPOINT_COLUMNS}`,
      [id, agencyId, url, eventTypes, secret],
    );
    return rows[0];
  }

  countActive(agencyId: string): Promise<number> {
    return this.dataSource.query(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE agency_id = $1 AND removed_at IS NULL`, [agencyId]).then((rows: { n: number }[]) => rows[0].n);
  }

  listActive(agencyId: string): Promise<EndpointRow[]> {
    return this.dataSource.query(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE agency_id = $1 AND removed_at IS NULL ORDER BY created_at, id`, [agencyId]);
  }

  /** Removes the endpoint and cancels what was still to be delivered to it. False if the agency has no such endpoint. */
  async remove(agencyId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH removed AS (
         UPDATE webhook_endpoints SET removed_at = now() WHERE agency_id = $1 AND id = $2 AND removed_at IS NULL RETURNING id
       ), cancelled AS (
         UPDATE webhook_deliveries d SET status = 'cancelled', last_error = 'endpoint removed'
           FROM removed WHERE d.endpoint_id = removed.id AND d.status = 'pending' RETURNING d.id
       )
       SELECT id FROM removed`,
      [agencyId, id],
    );
    return rows.length === 1;
  }

  /** The new secret signs from now on; the current one becomes the previous, signing too until `until`. */
  async rotate(agencyId: string, id: string, secret: string, until: Date): Promise<EndpointRow | null> {
    const [rows]: [EndpointRow[], number] = await this.dataSource.query(
      `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = $4, secret = $3
        WHERE agency_id = $1 AND id = $2 AND removed_at IS NULL RETURNING ${ENDPOINT_COLUMNS}`,
      [agencyId, id, secret, until],
    );
    return rows[0] ?? null;
  }

  deliveries(agencyId: string, limit: number, status: DeliveryStatus | undefined): Promise<DeliveryRow[]> {
    return this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE agency_id = $1 AND ($3::text IS NULL OR status = $3)
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      [agencyId, limit, status ?? null],
    );
  }

  /** The event's type, if the event is the agency's. */
  async eventType(agencyId: string, eventId: string): Promise<string | null> {
    const rows: { type: string }[] = await this.dataSource.query(`SELECT type FROM agency_events WHERE agency_id = $1 AND id = $2::bigint`, [agencyId, eventId]);
    return rows[0]?.type ?? null;
  }

  /** New deliveries of the agency's event to each of its endpoints that takes its type, and a wake-up. */
  async replay(agencyId: string, eventId: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO webhook_deliveries (id, agency_id, endpoint_id, event_id, event_type, replay)
         SELECT gen_random_uuid(), e.agency_id, w.id, e.id, e.type, true
           FROM agency_events e JOIN webhook_endpoints w ON w.agency_id = e.agency_id AND w.removed_at IS NULL
            AND (cardinality(w.event_types) = 0 OR e.type = ANY (w.event_types))
          WHERE e.agency_id = $1 AND e.id = $2::bigint
         RETURNING id`,
        [agencyId, eventId],
      );
      if (rows.length > 0) await manager.query(WAKE_DISPATCHER);
      return rows.map((row) => row.id);
    });
  }

  /**
   * Takes up to `limit` deliveries due at `now` (skipping those another dispatcher holds) and leases
   * them until `leaseUntil`, counting the attempt: committed at once, so a dispatcher that dies
   * mid-delivery leaves them due again when the lease ends (delivered at least once).
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows]: [ClaimedDelivery[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
          ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_deliveries d SET next_attempt_at = $2, attempts = d.attempts + 1
         FROM due, webhook_endpoints w, agency_events e
        WHERE d.id = due.id AND w.id = d.endpoint_id AND e.id = d.event_id
       RETURNING d.id, d.attempts, d.created_at AS "createdAt", d.event_id::text AS "eventId", d.event_type AS "eventType", e.created_at AS "occurredAt",
                 w.url, w.secret, w.previous_secret AS "previousSecret", w.previous_secret_until AS "previousSecretUntil",
                 e.referral_id AS "referralId", e.consent_id AS "consentId", e.record_id AS "recordId", e.case_id AS "caseId"`,
      [now, leaseUntil, limit],
    );
    return rows;
  }

  async delivered(id: string, statusCode: number, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $3, last_status_code = $2, last_error = NULL WHERE id = $1 AND status = 'pending'`, [id, statusCode, at]);
  }

  /** A failed attempt: due again at `retryAt`, or dead-lettered when that is null. */
  async failed(id: string, statusCode: number | null, error: string, retryAt: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET last_status_code = $2, last_error = $3, status = CASE WHEN $4::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
              next_attempt_at = COALESCE($4::timestamptz, next_attempt_at)
        WHERE id = $1 AND status = 'pending'`,
      [id, statusCode, error, retryAt],
    );
  }

  /** When the next pending delivery falls due (a lease's end included). */
  async nextDue(): Promise<Date | null> {
    const rows: { at: Date | null }[] = await this.dataSource.query(`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'pending'`);
    return rows[0].at;
  }
}
