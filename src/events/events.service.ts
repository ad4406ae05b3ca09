import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { queueAtCommit } from '../database/transactions';
import { InvalidCursorError } from './events.errors';
import { type EventPosition, type EventRow, EventsRepository } from './events.repository';
import { type NewAgencyEvent } from './event.vocabulary';

export interface EventPage {
  events: EventRow[];
  /** Pass as `after` to continue; unchanged when nothing new was visible yet. */
  next: string | null;
}

export function encodeCursor(position: EventPosition): string {
  return Buffer.from(`${position.position}:${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): EventPosition {
  const match = /^(\d{1,19}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new InvalidCursorError();
  return { position: match[1], id: match[2] };
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
    const position = after ? decodeCursor(after) : null;
    const events = await this.events.feed(caller.principal.agencyId, position, limit);
    const last = events.at(-1);
    return { events, next: last ? encodeCursor(last) : (after ?? null) };
  }
}
