import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { queueAtCommit } from '../database/transactions';
import { cursorCodec } from '../platform/paging/cursor';
import { type EventPosition, type EventRow, EventsRepository } from './events.repository';
import { type NewAgencyEvent } from './event.vocabulary';

export interface EventPage {
  events: EventRow[];
  /** Pass as `after` to continue; unchanged when nothing new was visible yet. */
  next: string | null;
}

/**
 * Oldest first: (position, id) ascending. Agencies keep the last cursor they processed across
 * releases, so the format before the shared codec ("position:id") is still read.
 */
export const EVENT_CURSOR = cursorCodec(
  'events',
  { position: 'bigint', id: 'bigint' },
  {
    parameter: 'after',
    legacy: (decoded) => {
      const match = /^(\d{1,19}):(\d{1,19})$/.exec(decoded);
      return match ? { position: match[1], id: match[2] } : null;
    },
  },
);

export function eventCursor(event: EventPosition): string {
  return EVENT_CURSOR.encode({ position: event.position, id: event.id });
}

@Injectable()
export class EventsService {
  constructor(private readonly events: EventsRepository) {}

  /**
   * Records an event in the caller's transaction: it appears only if the change commits, once the
   * log's integration after that commit has sequenced it (decision 0037). Written at the end of the
   * transaction, in one statement with the transaction's other events.
   */
  publish(manager: EntityManager, event: NewAgencyEvent): Promise<void> {
    return queueAtCommit(manager, this, event, (events) => this.events.insertMany(events));
  }

  async feed(caller: CallerContext, after: string | undefined, limit: number): Promise<EventPage> {
    const position = after ? EVENT_CURSOR.decode(after) : null;
    const events = await this.events.feed(caller.principal.agencyId, position, limit);
    const last = events.at(-1);
    return { events, next: last ? eventCursor(last) : position && eventCursor(position) };
  }
}
