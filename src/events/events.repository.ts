import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { logAppend, nothing, type Statement } from '../database/statement';
import { type EventType, type NewAgencyEvent } from './event.vocabulary';

export interface EventPosition {
  position: string;
  id: string;
}

export interface EventRow extends EventPosition {
  type: EventType;
  referralId: string | null;
  consentId: string | null;
  recordId: string | null;
  caseId: string | null;
  createdAt: Date;
}

@Injectable()
export class EventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Events of one transaction, in one call. They enter the feed when the log's next integration
   * sequences them (decision 0037), so the statement asks the transaction runner for one.
   */
  insertMany(events: readonly NewAgencyEvent[]): Statement<void> {
    const rows = events.map((event) => ({
      agency: event.agencyId,
      type: event.type,
      referral: event.referralId ?? null,
      consent: event.consentId ?? null,
      record: event.recordId ?? null,
      case: event.caseId ?? null,
    }));
    return logAppend(`SELECT ccr_publish_events($1::jsonb)`, [JSON.stringify(rows)], nothing);
  }

  /** The agency's sequenced events after `after`, in (position, id) order: the order they became visible. */
  feed(agencyId: string, after: EventPosition | null, limit: number): Promise<EventRow[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, position::text AS position, type, referral_id AS "referralId", consent_id AS "consentId",
              record_id AS "recordId", case_id AS "caseId", created_at AS "createdAt"
         FROM agency_events e
        WHERE e.agency_id = $1 AND e.position IS NOT NULL AND ($2::bigint IS NULL OR (e.position, e.id) > ($2::bigint, $3::bigint))
        ORDER BY e.position, e.id -- the columns, not the text aliases above
        LIMIT $4`,
      [agencyId, after?.position ?? null, after?.id ?? null, limit],
    );
  }
}
