import type { EventType } from '../../events/event.vocabulary';
import type { AreaContext } from './area-context';

/** What changed for this agency: ids only, never content. */
export interface AgencyEvent {
  /** Position of this event in the feed (opaque); pass as `after` to continue after it. */
  cursor: string;
  type: EventType;
  referralId: string | null;
  consentId: string | null;
  recordId: string | null;
  caseId: string | null;
  occurredAt: string;
}

export interface EventPage {
  events: AgencyEvent[];
  /** Pass as `after` next time; unchanged when nothing new was visible yet. */
  next: string | null;
}

export interface FeedOptions {
  /** Continue after this cursor (a `next` or an event's `cursor`); omit to start from the beginning. */
  after?: string | null;
  /** Events per request (1–500). */
  limit?: number;
}

export interface FollowOptions extends FeedOptions {
  /** Wait between polls when nothing new arrived (default 5 s). */
  intervalMs?: number;
  /** Stop following. */
  signal?: AbortSignal;
}

/**
 * The change feed: new referrals, status changes, outcome notes, shared notes and records,
 * revocations. The server only shows an event once nothing older can still appear, so a cursor
 * never skips one; keep the last cursor you processed and resume from it.
 */
export class EventsApi {
  constructor(private readonly context: AreaContext) {}

  /** One request: the events after `after`, and the cursor to continue from. */
  async poll(options: FeedOptions = {}): Promise<EventPage> {
    const query = { after: options.after ?? undefined, limit: options.limit };
    return (await this.context.http.request<EventPage>({ method: 'GET', path: '/events', query })).body;
  }

  /** Every event visible now after `after`, page by page; ends when the feed is drained. */
  async *feed(options: FeedOptions = {}): AsyncGenerator<AgencyEvent, void, undefined> {
    let after = options.after ?? null;
    for (;;) {
      const page = await this.poll({ after, limit: options.limit });
      yield* page.events;
      if (page.events.length === 0 || page.next === after) return;
      after = page.next;
    }
  }

  /** Like feed(), then keeps polling every `intervalMs` until `signal` aborts (the iteration then ends). */
  async *follow(options: FollowOptions = {}): AsyncGenerator<AgencyEvent, void, undefined> {
    let after = options.after ?? null;
    while (!options.signal?.aborted) {
      const page = await this.poll({ after, limit: options.limit });
      yield* page.events;
      after = page.next;
      if (page.events.length === 0 && !(await pause(options.intervalMs ?? 5_000, options.signal))) return;
    }
  }
}

/** Waits, or returns false at once when the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
